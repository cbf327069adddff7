using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Pipes;
using System.Text;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using OpenCue.Authoring;
using OpenCue.LocalCue.Interop;

namespace OpenCue.LocalCue.Running;

/// <summary>One frame run by <see cref="ProcessFrameRunner"/>: launch, output copying, sampling, kill, result.</summary>
internal sealed class RunningFrame : IRunningFrame
{
    /// <summary>RQD's <c>EXITSTATUS_FOR_FAILED_LAUNCH</c>.</summary>
    internal const int FailedLaunchStatus = 256;

    private const int SignalExitBase = 128;
    private const int MaxPendingLine = 1 << 20;
    private const int WaitThreadStackSize = 256 * 1024;

    private readonly object _gate = new object();
    private readonly FrameRunRequest _request;
    private readonly FrameRunnerOptions _options;
    private readonly FrameDirectories _directories;
    private readonly FrameSampler _sampler;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    // Continuations may run on the thread that completes the frame (the monitor's, a pool thread, at its very end):
    // the scheduler books the freed slot there without another thread hop.
    private readonly TaskCompletionSource<FrameRunResult> _completion = new TaskCompletionSource<FrameRunResult>();

    private SafePipeHandle? _output;
    private AnonymousPipeClientStream? _outputStream;
    private FrameLog? _log;
    private string? _commandFile;
    private IReadOnlyList<string>? _skippedVariables;
    private string? _frameDirectory;
    private FrameIdentity? _identity;
    private string _logPath = string.Empty;
    private DateTimeOffset _startTime;
    private int _pid;
    private long _spawnPeakKb;
    private int _sampling;

    // Guarded by _gate.
    private string? _killMessage;
    private bool _killRequested;
    private bool _killDelivered;
    private bool _exited;
    private bool _completed;
    private bool _timedOut;
    private bool _lluTimedOut;
    private long _maxRssKb;
    private long _currentRssKb;

    internal RunningFrame(FrameRunRequest request, FrameRunnerOptions options, FrameDirectories directories, FrameSampler sampler, ILogger logger)
    {
        _request = request;
        _options = options;
        _directories = directories;
        _sampler = sampler;
        _logger = logger;
        _time = options.TimeProvider ?? TimeProvider.System;
    }

    private enum KillCause
    {
        Request,
        Timeout,
        LluTimeout,
    }

    /// <inheritdoc />
    public int ProcessId => Volatile.Read(ref _pid);

    /// <inheritdoc />
    public Task<FrameRunResult> Completion => _completion.Task;

    /// <inheritdoc />
    public long CurrentRssKb
    {
        get
        {
            lock (_gate)
            {
                return _exited ? 0 : _currentRssKb;
            }
        }
    }

    /// <inheritdoc />
    public long MaxRssKb
    {
        get
        {
            lock (_gate)
            {
                return _maxRssKb;
            }
        }
    }

    /// <inheritdoc />
    public void Kill(string reason) => KillGroup(reason, KillCause.Request);

    /// <summary>
    /// Decides who the frame runs as, writes its private command file and the log header and starts
    /// the process; never throws.
    /// </summary>
    internal void Launch()
    {
        _startTime = _time.GetUtcNow();
        try
        {
            string logFileName = FrameLog.FileName(_request.JobName, _request.FrameName);
            _logPath = FrameLog.PathIn(_request.LogDirectory, logFileName);
            string command = SubstituteTokens();

            // Decided once: the log belongs to the frame's user (LocalCue's when the frame is refused, so the refusal is logged).
            FrameUserDecision decision = DecideIdentity();
            _log = FrameLog.Open(_request.LogDirectory ?? string.Empty, logFileName, decision.Identity);
            _logPath = _log.FilePath;
            FrameIdentity identity = Accept(decision);
            string? setpriv = identity.Switches && !SwitchesItself ? RequireSetpriv(identity) : null;
            Dictionary<string, string>? environment = null;
            _frameDirectory = _directories.Create(
                SafeFileNamePart(_request.FrameId),
                _time.GetUtcNow().UtcTicks,
                directory =>
                {
                    environment = FrameEnvironment.Build(_request, _options, logFileName, identity: identity, frameDirectory: directory);
                    return identity.Switches ? FrameEnvironment.ExportPrefix(environment, out _skippedVariables) + command : command;
                },
                identity,
                out string commandFile);
            _commandFile = commandFile;
            _identity = identity;

            _startTime = _time.GetUtcNow();
            _log.Write(FrameLog.FormatHeader(new LogHeader
            {
                StartTime = _startTime,
                TimeZone = _time.LocalTimeZone,
                Command = command,
                Uid = identity.Uid,
                Gid = identity.Gid,
                LogPath = _logPath,
                WorkingDirectory = _frameDirectory,
                HostName = _options.HostName,
                JobId = _request.JobId,
                FrameId = _request.FrameId,
                Environment = environment!,
            }));

            if (_skippedVariables is { Count: > 0 })
            {
                _log.Write("WARNING: not passed to the frame, not shell variable names (the environment is set by the shell after the switch to uid "
                    + identity.Uid.ToString(CultureInfo.InvariantCulture) + "): " + string.Join(", ", _skippedVariables) + "\n");
            }

            // Never a silent lie: a frame that cannot run as its job's uid says so right after the header.
            if (identity.Warning != null)
            {
                _log.Write(identity.Warning + "\n");
                RunnerLog.NotJobUser(_logger, _request.FrameName, _request.JobName, identity.Warning);
            }

            int pid = StartProcess(environment!, identity, setpriv);
            Volatile.Write(ref _pid, pid);
            _sampler.Register(pid, this);
        }
#pragma warning disable CA1031 // A frame that cannot start is reported, never thrown (RQD's failed launch).
        catch (Exception e)
#pragma warning restore CA1031
        {
            FailLaunch(e);
            return;
        }

        RunnerLog.FrameStarted(_logger, _request.FrameName, _request.JobName, _pid, _logPath);
        _ = MonitorAsync();
    }

    private FrameUserDecision DecideIdentity() =>
        FrameUserPolicy.Decide(
            _request.Uid,
            _request.User ?? string.Empty,
            _options.Users,
            NativeMethods.GetEffectiveUserId(),
            NativeMethods.GetEffectiveGroupId(),
            NativeMethods.GetPasswdEntry);

    private FrameIdentity Accept(FrameUserDecision decision)
    {
        if (decision.Identity is null)
        {
            RunnerLog.FrameRefused(_logger, _request.FrameName, _request.JobName, decision.Refusal!);
            throw new InvalidOperationException(decision.Refusal);
        }

        if (decision.Identity.Switches)
        {
            RunnerLog.RunsAs(_logger, _request.FrameName, _request.JobName, decision.Identity.Uid, decision.Identity.Gid);
        }

        return decision.Identity;
    }

    private string RequireSetpriv(FrameIdentity identity)
    {
        // Found once, when the runner was made.
        string? setpriv = _directories.SetprivPath;
        if (setpriv != null)
        {
            return setpriv;
        }

        string where = _options.SetprivPath ?? string.Join(" or ", Setpriv.DefaultLocations);
        RunnerLog.SetprivMissing(_logger, _request.FrameName, _request.JobName, where, identity.Uid, NativeMethods.GetEffectiveUserId());
        throw new FileNotFoundException(
            "setpriv (util-linux) was not found at " + where + "; it is needed to run the frame as uid "
            + identity.Uid.ToString(CultureInfo.InvariantCulture) + ", and the frame never runs as LocalCue's own user in its place.");
    }

    private string SubstituteTokens()
    {
        var range = _request.ParsedLayerRange ?? FrameSet.Parse(_request.LayerRange);
        var context = DispatchContext.For(range, _request.FrameNumber, _request.Chunk, _request.LayerName, _request.JobName);
        if (!string.IsNullOrEmpty(_request.FrameName) && context.FrameName != _request.FrameName)
        {
            context = new DispatchContext(context.FrameNumber, context.EndFrame, context.Chunk, context.LayerName, context.JobName, context.FrameSpec, _request.FrameName);
        }

        return DispatchTokens.Substitute(_request.Command ?? string.Empty, context);
    }

    /// <summary>
    /// Whether a frame that must switch users is started as its user directly (<see cref="ProcessSpawn.CanSwitchUser"/>),
    /// without the exec of <c>setpriv</c>; a configured <see cref="FrameRunnerOptions.SetprivPath"/> keeps <c>setpriv</c>.
    /// </summary>
    private bool SwitchesItself => ProcessSpawn.CanSwitchUser && _options.SetprivPath is null;

    // The frame's process starts its own session (posix_spawn's POSIX_SPAWN_SETSID), as the frame's user (the spawning
    // thread takes its ids, or setpriv switches and execs the shell): one process, whose id is the frame's session and
    // process group; nothing forks in .NET.
    private int StartProcess(Dictionary<string, string> environment, FrameIdentity identity, string? setpriv)
    {
        var arguments = new List<string>();
        var variables = new List<string>();
        SpawnUser? user = null;
        if (identity.Switches && setpriv is null)
        {
            // The shell starts as the frame's user with a fixed PATH only, as after setpriv: it sets the frame's environment
            // from the first line of the private command file.
            user = new SpawnUser(identity.Uid, identity.Gid, identity.SupplementaryGroups.Where(g => g > 0).ToList());
            variables.Add("PATH=" + FrameEnvironment.RqdPath);
        }
        else if (setpriv != null)
        {
            // setpriv would start and then fail to exec it: a missing shell is a failed launch either way.
            RequireProgram(_options.ShellPath);
            arguments.Add(setpriv);
            arguments.AddRange(Setpriv.SwitchArguments(identity.Uid, identity.Gid, identity.SupplementaryGroups));

            // setpriv runs as root until it switches: nothing of the job's (LD_PRELOAD, LD_LIBRARY_PATH, GCONV_PATH,
            // ...) may reach it. It and the shell start with a fixed PATH only; the shell sets the frame's
            // environment from the first line of the private command file, as the frame's user.
            variables.Add("PATH=" + FrameEnvironment.RqdPath);
        }
        else
        {
            foreach (var variable in environment)
            {
                variables.Add(variable.Key + "=" + variable.Value);
            }
        }

        arguments.Add(_options.ShellPath);
        arguments.Add(_commandFile!);

        // The frame's own private directory as the working directory, not the shared temp directory where another
        // user could plant a module or a program that a relative name would pick up.
        int pid = ProcessSpawn.Start(arguments[0], arguments, variables, _frameDirectory!, out SafePipeHandle output, user);
        _output = output;

        // Read after the child's exec (posix_spawn returns then), so at least what that exec recorded; see Finish.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            _spawnPeakKb = ProcessGroupStats.OwnPeakKb(ref buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return pid;
    }

    private static void RequireProgram(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The program " + path + " does not exist.", path);
        }
    }

    private async Task MonitorAsync()
    {
        int exitCode = -1;
        ProcessExit? exit = null;
        bool killed = false;
        try
        {
            using var pumpCancellation = new CancellationTokenSource();
            Task pumps = Task.CompletedTask;
            ITimer? sampler = null;
            try
            {
                _outputStream = new AnonymousPipeClientStream(PipeDirection.In, _output!);
                pumps = PumpAsync(_outputStream, pumpCancellation.Token);

                // The first sample is at the first tick, as RQD's: never on the thread that starts the frame.
                sampler = _time.CreateTimer(_ => OnSampleTick(), null, _options.LluSampleInterval, _options.LluSampleInterval);
                exit = await WaitForExitAsync(_pid).ConfigureAwait(false);
                exitCode = exit.Value.ExitCode;
            }
            finally
            {
                lock (_gate)
                {
                    _exited = true;
                    killed = _killDelivered;
                }

                _sampler.Unregister(_pid);

                // Waits for a sample in progress; completes at once (no thread hop) when there is none.
                if (sampler != null)
                {
                    await sampler.DisposeAsync().ConfigureAwait(false);
                }

                if (_options.KillProcessGroupOnExit)
                {
                    NativeMethods.KillProcessGroup(_pid, out _);
                }

                if (!pumps.IsCompleted)
                {
                    await DrainAsync(pumps, pumpCancellation).ConfigureAwait(false);
                }
            }
        }
#pragma warning disable CA1031 // The frame must complete whatever happens.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RunnerLog.LostTrack(_logger, e, _request.FrameName, _request.JobName);
            NativeMethods.KillProcessGroup(_pid, out _);
        }

        Finish(exitCode, exit, killed);
    }

    /// <summary>
    /// Reaps the frame's leader on a thread of its own (<c>wait4</c> blocks), which then goes on to finish the
    /// frame: the continuations run there, as they ran on .NET's reaping thread before.
    /// </summary>
    private static Task<ProcessExit> WaitForExitAsync(int pid)
    {
        var exited = new TaskCompletionSource<ProcessExit>();
        var thread = new Thread(
            () =>
            {
                try
                {
                    exited.SetResult(ProcessSpawn.Wait(pid));
                }
#pragma warning disable CA1031 // Handed to the monitor, which logs it and completes the frame.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    exited.SetException(e);
                }
            },
            WaitThreadStackSize)
        {
            IsBackground = true,
            Name = "LocalCue frame",
        };
        thread.UnsafeStart();
        return exited.Task;
    }

    private async Task DrainAsync(Task pumps, CancellationTokenSource pumpCancellation)
    {
        TimeSpan wait = _options.OutputDrainTimeout < TimeSpan.Zero ? TimeSpan.Zero : _options.OutputDrainTimeout;
        if (await WaitAsync(pumps, wait).ConfigureAwait(false))
        {
            return;
        }

        RunnerLog.OutputHeld(_logger, _request.FrameName, _request.JobName);
        await pumpCancellation.CancelAsync().ConfigureAwait(false);
        await WaitAsync(pumps, wait).ConfigureAwait(false);
    }

    /// <summary>Waits for <paramref name="task"/> at most <paramref name="timeout"/>.</summary>
    /// <returns><see langword="true"/> when it ended in time.</returns>
    private async Task<bool> WaitAsync(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout, _time).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A copier that failed has ended all the same.
        catch (Exception) when (task.IsCompleted)
#pragma warning restore CA1031
        {
        }
        catch (TimeoutException)
        {
            return false;
        }

        return true;
    }

    private async Task PumpAsync(Stream stream, CancellationToken cancellationToken)
    {
        // Buffers from the pool: most frames' output is a few lines, and a frame start should not cost 32 KB of garbage.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(8192);
        byte[]? pending = null;
        int pendingLength = 0;
        try
        {
            while (true)
            {
                int read = await stream.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                int start = 0;
                while (start < read)
                {
                    int newline = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                    int end = newline < 0 ? read : newline + 1;
                    if (newline >= 0 && pendingLength == 0)
                    {
                        _log!.Write(buffer, start, end - start);
                    }
                    else
                    {
                        Append(ref pending, ref pendingLength, buffer, start, end - start);
                        if (newline >= 0 || pendingLength >= MaxPendingLine)
                        {
                            _log!.Write(pending!, 0, pendingLength);
                            pendingLength = 0;
                        }
                    }

                    start = end;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException || e is IOException || e is ObjectDisposedException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // A last line without a newline is written as is (the footer starts with one).
        if (pending != null)
        {
            _log!.Write(pending, 0, pendingLength);
        }
    }

    private static void Append(ref byte[]? pending, ref int length, byte[] source, int offset, int count)
    {
        if (pending is null || length + count > pending.Length)
        {
            Array.Resize(ref pending, Math.Max(Math.Max(8192, (pending?.Length ?? 0) * 2), length + count));
        }

        Buffer.BlockCopy(source, offset, pending, length, count);
        length += count;
    }

    private void OnSampleTick()
    {
        // A tick that comes while the previous sample still runs is skipped.
        if (Interlocked.Exchange(ref _sampling, 1) != 0)
        {
            return;
        }

        try
        {
            Sample();
        }
#pragma warning disable CA1031 // Sampling is best effort and must not take the frame (or the timer's thread) down.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RunnerLog.SampleFailed(_logger, e, _request.FrameName, _request.JobName);
        }
        finally
        {
            Volatile.Write(ref _sampling, 0);
        }
    }

    private void Sample()
    {
        lock (_gate)
        {
            if (_exited)
            {
                return;
            }
        }

        CheckTimeouts();
    }

    /// <summary>
    /// Records a sample of the frame's session (<see cref="FrameSampler"/>): its current memory, and
    /// the peak as the larger of the sum now and the largest single-process peak.
    /// </summary>
    /// <param name="sample">What the pass over <c>/proc</c> found.</param>
    internal void Record(SessionSample sample)
    {
        lock (_gate)
        {
            if (_exited)
            {
                return;
            }

            _currentRssKb = sample.RssKb;
            _maxRssKb = Math.Max(_maxRssKb, Math.Max(sample.RssKb, sample.PeakKb));
        }
    }

    private void CheckTimeouts()
    {
        lock (_gate)
        {
            if (_killRequested || _exited)
            {
                return;
            }
        }

        DateTimeOffset now = _time.GetUtcNow();
        if (FrameTimeouts.IsTimedOut(now - _startTime, _request.TimeoutMinutes, _options.TimeoutOverride))
        {
            KillGroup(FrameTimeouts.TimedOutMessage, KillCause.Timeout);
            return;
        }

        if (_request.TimeoutLluMinutes <= 0)
        {
            return;
        }

        DateTime modified;
        try
        {
            modified = File.GetLastWriteTimeUtc(_logPath);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return;
        }

        // A missing file reads as 1601-01-01: Cuebot ignores an LLU time of 0.
        if (modified.Year > 1601
            && FrameTimeouts.IsLluTimedOut(now - new DateTimeOffset(modified, TimeSpan.Zero), _request.TimeoutLluMinutes, _options.LluTimeoutOverride))
        {
            KillGroup(FrameTimeouts.LluTimedOutMessage, KillCause.LluTimeout);
        }
    }

    private void KillGroup(string? reason, KillCause cause)
    {
        bool sent;
        int error;
        int pid;
        lock (_gate)
        {
            pid = _pid;
            if (_completed || pid <= 0)
            {
                RunnerLog.KillIgnored(_logger, _request.FrameName);
                return;
            }

            // As RQD: the first non-empty reason is kept.
            if (string.IsNullOrEmpty(_killMessage) && !string.IsNullOrEmpty(reason))
            {
                _killMessage = reason;
            }

            _killRequested = true;
            _timedOut |= cause == KillCause.Timeout;
            _lluTimedOut |= cause == KillCause.LluTimeout;

            // The group exists from the start: the child made its session before posix_spawn returned.
            sent = NativeMethods.KillProcessGroup(pid, out error);
            if (sent && !_exited)
            {
                _killDelivered = true;
            }
        }

        if (sent)
        {
            RunnerLog.FrameKilled(_logger, _request.FrameName, _request.JobName, pid, reason);
        }
        else
        {
            RunnerLog.KillFailed(_logger, _request.FrameName, _request.JobName, pid, error);
        }
    }

    /// <summary>
    /// Completes the frame. Its CPU time is the kernel's, for the leader and every process it waited for. Its
    /// peak is the larger of the samples (the sum of its processes at a pass) and the kernel's figure at the
    /// reaping (the largest peak of any one process it waited for), which catches what ended between passes.
    /// That figure also holds LocalCue's own peak at the frame's start (the leader's first <c>exec</c>
    /// replaced LocalCue's memory, shared through <c>vfork</c>): it counts only when it is above that.
    /// </summary>
    private void Finish(int exitCode, ProcessExit? exit, bool killed)
    {
        // A group killed by SIGKILL shows as 128 + 9; RQD reports its killpg as 1 / 9.
        int status = exitCode;
        int signal = 0;
        if (killed && exitCode == SignalExitBase + NativeMethods.SigKill)
        {
            status = 1;
            signal = NativeMethods.SigKill;
        }

        DateTimeOffset end = _time.GetUtcNow();
        FrameRunResult result;
        lock (_gate)
        {
            _completed = true;
            result = new FrameRunResult
            {
                ExitStatus = status,
                ExitSignal = signal,
                MaxRssKb = Math.Max(_maxRssKb, exit is { MaxRssKb: long reaped } && reaped > _spawnPeakKb ? reaped : 0),
                UserSeconds = exit?.UserSeconds,
                SystemSeconds = exit?.SystemSeconds,
                StartTime = _startTime,
                StopTime = end,
                LogPath = _logPath,
                KillMessage = string.IsNullOrEmpty(_killMessage) ? null : _killMessage,
                TimedOut = _timedOut,
                LluTimedOut = _lluTimedOut,
            };
        }

        Complete(result);
        RunnerLog.FrameEnded(_logger, _request.FrameName, _request.JobName, status, signal);
    }

    private void FailLaunch(Exception error)
    {
        RunnerLog.LaunchFailed(_logger, error, _request.FrameName, _request.JobName);
        lock (_gate)
        {
            _completed = true;
        }

        Complete(new FrameRunResult
        {
            ExitStatus = FailedLaunchStatus,
            ExitSignal = 0,
            StartTime = _startTime,
            StopTime = _time.GetUtcNow(),
            LogPath = _logPath,
            FailedToLaunch = true,
        }, "Failed to launch the frame: " + error.Message + "\n");
    }

    private void Complete(FrameRunResult result, string? note = null)
    {
        try
        {
            if (_log != null)
            {
                if (note != null)
                {
                    _log.Write(note);
                }

                _log.Write(FrameLog.FormatFooter(new LogFooter
                {
                    ExitStatus = result.ExitStatus,
                    ExitSignal = result.ExitSignal,
                    KillMessage = result.KillMessage,
                    StartTime = result.StartTime,
                    EndTime = result.StopTime,
                    TimeZone = _time.LocalTimeZone,
                    MaxRssKb = result.MaxRssKb,
                    UserSeconds = result.UserSeconds,
                    SystemSeconds = result.SystemSeconds,
                    HostName = _options.HostName,
                }));
            }
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            RunnerLog.FooterNotWritten(_logger, e, _logPath);
        }
        finally
        {
            _log?.Dispose();
            DeleteFrameDirectory();
            _outputStream?.Dispose();
            _output?.Dispose();
            _completion.TrySetResult(result);
        }
    }

    private void DeleteFrameDirectory()
    {
        if (_frameDirectory is null || _commandFile is null || _identity is null)
        {
            return;
        }

        _directories.Remove(_frameDirectory, _commandFile, _identity);
    }

    private static string SafeFileNamePart(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "frame";
        }

        var builder = new StringBuilder(text!.Length);
        foreach (char c in text)
        {
            builder.Append(c == '/' || c == '\0' ? '_' : c);
        }

        return builder.ToString();
    }
}
