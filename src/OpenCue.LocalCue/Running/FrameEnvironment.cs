using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using OpenCue.Authoring;

namespace OpenCue.LocalCue.Running;

/// <summary>
/// The environment a frame runs with, built from scratch as RQD's <c>__createEnvVariables</c>
/// does: RQD's fixed variables, then the map Cuebot sends (<c>prepareRqdRunFrame</c>: job env,
/// layer env, then the <c>CUE_*</c> values) on top, where a <c>PATH</c> from Cuebot is appended
/// to RQD's <c>PATH</c> with <c>:</c> and every other key replaces.
/// </summary>
internal static class FrameEnvironment
{
    /// <summary>RQD's fixed Linux <c>PATH</c> (<c>getPathEnv</c>).</summary>
    internal const string RqdPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private const long SystemTimeZoneCacheMs = 60_000;

    // (when read, Environment.TickCount64; the first line of /etc/timezone).
    private static volatile Tuple<long, string?>? s_systemTimeZone;

    /// <summary>
    /// The map Cuebot sends with the frame, in the order it is built; later keys override earlier
    /// ones (see <see cref="Merge"/>). Post jobs get <c>CUE_PARENT_JOB_ID</c>/<c>CUE_PARENT_JOB</c>
    /// in their job environment, so those come before the request's env.
    /// </summary>
    /// <param name="request">The frame.</param>
    /// <returns>The entries in order, duplicates kept.</returns>
    internal static List<KeyValuePair<string, string>> CuebotEntries(FrameRunRequest request)
    {
        var entries = new List<KeyValuePair<string, string>>();
        if (request.ParentJobId != null)
        {
            entries.Add(Pair("CUE_PARENT_JOB_ID", request.ParentJobId));
        }

        if (request.ParentJobName != null)
        {
            entries.Add(Pair("CUE_PARENT_JOB", request.ParentJobName));
        }

        if (request.Env != null)
        {
            entries.AddRange(request.Env);
        }

        entries.Add(Pair("CUE3", "1"));
        entries.Add(Pair("CUE_THREADS", Text(Math.Max(1, request.ReservedCorePoints / 100))));
        entries.Add(Pair("CUE_MEMORY", Text(request.ReservedMemoryKb)));
        entries.Add(Pair("CUE_GPUS", Text(request.Gpus)));
        entries.Add(Pair("CUE_GPU_MEMORY", Text(request.GpuMemoryKb)));
        entries.Add(Pair("CUE_LOG_PATH", request.LogDirectory));
        entries.Add(Pair("CUE_RANGE", request.LayerRange));
        entries.Add(Pair("CUE_CHUNK", Text(request.Chunk)));
        entries.Add(Pair("CUE_IFRAME", Text(request.FrameNumber)));
        entries.Add(Pair("CUE_LAYER", request.LayerName));
        entries.Add(Pair("CUE_JOB", request.JobName));
        entries.Add(Pair("CUE_FRAME", request.FrameName));
        entries.Add(Pair("CUE_SHOW", request.Show));
        entries.Add(Pair("CUE_SHOT", request.Shot));
        entries.Add(Pair("CUE_USER", request.User));
        entries.Add(Pair("CUE_JOB_ID", request.JobId));
        entries.Add(Pair("CUE_LAYER_ID", request.LayerId));
        entries.Add(Pair("CUE_FRAME_ID", request.FrameId));
        entries.Add(Pair("CUE_THREADABLE", request.Threadable ? "1" : "0"));
        return entries;
    }

    /// <summary>RQD's own variables, before Cuebot's map.</summary>
    /// <param name="request">The frame.</param>
    /// <param name="options">Runner settings (PATH rule, host name, TZ).</param>
    /// <param name="logFileName">The log file's base name (<c>logfile</c>).</param>
    /// <param name="hostVariable">Reads this process's environment.</param>
    /// <param name="identity">Who the frame runs as: its <c>USER</c>, <c>LOGNAME</c> and <c>HOME</c>; <see langword="null"/> for the job's user and this process's <c>HOME</c>.</param>
    /// <param name="frameDirectory">The frame's private directory, its <c>HOME</c> when <see cref="FrameIdentity.HomeIsFrameDirectory"/>.</param>
    /// <returns>The variables.</returns>
    internal static Dictionary<string, string> RqdBase(
        FrameRunRequest request,
        FrameRunnerOptions options,
        string logFileName,
        Func<string, string?> hostVariable,
        FrameIdentity? identity = null,
        string? frameDirectory = null)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = options.UseHostPath ? hostVariable("PATH") ?? string.Empty : RqdPath,
            ["TERM"] = "unknown",
        };

        string? timeZone = options.TimeZone ?? HostTimeZone(hostVariable);
        if (!string.IsNullOrEmpty(timeZone))
        {
            env["TZ"] = timeZone;
        }

        string user = identity?.UserName ?? request.User;
        env["USER"] = user;
        env["LOGNAME"] = user;
        env["mcp"] = "1";
        env["show"] = request.Show;
        env["shot"] = request.Shot;
        env["jobid"] = request.JobName;
        env["jobhost"] = options.HostName;
        env["frame"] = request.FrameName;
        env["zframe"] = request.FrameName;
        env["logfile"] = logFileName;
        env["maxframetime"] = "0";
        env["minspace"] = "200";
        env["CUE3"] = "True";
        env["CUE_GPU_MEMORY"] = "0";
        env["SP_NOMYCSHRC"] = "1";

        // RQD sets HOME only with RQD_CUSTOM_HOME_PREFIX; without HOME many tools misbehave, so a frame
        // switched to another user gets that user's (or its private directory), else the runner's own
        // HOME is passed on.
        string? home = identity is { Switches: true }
            ? (identity.HomeIsFrameDirectory ? frameDirectory : identity.Home)
            : hostVariable("HOME");
        if (!string.IsNullOrEmpty(home))
        {
            env["HOME"] = home!;
        }

        return env;
    }

    /// <summary>
    /// Puts Cuebot's map on top of RQD's variables: the map's last value per key wins; its
    /// <c>PATH</c> is appended to the base <c>PATH</c> with <c>:</c>, any other key replaces.
    /// </summary>
    /// <param name="rqdBase">RQD's variables; modified.</param>
    /// <param name="cuebotEntries">Cuebot's map entries in order.</param>
    /// <returns><paramref name="rqdBase"/>.</returns>
    internal static Dictionary<string, string> Merge(Dictionary<string, string> rqdBase, IEnumerable<KeyValuePair<string, string>> cuebotEntries)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var entry in cuebotEntries)
        {
            if (!map.ContainsKey(entry.Key))
            {
                order.Add(entry.Key);
            }

            map[entry.Key] = entry.Value ?? string.Empty;
        }

        foreach (var key in order)
        {
            string value = map[key];
            if (key == "PATH" && rqdBase.TryGetValue("PATH", out string? path))
            {
                // Appended as RQD does, less empty entries: an empty entry means the working directory.
                string extra = string.Join(":", value.Split(':', StringSplitOptions.RemoveEmptyEntries));
                rqdBase[key] = extra.Length == 0 ? path : path + ":" + extra;
            }
            else
            {
                rqdBase[key] = value;
            }
        }

        return rqdBase;
    }

    /// <summary>
    /// The frame's environment as one line of shell, <c>export K='v' ...; </c>, put before the command in
    /// the private command file when the frame runs as another user: the shell sets it after
    /// <c>setpriv</c> has switched, so nothing of the job's environment reaches a process running as
    /// root. On one line, so the command keeps its line numbers. Values are single-quoted
    /// (<see cref="ShellQuoting.Quote"/>); keys that are not shell variable names cannot be exported by a
    /// shell and are left out.
    /// </summary>
    /// <param name="environment">The frame's environment.</param>
    /// <param name="skipped">The keys left out, for a line in the frame log.</param>
    /// <returns>The prefix, ending with <c>"; "</c>; empty when there is nothing to export.</returns>
    internal static string ExportPrefix(IReadOnlyDictionary<string, string> environment, out IReadOnlyList<string> skipped)
    {
        var left = new List<string>();
        var text = new StringBuilder("export");
        foreach (var variable in environment.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (!IsShellName(variable.Key))
            {
                left.Add(variable.Key);
                continue;
            }

            text.Append(' ').Append(variable.Key).Append('=').Append(ShellQuoting.Quote(variable.Value));
        }

        skipped = left;
        return text.Length == "export".Length ? string.Empty : text.Append("; ").ToString();
    }

    // POSIX: a name is letters, digits and underscores, not starting with a digit.
    private static bool IsShellName(string key)
    {
        if (key.Length == 0 || char.IsAsciiDigit(key[0]))
        {
            return false;
        }

        foreach (char c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The complete frame environment.</summary>
    /// <param name="request">The frame.</param>
    /// <param name="options">Runner settings.</param>
    /// <param name="logFileName">The log file's base name.</param>
    /// <param name="hostVariable">Reads this process's environment; <see cref="Environment.GetEnvironmentVariable(string)"/> when null.</param>
    /// <param name="identity">Who the frame runs as (see <see cref="RqdBase"/>).</param>
    /// <param name="frameDirectory">The frame's private directory.</param>
    /// <returns>The variables.</returns>
    internal static Dictionary<string, string> Build(
        FrameRunRequest request,
        FrameRunnerOptions options,
        string logFileName,
        Func<string, string?>? hostVariable = null,
        FrameIdentity? identity = null,
        string? frameDirectory = null)
    {
        hostVariable ??= Environment.GetEnvironmentVariable;
        return Merge(RqdBase(request, options, logFileName, hostVariable, identity, frameDirectory), CuebotEntries(request));
    }

    private static string? HostTimeZone(Func<string, string?> hostVariable)
    {
        string? tz = hostVariable("TZ");
        if (!string.IsNullOrEmpty(tz))
        {
            return tz;
        }

        // Every frame needs it: /etc/timezone is read at most once a minute, not once a frame.
        var cached = s_systemTimeZone;
        long now = Environment.TickCount64;
        if (cached is null || now - cached.Item1 > SystemTimeZoneCacheMs)
        {
            cached = Tuple.Create(now, ReadSystemTimeZone());
            s_systemTimeZone = cached;
        }

        return cached.Item2;
    }

    private static string? ReadSystemTimeZone()
    {
        try
        {
            if (File.Exists("/etc/timezone"))
            {
                foreach (var line in File.ReadLines("/etc/timezone"))
                {
                    string trimmed = line.Trim();
                    return trimmed.Length == 0 ? null : trimmed;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    private static KeyValuePair<string, string> Pair(string key, string? value) =>
        new KeyValuePair<string, string>(key, value ?? string.Empty);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
