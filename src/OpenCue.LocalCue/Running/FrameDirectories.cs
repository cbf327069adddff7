using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenCue.LocalCue.Interop;

namespace OpenCue.LocalCue.Running;

/// <summary>
/// The private directories frames' command files live in. RQD writes <c>&lt;tmp&gt;/rqd-cmd-*</c> with
/// mode 0777, which anyone can append to while <c>/bin/sh</c> reads it; here each frame gets its own
/// directory (0700, owned by the frame's user) holding its command file (0400, same owner), under a
/// base directory of this LocalCue instance, <c>&lt;temp&gt;/localcue-&lt;euid&gt;-XXXXXX</c> made by
/// <c>mkdtemp</c> (an unpredictable name, so nobody can take it beforehand; 0711, owned by LocalCue,
/// checked with <c>lstat</c> before every frame). Its path is recorded in the instance's state
/// directory (<c>frame-base</c>, 0600) so the next start finds and empties what a killed run left;
/// a recorded base that is missing or fails the checks, at start or before a frame, is replaced by a
/// new one rather than stopping frames. Everything is created exclusively (<c>O_EXCL</c>,
/// <c>mkdir</c>) with its mode set explicitly, so neither the umask nor anything planted beforehand counts.
/// </summary>
internal sealed class FrameDirectories
{
    /// <summary>The file in the state directory that records the base directory's path.</summary>
    internal const string RecordFileName = "frame-base";

    private const UnixFileMode BaseMode = (UnixFileMode)0x1C9; // 0711: frame users may pass, not list
    private const UnixFileMode FrameDirectoryMode = (UnixFileMode)0x1C0; // 0700
    private const UnixFileMode CommandFileMode = (UnixFileMode)0x100; // 0400
    private const UnixFileMode RecordMode = (UnixFileMode)0x180; // 0600
    private const int GroupOrOtherWritable = 0x12; // 0022
    private const int GroupOrOtherAny = 0x3F; // 0077
    private const int MaxAttempts = 100;
    private static readonly TimeSpan RemoveTimeout = TimeSpan.FromMinutes(1);
    private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

    private readonly object _gate = new object();
    private readonly string _tempDirectory;
    private readonly string? _recordPath;
    private readonly int _currentUid;
    private readonly string? _setprivPath;
    private readonly ILogger _logger;
    private readonly HashSet<Task> _pending = new HashSet<Task>();
    private string? _basePath;

    /// <summary>Creates the manager; nothing is touched on disk until <see cref="Start"/>.</summary>
    /// <param name="tempDirectory">Where base directories are made.</param>
    /// <param name="recordDirectory">The instance's state directory, where the base's path is recorded; <see langword="null"/> records nothing (every runner then makes a new base).</param>
    /// <param name="currentUid">LocalCue's effective uid, which must own the base directory.</param>
    /// <param name="setprivPath">The <c>setpriv</c> that removes what frames of other users left; <see langword="null"/> when there is none.</param>
    /// <param name="logger">Logging.</param>
    internal FrameDirectories(string tempDirectory, string? recordDirectory, int currentUid, string? setprivPath, ILogger logger)
    {
        _tempDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(tempDirectory));
        _recordPath = recordDirectory is null ? null : Path.Combine(Path.GetFullPath(recordDirectory), RecordFileName);
        _currentUid = currentUid;
        _setprivPath = setprivPath;
        _logger = logger;
    }

    /// <summary>The <c>setpriv</c> found when the runner was made; <see langword="null"/> when there is none.</summary>
    internal string? SetprivPath => _setprivPath;

    /// <summary>The base directory in use; empty before one could be made.</summary>
    internal string BasePath
    {
        get
        {
            lock (_gate)
            {
                return _basePath ?? string.Empty;
            }
        }
    }

    /// <summary>
    /// At start: reuses the recorded base directory when it passes the checks, removing everything in
    /// it (what frames of an earlier run left when it was killed), else makes and records a new one.
    /// Never throws: when no base can be made, frames try again (and fail with the reason) later.
    /// </summary>
    internal void Start()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Frames run on Linux.");
        }

        lock (_gate)
        {
            string? recorded = ReadRecord();
            string reason = "none was recorded";
            if (recorded != null)
            {
                string? problem = Check(recorded);
                if (problem is null)
                {
                    _basePath = recorded;
                    RemoveLeftovers(recorded);
                    return;
                }

                reason = problem;
            }

            try
            {
                _basePath = MakeBase(reason);
            }
            catch (IOException e)
            {
                RunnerLog.BaseDirectoryUnusable(_logger, e.Message);
            }
        }
    }

    /// <summary>Removes the base directory if it is empty (<c>rmdir</c>); never throws.</summary>
    internal void RemoveBaseIfEmpty()
    {
        string path = BasePath;
        if (path.Length > 0)
        {
            TryDeleteDirectory(path);
        }
    }

    /// <summary>The base directory for the next frame: the current one when it passes the checks, else a new one (made and recorded).</summary>
    /// <returns>The base directory.</returns>
    /// <exception cref="IOException">No base directory can be made.</exception>
    [UnsupportedOSPlatform("windows")]
    private string EnsureBase()
    {
        lock (_gate)
        {
            string reason = "none could be made at start";
            if (_basePath != null)
            {
                string? problem = Check(_basePath);
                if (problem is null)
                {
                    return _basePath;
                }

                reason = problem;
            }

            _basePath = MakeBase(reason);
            return _basePath;
        }
    }

    /// <summary>Checks a base directory: a real directory owned by LocalCue, not writable by group or others.</summary>
    /// <returns><see langword="null"/> when frames may use it, else why not, naming the path.</returns>
    private string? Check(string basePath)
    {
        int error = NativeMethods.LinkStatus(basePath, out FileStatus status);
        if (error != 0)
        {
            return Unusable(basePath, "it cannot be read (" + Marshal.GetPInvokeErrorMessage(error) + ")");
        }

        if (status.IsSymbolicLink)
        {
            return Unusable(basePath, "it is a symbolic link, not a real directory");
        }

        if (!status.IsDirectory)
        {
            return Unusable(basePath, "it is not a directory");
        }

        if (status.Uid != _currentUid)
        {
            return Unusable(basePath, "it is owned by uid " + Text(status.Uid) + ", not by LocalCue's uid " + Text(_currentUid));
        }

        if ((status.Permissions & GroupOrOtherWritable) != 0)
        {
            return Unusable(basePath, "it is writable by group or others (mode " + Convert.ToString(status.Permissions, 8) + ")");
        }

        return null;
    }

    /// <summary>Makes a new base (<c>mkdtemp</c>, 0700, then 0711) and records it.</summary>
    /// <exception cref="IOException">It cannot be made.</exception>
    [UnsupportedOSPlatform("windows")]
    private string MakeBase(string reason)
    {
        string template = Path.Combine(_tempDirectory, "localcue-" + Text(_currentUid) + "-XXXXXX");
        string? made = NativeMethods.MakeTemporaryDirectory(template, out int error);
        if (made is null)
        {
            throw new IOException("no frame directory base can be made in " + _tempDirectory + " (" + Marshal.GetPInvokeErrorMessage(error) + ")");
        }

        // mkdtemp made it 0700 and it is ours in a sticky temp directory: nobody can swap it before the chmod.
        File.SetUnixFileMode(made, BaseMode);
        RunnerLog.NewBaseDirectory(_logger, made, reason);
        Record(made);
        return made;
    }

    /// <summary>The recorded base, if the record is LocalCue's own private file and names a base of this uid in the temp directory.</summary>
    private string? ReadRecord()
    {
        if (_recordPath is null
            || NativeMethods.LinkStatus(_recordPath, out FileStatus status) != 0
            || status.IsDirectory || status.IsSymbolicLink
            || status.Uid != _currentUid || (status.Permissions & GroupOrOtherAny) != 0)
        {
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(_recordPath, Utf8).Trim();
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return null;
        }

        string prefix = "localcue-" + Text(_currentUid) + "-";
        return Path.IsPathFullyQualified(text)
            && string.Equals(Path.GetDirectoryName(text), _tempDirectory, StringComparison.Ordinal)
            && Path.GetFileName(text).StartsWith(prefix, StringComparison.Ordinal)
            ? text
            : null;
    }

    /// <summary>Records the base atomically: a new private file renamed over the record.</summary>
    [UnsupportedOSPlatform("windows")]
    private void Record(string basePath)
    {
        if (_recordPath is null)
        {
            return;
        }

        string temporary = _recordPath + "." + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                BufferSize = 0,
                UnixCreateMode = RecordMode,
            }))
            {
                stream.Write(Utf8.GetBytes(basePath + "\n"));
                stream.Flush(flushToDisk: true);
            }

            int error = NativeMethods.Rename(temporary, _recordPath);
            if (error != 0)
            {
                throw new IOException(Marshal.GetPInvokeErrorMessage(error));
            }
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            TryDelete(temporary);
            RunnerLog.BaseNotRecorded(_logger, basePath, _recordPath, e.Message);
        }
    }

    /// <summary>Removes everything in a checked base directory. Never throws.</summary>
    private void RemoveLeftovers(string basePath)
    {
        int count = 0;
        try
        {
            foreach (string entry in Directory.EnumerateFileSystemEntries(basePath))
            {
                if (RemoveEntry(entry))
                {
                    count++;
                }
            }
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            RunnerLog.NotRemoved(_logger, basePath, e.Message);
        }

        if (count > 0)
        {
            RunnerLog.LeftoversRemoved(_logger, count, basePath);
        }
    }

    /// <summary>Creates a frame's private directory and its command file, owned by the frame's user.</summary>
    /// <param name="name">The frame's part of the names (its id).</param>
    /// <param name="ticks">A time stamp for unique names, as RQD's.</param>
    /// <param name="content">The command file's text, given the directory's path (it may name it, e.g. as <c>HOME</c>).</param>
    /// <param name="identity">Who the frame runs as.</param>
    /// <param name="commandFile">The command file.</param>
    /// <returns>The directory.</returns>
    /// <exception cref="IOException">The base directory is unusable, or a file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission.</exception>
    internal string Create(string name, long ticks, Func<string, string> content, FrameIdentity identity, out string commandFile)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Frames run on Linux.");
        }

        string basePath;
        try
        {
            basePath = EnsureBase();
        }
        catch (IOException e)
        {
            RunnerLog.BaseDirectoryUnusable(_logger, e.Message);
            throw;
        }

        string directory;
        for (int attempt = 0; ; attempt++)
        {
            directory = Path.Combine(basePath, name + "-" + (ticks + attempt).ToString(CultureInfo.InvariantCulture));
            int error = NativeMethods.MakeDirectory(directory, FrameDirectoryMode);
            if (error == 0)
            {
                break;
            }

            if (error != NativeMethods.AlreadyExists || attempt >= MaxAttempts)
            {
                throw new IOException("Cannot create the frame directory " + directory + ": " + Marshal.GetPInvokeErrorMessage(error));
            }
        }

        commandFile = Path.Combine(directory, "rqd-cmd-" + name + "-" + ticks.ToString(CultureInfo.InvariantCulture));
        try
        {
            File.SetUnixFileMode(directory, FrameDirectoryMode);
            using (var stream = new FileStream(commandFile, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                BufferSize = 0,
                UnixCreateMode = CommandFileMode,
            }))
            {
                stream.Write(Utf8.GetBytes(content(directory)));
            }

            File.SetUnixFileMode(commandFile, CommandFileMode);

            // Until the directory is handed over (last), only LocalCue can reach the file.
            if (identity.Switches)
            {
                Chown(commandFile, identity);
                Chown(directory, identity);
            }
        }
        catch
        {
            // Nothing is the frame user's yet: LocalCue removes it itself.
            TryDelete(commandFile);
            TryDeleteDirectory(directory);
            throw;
        }

        return directory;
    }

    /// <summary>
    /// After the frame: removes its command file and private directory, and anything the frame put
    /// there. The command file and an empty directory go at once; what the frame left (which can be a
    /// huge tree, removed by <c>rm -rf</c> as its owner, up to a minute) is removed on the thread pool,
    /// off the frame's completion, with the same safety, and logged when it fails. Never throws.
    /// </summary>
    /// <param name="directory">The frame directory.</param>
    /// <param name="commandFile">Its command file.</param>
    /// <param name="identity">Who the frame ran as.</param>
    internal void Remove(string directory, string commandFile, FrameIdentity identity)
    {
        // unlink and rmdir never follow a symbolic link, whatever the frame replaced the file with.
        TryDelete(commandFile);
        if (TryDeleteDirectory(directory))
        {
            return;
        }

        int uid = identity.Switches ? identity.Uid : _currentUid;
        Func<Task>? before = BeforeBackgroundRemoval;
        Task removal = Task.Run(async () =>
        {
            try
            {
                if (before != null)
                {
                    await before().ConfigureAwait(false);
                }

                RemoveTree(directory, uid, identity.Gid);
            }
#pragma warning disable CA1031 // A background removal never throws: it is logged, and the next start removes what is left.
            catch (Exception e)
#pragma warning restore CA1031
            {
                RunnerLog.NotRemoved(_logger, directory, e.Message);
            }
        });
        lock (_pending)
        {
            _pending.Add(removal);
        }

        removal.ContinueWith(
            done =>
            {
                lock (_pending)
                {
                    _pending.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Tests: awaited on the thread pool before a background removal starts.</summary>
    internal Func<Task>? BeforeBackgroundRemoval { get; set; }

    /// <summary>Completes when the background removals started so far have ended.</summary>
    /// <returns>The task.</returns>
    internal Task PendingRemovals()
    {
        lock (_pending)
        {
            return Task.WhenAll(_pending.ToArray());
        }
    }

    private bool RemoveEntry(string entry)
    {
        int error = NativeMethods.LinkStatus(entry, out FileStatus status);
        if (error != 0)
        {
            return false;
        }

        if (!status.IsDirectory)
        {
            return TryDelete(entry);
        }

        return TryDeleteDirectory(entry) || RemoveTree(entry, status.Uid, status.Gid);
    }

    /// <summary>
    /// Removes a directory the frame may have filled. Its owner can replace anything inside it with a
    /// symbolic link at any moment (processes a frame leaves keep running), so root must not walk it: a
    /// directory swapped for a link between a check and the next step would make root delete whatever
    /// the link points to. The contents are removed by <c>rm -rf</c> run as the directory's owner
    /// through <c>setpriv</c>, with exactly that user's rights; the owner cannot remove the directory
    /// itself (the base is LocalCue's, 0711), so LocalCue's own <c>rmdir</c> ends it. A directory of
    /// LocalCue's own user is no privilege boundary and is removed in process.
    /// </summary>
    private bool RemoveTree(string directory, int uid, int gid)
    {
        if (uid == _currentUid)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                RunnerLog.NotRemoved(_logger, directory, e.Message);
                return false;
            }
        }

        if (_setprivPath is null)
        {
            RunnerLog.NotRemoved(_logger, directory, "it holds files of uid " + Text(uid) + " and setpriv, needed to remove them as that user, was not found");
            return false;
        }

        RunAsOwner(directory, uid, gid);
        if (TryDeleteDirectory(directory))
        {
            return true;
        }

        RunnerLog.NotRemoved(_logger, directory, "what uid " + Text(uid) + " left there could not be removed");
        return false;
    }

    private void RunAsOwner(string directory, int uid, int gid)
    {
        var info = new ProcessStartInfo(_setprivPath!)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (string argument in Setpriv.SwitchArguments(uid, gid, Array.Empty<int>()))
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add("rm");
        info.ArgumentList.Add("-rf");
        info.ArgumentList.Add("--one-file-system");
        info.ArgumentList.Add("--");
        info.ArgumentList.Add(directory);
        info.Environment.Clear();
        info.Environment["PATH"] = FrameEnvironment.RqdPath;
        try
        {
            using var process = Process.Start(info)!;
            process.StandardInput.Close();

            // rm reports that it cannot remove the directory itself: expected, and not read.
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(RemoveTimeout))
            {
                process.Kill();
            }

            process.WaitForExit();
            Task.WaitAll(output, errors);
        }
        catch (Exception e) when (e is Win32Exception || e is InvalidOperationException || e is IOException)
        {
            RunnerLog.RemoveAsUserFailed(_logger, e, directory, uid);
        }
    }

    private void Chown(string path, FrameIdentity identity)
    {
        int error = NativeMethods.ChangeOwner(path, identity.Uid, identity.Gid);
        if (error != 0)
        {
            throw new IOException("Cannot give " + path + " to uid " + Text(identity.Uid) + ", gid " + Text(identity.Gid) + ": " + Marshal.GetPInvokeErrorMessage(error));
        }
    }

    private bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            RunnerLog.NotRemoved(_logger, path, e.Message);
            return false;
        }
    }

    private static bool TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: false);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return false;
        }
    }

    private string Unusable(string basePath, string why) =>
        "the frame directory base " + basePath + " cannot be used: " + why
        + " (it must be a real directory owned by uid " + Text(_currentUid) + " and not writable by group or others; LocalCue makes a new one)";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
