using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using OpenCue.Authoring;
using OpenCue.LocalCue.Storage;

namespace OpenCue.LocalCue.Running;

/// <summary>
/// A frame's log file as RQD writes it (<c>rqlogging.RqdLogger</c>, <c>__writeHeader</c>,
/// <c>__writeFooter</c>): <c>&lt;log dir&gt;/&lt;job&gt;.&lt;frame&gt;.rqlog</c>, the directory created
/// if missing, a previous log kept as <c>.1</c> ... <c>.15</c>, header and footer blocks around the
/// frame's output. Writes are serialised and flushed at once, so the file's modification time
/// is the last log update (LLU).
/// </summary>
internal sealed class FrameLog : IDisposable
{
    /// <summary>RQD's <c>MAX_LOG_FILES</c>: rotated logs are numbered 1 to 15.</summary>
    internal const int MaxLogFiles = 15;

    // RQD makes log directories 0777 and log files 0666 because the frame, running as the job's user, may
    // write them. Here LocalCue itself writes every log (it copies the frame's stdout and stderr), so
    // frames need no write access: LocalCue's 0755 directories keep everyone else from planting or
    // swapping files and links there. The header lists the frame's whole environment (secrets
    // included), so a log file is 0640 and belongs to the frame's uid and gid when LocalCue switches
    // users (the job's user reads its own logs, nobody else does), else to LocalCue's own user;
    // LocalCue keeps writing through the handle it opened, and rotation renames within its directory.
    private const UnixFileMode DirectoryMode = (UnixFileMode)0x1ED; // 0755
    private const UnixFileMode LogFileMode = (UnixFileMode)0x1A0; // 0640
    private static readonly string Rule = new string('=', 59);
    private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

    private readonly object _gate = new object();
    private FileStream? _stream;

    private FrameLog(string path, FileStream stream)
    {
        FilePath = path;
        _stream = stream;
    }

    /// <summary>The log file.</summary>
    internal string FilePath { get; }

    /// <summary>RQD's log file name, <c>&lt;job name&gt;.&lt;frame name&gt;.rqlog</c>.</summary>
    /// <param name="jobName">The job name.</param>
    /// <param name="frameName">The frame name.</param>
    /// <returns>The file name.</returns>
    internal static string FileName(string jobName, string frameName) => FrameLogNames.FileName(jobName, frameName);

    /// <summary>
    /// Moves an existing log out of the way as RQD does: to <c>&lt;file&gt;.N</c> with N the first
    /// number from 1 whose file does not exist, at most <see cref="MaxLogFiles"/>; when 1 to 14 all
    /// exist the log replaces <c>.15</c>.
    /// </summary>
    /// <param name="path">The log file.</param>
    /// <returns>Where it was moved, or <see langword="null"/> when there was no log.</returns>
    internal static string? Rotate(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        int count = 1;
        while (File.Exists(Numbered(path, count)) && count < MaxLogFiles)
        {
            count++;
        }

        string target = Numbered(path, count);
        File.Move(path, target, overwrite: true);
        return target;
    }

    /// <summary>The log file's path: <paramref name="fileName"/> in <paramref name="directory"/>, checked to stay there (<see cref="StatePaths"/>).</summary>
    /// <param name="directory">The job's log directory.</param>
    /// <param name="fileName">The log file name (<see cref="FileName"/>).</param>
    /// <returns>The full path.</returns>
    /// <exception cref="IOException">There is no log directory.</exception>
    /// <exception cref="InvalidOperationException">The file name is not a single name in the directory.</exception>
    internal static string PathIn(string? directory, string fileName)
    {
        if (string.IsNullOrEmpty(directory))
        {
            throw new IOException("The frame has no log directory.");
        }

        return StatePaths.Under(directory, "the frame log " + fileName, fileName);
    }

    /// <summary>
    /// Creates the directory if needed (mode 0755), rotates a previous log and opens a new one (mode
    /// 0640, created exclusively, then given to <paramref name="owner"/> when it switches users before
    /// anything is written).
    /// </summary>
    /// <param name="directory">The job's log directory.</param>
    /// <param name="fileName">The log file name.</param>
    /// <param name="owner">Who the frame runs as (<see cref="FrameUserPolicy"/>'s decision); <see langword="null"/>, or one that does not switch, leaves the file LocalCue's.</param>
    /// <returns>The open log.</returns>
    /// <exception cref="IOException">The directory or file cannot be created, or the file cannot be given to its owner.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission.</exception>
    internal static FrameLog Open(string directory, string fileName, FrameIdentity? owner = null)
    {
        string path = PathIn(directory, fileName);
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, DirectoryMode);
            }

            TrySetMode(directory, DirectoryMode);
        }

        Rotate(path);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = LogFileMode;
        }

        var stream = new FileStream(path, options);
        TrySetMode(path, LogFileMode);
        if (owner is { Switches: true } && !OperatingSystem.IsWindows())
        {
            int error = Interop.NativeMethods.ChangeOwner(stream.SafeFileHandle, owner.Uid, owner.Gid);
            if (error != 0)
            {
                stream.Dispose();
                throw new IOException("Cannot give the frame log " + path + " to uid " + Number(owner.Uid) + ", gid " + Number(owner.Gid) + ": " + System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(error));
            }
        }

        return new FrameLog(path, stream);
    }

    /// <summary>Appends text (UTF-8) and flushes; ignored once closed.</summary>
    /// <param name="text">The text, newlines included.</param>
    internal void Write(string text)
    {
        byte[] bytes = Utf8.GetBytes(text);
        Write(bytes, 0, bytes.Length);
    }

    /// <summary>Appends raw bytes and flushes; ignored once closed.</summary>
    /// <param name="buffer">The bytes.</param>
    /// <param name="offset">Where they start.</param>
    /// <param name="count">How many.</param>
    internal void Write(byte[] buffer, int offset, int count)
    {
        if (count <= 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_stream is null)
            {
                return;
            }

            _stream.Write(buffer, offset, count);
            _stream.Flush();
        }
    }

    /// <summary>Closes the file; later writes are dropped.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stream?.Dispose();
            _stream = null;
        }
    }

    /// <summary>The header block RQD writes before running the command.</summary>
    /// <param name="header">The values.</param>
    /// <returns>The text, ending with a newline.</returns>
    internal static string FormatHeader(LogHeader header)
    {
        var text = new StringBuilder(2048);
        text.Append(Rule).Append('\n');
        text.Append("RenderQ JobSpec      ").Append(CTime(header.StartTime, header.TimeZone)).Append(" \n\n");
        text.Append(Key21("proxy")).Append("rqd.rqnetwork.RunningFrame/").Append(header.FrameId)
            .Append(" -t:tcp -h ").Append(header.HostName).Append(" -p 10021\n");
        Line(text, Key21("command"), header.Command);
        Line(text, Key21("uid"), Number(header.Uid));
        Line(text, Key21("gid"), Number(header.Gid));
        Line(text, Key21("logDestination"), header.LogPath);
        Line(text, Key21("cwd"), header.WorkingDirectory);
        Line(text, Key21("renderHost"), header.HostName);
        Line(text, Key21("jobId"), header.JobId);
        Line(text, Key21("frameId"), header.FrameId);
        foreach (var variable in header.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append("env                  ").Append(variable.Key).Append('=').Append(variable.Value).Append('\n');
        }

        text.Append(Rule).Append('\n');
        return text.ToString();
    }

    /// <summary>The footer block RQD writes when the frame has ended.</summary>
    /// <param name="footer">The values.</param>
    /// <returns>The text, starting with a blank line and ending with a newline.</returns>
    internal static string FormatFooter(LogFooter footer)
    {
        var text = new StringBuilder(1024);
        text.Append('\n');
        text.Append(Rule).Append('\n');
        text.Append("RenderQ Job Complete\n\n");
        Line(text, Key20("exitStatus"), Number(footer.ExitStatus));
        Line(text, Key20("exitSignal"), Number(footer.ExitSignal));
        if (!string.IsNullOrEmpty(footer.KillMessage))
        {
            Line(text, Key20("killMessage"), footer.KillMessage!);
        }

        Line(text, Key20("startTime"), CTime(footer.StartTime, footer.TimeZone));
        Line(text, Key20("endTime"), CTime(footer.EndTime, footer.TimeZone));
        Line(text, Key20("maxrss"), Number(footer.MaxRssKb));
        Line(text, Key20("maxUsedGpuMemory"), "0");
        Line(text, Key20("utime"), Seconds(footer.UserSeconds));
        Line(text, Key20("stime"), Seconds(footer.SystemSeconds));
        Line(text, Key20("renderhost"), footer.HostName);
        Line(text, Key20("maxrss (KB)"), Number(footer.MaxRssKb));
        text.Append(Rule).Append('\n');
        return text.ToString();
    }

    /// <summary>C's <c>ctime</c> form as Python's <c>time.ctime</c>: <c>Mon Jan  1 00:00:00 2024</c>, local time.</summary>
    /// <param name="time">The instant.</param>
    /// <param name="zone">The local time zone.</param>
    /// <returns>The text.</returns>
    internal static string CTime(DateTimeOffset time, TimeZoneInfo zone)
    {
        DateTimeOffset local = TimeZoneInfo.ConvertTime(time, zone);
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0} {1,2} {2} {3}",
            local.ToString("ddd MMM", CultureInfo.InvariantCulture),
            local.Day,
            local.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            local.Year);
    }

    private static string Numbered(string path, int count) =>
        path + "." + count.ToString(CultureInfo.InvariantCulture);

    private static void TrySetMode(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            File.SetUnixFileMode(path, mode);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Key21(string key) => key.PadRight(21);

    private static string Key20(string key) => key.PadRight(20);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    // As RQD writes what `time -p` reported (two decimals), and 0 when it reported nothing.
    private static string Seconds(double? value) =>
        value is double seconds ? seconds.ToString("0.00", CultureInfo.InvariantCulture) : "0";

    private static void Line(StringBuilder text, string key, string value) =>
        text.Append(key).Append(value).Append('\n');
}

/// <summary>The values of a frame log header.</summary>
internal sealed class LogHeader
{
    /// <summary>When the frame started.</summary>
    public DateTimeOffset StartTime { get; init; }

    /// <summary>The zone <see cref="StartTime"/> is written in.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    /// <summary>The command after token substitution.</summary>
    public string Command { get; init; } = string.Empty;

    /// <summary>The uid the frame runs as.</summary>
    public long Uid { get; init; }

    /// <summary>The gid the frame runs as.</summary>
    public long Gid { get; init; }

    /// <summary>The log file.</summary>
    public string LogPath { get; init; } = string.Empty;

    /// <summary>The frame's working directory.</summary>
    public string WorkingDirectory { get; init; } = string.Empty;

    /// <summary>The render host.</summary>
    public string HostName { get; init; } = string.Empty;

    /// <summary>Job id.</summary>
    public string JobId { get; init; } = string.Empty;

    /// <summary>Frame id.</summary>
    public string FrameId { get; init; } = string.Empty;

    /// <summary>The frame environment (written sorted by name).</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment { get; init; } = Array.Empty<KeyValuePair<string, string>>();
}

/// <summary>The values of a frame log footer.</summary>
internal sealed class LogFooter
{
    /// <summary>Exit status as reported.</summary>
    public int ExitStatus { get; init; }

    /// <summary>Exit signal as reported.</summary>
    public int ExitSignal { get; init; }

    /// <summary>Why the frame was killed, if it was.</summary>
    public string? KillMessage { get; init; }

    /// <summary>When the frame started.</summary>
    public DateTimeOffset StartTime { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset EndTime { get; init; }

    /// <summary>The zone the times are written in.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    /// <summary>Peak memory, KB.</summary>
    public long MaxRssKb { get; init; }

    /// <summary>User CPU seconds (<see cref="FrameRunResult.UserSeconds"/>); null when not reported.</summary>
    public double? UserSeconds { get; init; }

    /// <summary>System CPU seconds; null when not reported.</summary>
    public double? SystemSeconds { get; init; }

    /// <summary>The render host.</summary>
    public string HostName { get; init; } = string.Empty;
}
