using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCue.LocalCue.Interop;

namespace OpenCue.LocalCue.Running;

/// <summary>
/// Runs frames as real processes on Linux the way RQD's <c>runLinux</c> does: Cuebot's command
/// tokens substituted, the command written to a temp file run by <c>/bin/sh</c> in its own
/// session and process group (<see cref="Interop.ProcessSpawn"/>), a fresh environment, stdout and stderr copied into
/// <c>&lt;log dir&gt;/&lt;job&gt;.&lt;frame&gt;.rqlog</c> between RQD's header and footer, kills sent to
/// the whole process group, and Cuebot's layer timeouts enforced locally. Its CPU time and peak memory
/// come from the kernel when its leader is reaped (<c>wait4</c>), and its memory is sampled while it runs
/// (<see cref="FrameSampler"/>). Unlike RQD, a frame never
/// runs as root and its command file is private to its user (<see cref="FrameUserPolicy"/>,
/// <see cref="FrameDirectories"/>).
/// </summary>
internal sealed class ProcessFrameRunner : IFrameRunner, IDisposable
{
    private readonly FrameRunnerOptions _options;
    private readonly ILogger _logger;
    private readonly FrameDirectories _directories;
    private readonly FrameSampler _sampler;

    /// <summary>Creates a runner and removes what frames of an earlier run of the same instance left in its private directories.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">The sample interval is not positive.</exception>
    /// <exception cref="ArgumentException">The user options are invalid.</exception>
    public ProcessFrameRunner(FrameRunnerOptions? options = null)
    {
        _options = options ?? new FrameRunnerOptions();
        if (_options.LluSampleInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.LluSampleInterval, "The sample interval must be positive.");
        }

        if (_options.RssSampleInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.RssSampleInterval, "The memory sample interval must be positive.");
        }

        var problems = new List<string>();
        (_options.Users ?? throw new ArgumentException("FrameRunnerOptions.Users is required.", nameof(options))).Validate(problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid FrameRunnerOptions: " + string.Join("; ", problems) + ".", nameof(options));
        }

        _logger = (_options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ProcessFrameRunner>();
        int uid = NativeMethods.GetEffectiveUserId();
        _directories = new FrameDirectories(_options.TempDirectory, _options.InstanceKey, uid, Setpriv.Find(_options.SetprivPath), _logger);
        _directories.Start();
        _sampler = new FrameSampler(_options.RssSampleInterval, _options.TimeProvider ?? TimeProvider.System, _logger);
    }

    /// <summary>Stops sampling, and removes this instance's base directory of private frame directories when no frame uses it any more (it is empty); frames still running are not touched.</summary>
    public void Dispose()
    {
        _sampler.Dispose();
        _directories.RemoveBaseIfEmpty();
    }

    /// <summary>This instance's base directory of private frame directories.</summary>
    internal string FrameDirectoryBase => _directories.BasePath;

    /// <summary>The memory sampler of the running frames (tests).</summary>
    internal FrameSampler Sampler => _sampler;

    /// <summary>The private frame directories (tests).</summary>
    internal FrameDirectories Directories => _directories;

    /// <summary>
    /// Starts a frame. Never throws for a frame that cannot run: a bad range, an unwritable log or
    /// temp directory, a uid it must not run as, a missing <c>setpriv</c> or a program that cannot be started complete the frame at once with
    /// <see cref="FrameRunResult.FailedToLaunch"/> and exit status 256, as RQD reports it.
    /// </summary>
    /// <param name="request">The frame.</param>
    /// <returns>The running frame; its process has been started when this returns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public IRunningFrame Start(FrameRunRequest request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var frame = new RunningFrame(request, _options, _directories, _sampler, _logger);
        frame.Launch();
        return frame;
    }
}
