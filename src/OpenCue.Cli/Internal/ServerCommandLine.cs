using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using OpenCue.Client;
using OpenCue.LocalCue;
using OpenCue.LocalCue.Running;

namespace OpenCue.Cli.Internal;

/// <summary>
/// <c>cuerun serve</c>'s options (LocalCue's stand-alone server; the library has no entry point of its own):
/// each option's check lives here once.
/// </summary>
internal static class ServerCommandLine
{
    /// <summary>
    /// Stopped by a signal, but stopping took longer than <see cref="StopGracePeriod"/>; the process exited anyway.
    /// The other exit codes are cuerun's (<see cref="ExitCodes"/>): 0 stopped, 2 a bad argument, 3 could not start.
    /// </summary>
    public const int StopTimedOut = 1;

    /// <summary>How long stopping may take after Ctrl+C or SIGTERM before the process exits anyway.</summary>
    public static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(10);

    /// <summary>The options, in help order.</summary>
    public static readonly IReadOnlyList<ServerOption> Options = new[]
    {
        new ServerOption("port", "N", "the gRPC port (default 8443, Cuebot's; 0 picks a free one)", SynopsisValue: "8443"),
        new ServerOption("state-dir", "DIR", "where the database and frame logs live (default ~/.local/share/opencue-localcue)"),
        new ServerOption("cores", "N", "cores it may book (default: this machine's)"),
        new ServerOption("memory", "MB", "memory it may book, in MB (default: this machine's)"),
        new ServerOption("bind", "ADDR", "the IP address to listen on (default 127.0.0.1; anything else lets others reach it)"),
        new ServerOption("socket", "PATH", "also serve on a Unix socket at PATH, mode 0600 (clients: --server unix:PATH)"),
        new ServerOption("allow-user", "NAME", "let this user (name or uid; repeat or comma-separate) launch jobs as itself and control the jobs launched with its uid", Repeatable: true),
        new ServerOption("allow-any-user", null, "let every local user launch jobs as itself and control only the jobs launched with its own uid"),
        new ServerOption("allow-remote-control", null, "let callers from other machines launch and control jobs, unauthenticated"),
        new ServerOption("become-job-user", null, "run frames as the job's uid even when not root (RQD_BECOME_JOB_USER; always on as root; needs CAP_SETUID)"),
        new ServerOption("min-uid", "N", "the lowest uid a frame may run as (RQD_MIN_UID, default 1000)"),
        new ServerOption("max-uid", "N", "the highest uid a frame may run as (RQD_MAX_UID, default 60000)"),
        new ServerOption("frame-gid", "N", "the gid of a frame whose user has none (LAUNCH_FRAME_USER_GID, default 20)"),
    };

    /// <summary>The usage line's options part.</summary>
    public static string Synopsis => string.Join(" ", Options.Select(o => "[--" + o.Name + (o.ValueName is null ? string.Empty : " " + (o.SynopsisValue ?? o.ValueName)) + "]" + (o.Repeatable ? "..." : string.Empty)));

    /// <summary>The stand-alone server's defaults: Cuebot's port 8443.</summary>
    /// <returns>New options.</returns>
    public static LocalCueOptions Defaults() => new() { Port = CueClientOptions.DefaultGrpcPort };

    /// <summary>Checks what single options cannot: that they agree (e.g. <c>--min-uid</c> not above <c>--max-uid</c>).</summary>
    /// <param name="options">The options, every option applied.</param>
    /// <exception cref="ServerUsageException">They disagree.</exception>
    public static void Check(LocalCueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        options.FrameUsers.Validate(problems, property => property switch
        {
            nameof(FrameUserOptions.MinUid) => "--min-uid",
            nameof(FrameUserOptions.MaxUid) => "--max-uid",
            _ => "--frame-gid",
        });
        if (problems.Count > 0)
        {
            throw new ServerUsageException(string.Join("; ", problems) + ".");
        }
    }

    /// <summary>Applies one option.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="name">The option's name (<see cref="ServerOption.Name"/>).</param>
    /// <param name="value">Its value; <see langword="null"/> for a flag.</param>
    /// <exception cref="ServerUsageException">The value is bad.</exception>
    public static void Apply(LocalCueOptions options, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (name)
        {
            case "port":
                options.Port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
                    ? port
                    : throw new ServerUsageException("--port: '" + value + "' is not a port; give 0 to 65535 (0 picks a free one), e.g. --port 8443.");
                break;
            case "state-dir":
                options.StateDirectory = FullPath(name, value);
                break;
            case "cores":
                options.Cores = double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cores) && cores > 0 && cores <= 100000
                    ? cores
                    : throw new ServerUsageException("--cores: '" + value + "' is not a number of cores; give a positive number, e.g. --cores 4.");
                break;
            case "memory":
                options.MemoryMb = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var memory) && memory > 0
                    ? memory
                    : throw new ServerUsageException("--memory: '" + value + "' is not a memory size; give whole megabytes, e.g. --memory 16384.");
                break;
            case "bind":
                options.BindAddress = IPAddress.TryParse(value, out _)
                    ? value!
                    : throw new ServerUsageException("--bind: '" + value + "' is not an IP address; give e.g. --bind 127.0.0.1 (this machine only) or --bind 0.0.0.0 (every interface).");
                break;
            case "socket":
                options.UnixSocketPath = FullPath(name, value);
                break;
            case "allow-user":
                var users = (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
                if (users.Any(u => u.Length == 0))
                {
                    throw new ServerUsageException("--allow-user: '" + value + "' has an empty name; give user names or uids, e.g. --allow-user alice,1001.");
                }

                foreach (var user in users)
                {
                    options.AllowedUsers.Add(user);
                }

                break;
            case "allow-any-user":
                options.AllowAnyLocalUser = true;
                break;
            case "allow-remote-control":
                options.AllowRemoteControl = true;
                break;
            case "become-job-user":
                options.FrameUsers.BecomeJobUser = true;
                break;
            case "min-uid":
                options.FrameUsers.MinUid = PositiveId(name, value);
                break;
            case "max-uid":
                options.FrameUsers.MaxUid = PositiveId(name, value);
                break;
            case "frame-gid":
                options.FrameUsers.DefaultGid = PositiveId(name, value);
                break;
            default:
                throw new ServerUsageException("unknown option '--" + name + "'.");
        }
    }

    /// <summary>Whether an exception from <see cref="LocalCuebot.StartAsync(LocalCueOptions?, System.Threading.CancellationToken)"/> is a start failure to report in one line (exit <see cref="ExitCodes.CueError"/>).</summary>
    /// <param name="e">The exception.</param>
    /// <returns>Whether it is.</returns>
    public static bool IsStartFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or NotSupportedException or System.Net.Sockets.SocketException;

    /// <summary>The one line saying why the scheduler did not start.</summary>
    /// <param name="options">The options it was started with.</param>
    /// <param name="e">The failure.</param>
    /// <returns>The line, without a trailing newline.</returns>
    public static string StartFailure(LocalCueOptions options, Exception e) =>
        "the scheduler could not start on " + options.BindAddress + ":" + options.Port.ToString(CultureInfo.InvariantCulture) +
        (options.UnixSocketPath is null ? string.Empty : " and unix:" + options.UnixSocketPath) + " with state in " + options.StateDirectory + ": " +
        OneLine(e.Message).TrimEnd('.') + ". Give another --port (0 picks a free one), --socket or --state-dir.";

    // uid and gid 0 are root's: a frame never runs as root, so 0 is no bound and no default group.
    private static int PositiveId(string name, string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new ServerUsageException("--" + name + ": '" + value + "' is not a positive id; give a number from 1 to 2147483647, e.g. --" + name + " " +
                (name == "frame-gid" ? "20" : name == "min-uid" ? "1000" : "60000") + ".");

    private static string FullPath(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ServerUsageException("--" + name + " needs a non-empty value.");
        }

        try
        {
            return Path.GetFullPath(value);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ServerUsageException("--" + name + ": '" + value + "' is not a usable path: " + OneLine(e.Message));
        }
    }

    private static string OneLine(string text) => string.Join(" ", text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
