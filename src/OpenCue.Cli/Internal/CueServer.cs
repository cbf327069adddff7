using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.Authoring;
using OpenCue.Client;

namespace OpenCue.Cli.Internal;

/// <summary>The <c>--server</c> option and finding a job by name or id on the Cuebot it names.</summary>
internal static class CueServer
{
    public const string Synopsis = "H:P[,H:P]";

    public static readonly OptionDefinition Option = new(
        "server", Synopsis, "the Cuebot (or 'cuerun serve') to talk to, host:port (or unix:/path for 'serve --socket'), comma-separated to fail over; default: see Environment");

    public static readonly OptionDefinition DeadlineOption = new(
        "deadline", "SECONDS", "give up on a call the Cuebot has not answered within SECONDS (exit 3); default " + Seconds(CueClientOptions.DefaultCallDeadline));

    public static readonly OptionDefinition LaunchDeadlineOption = new(
        "launch-deadline", "SECONDS", "give up on the launch call after SECONDS (the Cuebot creates the whole job before it answers); default " +
        Seconds(CueClientOptions.DefaultLaunchDeadline));

    public static readonly OptionDefinition JsonOption = new("json", null, "print one line of JSON for scripts (stable snake_case field names)");

    public const string EnvironmentHelp =
        "Environment (when --server is not given, as pycue):\n" +
        "  CUEBOT_HOSTS        Cuebot hosts, host[:port] comma-separated\n" +
        "  CUEBOT_FACILITY     the facility whose hosts pycue's config lists\n" +
        "  OPENCUE_CONFIG_FILE pycue's opencue.yaml (also OPENCUE_CONF, then ~/.config/opencue/opencue.yaml);\n" +
        "                      with none of these, localhost:8443";

    public const string JobHelp =
        "JOB is a full job name as 'cuerun jobs' lists it (show-shot-user_name; Cuebot lower-cases it),\n" +
        "pending or finished (then the latest of that name), or a job id.";

    /// <summary>Reads and checks <c>--server</c>; empty when not given (the environment decides).</summary>
    public static IReadOnlyList<string> Hosts(ParsedArguments arguments)
    {
        var text = arguments.Value("server");
        if (text is null)
        {
            return Array.Empty<string>();
        }

        var hosts = new List<string>();
        foreach (var part in text.Split(','))
        {
            var host = part.Trim();
            var problem = CheckHost(host);
            if (problem != null)
            {
                throw new UsageException("--server: " + problem + " Accepted: host:port, comma-separated, e.g. --server localhost:8443 or --server cue1:8443,cue2:8443.");
            }

            hosts.Add(host);
        }

        return hosts;
    }

    /// <summary>A duration in help and messages, in seconds: <c>20</c>, <c>0.5</c>.</summary>
    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Finds a job by id, pending name, or (the latest) finished name.</summary>
    public static async Task<CueJob> FindJobAsync(CueApi api, string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException("JOB is empty. " + JobHelp);
        }

        if (Guid.TryParse(text, out _))
        {
            try
            {
                return await api.GetJobAsync(text, cancellationToken).ConfigureAwait(false);
            }
            catch (EntityNotFoundException)
            {
                throw new UsageException("no job has id " + text + " on " + string.Join(",", api.Hosts) + ". " + JobHelp, suggestHelp: false);
            }
        }

        var names = new List<string> { text.ToLowerInvariant() };
        var conformed = Conform(text);
        if (conformed != names[0])
        {
            names.Add(conformed);
        }

        foreach (var name in names)
        {
            try
            {
                return await api.FindLatestJobAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (EntityNotFoundException)
            {
                // Try the next spelling, then say what is similar.
            }
        }

        var similar = new JobSearch { IncludeFinished = true };
        similar.Substrings.Add(text.ToLowerInvariant());
        var like = (await api.GetJobsAsync(similar, cancellationToken).ConfigureAwait(false)).Select(j => j.Name).Distinct().Take(5).ToList();
        throw new UsageException("no job named '" + text + "' on " + string.Join(",", api.Hosts) + ", pending or finished" +
            (like.Count > 0 ? "; jobs whose name contains it: " + string.Join(", ", like) : string.Empty) + ". " + JobHelp, suggestHelp: false);
    }

    /// <summary>
    /// The name as Cuebot conforms a job name's suffix (after the first <c>_</c>): lower case, runs of
    /// <c>_</c> collapsed, <c>-</c> made <c>_</c>, by Cuebot's rule in <see cref="CueNames"/>; so <c>testing-sh010-jdoe_my-job</c> finds <c>testing-sh010-jdoe_my_job</c>.
    /// </summary>
    internal static string Conform(string name)
    {
        var lower = name.ToLowerInvariant();
        var underscore = lower.IndexOf('_', StringComparison.Ordinal);
        if (underscore < 0)
        {
            return lower;
        }

        var suffix = CueNames.ConformJobNameSuffix(lower.Substring(underscore + 1));
        return lower.Substring(0, underscore) + "_" + suffix.TrimStart('_');
    }

    /// <summary>Checks <c>--layer</c> names against the job's layers, so that a typo is not a silent no-op on Cuebot.</summary>
    public static async Task<IReadOnlyList<CueLayer>> CheckLayersAsync(CueJob job, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var layers = await job.GetLayersAsync(cancellationToken).ConfigureAwait(false);
        var missing = names.Where(n => layers.All(l => !string.Equals(l.Name, n, StringComparison.Ordinal))).ToList();
        if (missing.Count > 0)
        {
            throw new UsageException("--layer: job " + job.Name + " has no layer " + string.Join(", ", missing.Select(m => "'" + m + "'")) +
                "; its layers: " + string.Join(", ", layers.Select(l => l.Name)) + ".", suggestHelp: false);
        }

        return layers;
    }

    private static string? CheckHost(string host)
    {
        if (host.Length == 0)
        {
            return "an empty host.";
        }

        if (host.StartsWith("unix:", StringComparison.Ordinal))
        {
            // LocalCue's --socket; the client checks the path.
            return null;
        }

        if (host.Contains("://", StringComparison.Ordinal))
        {
            return "'" + host + "' has a scheme; give host:port without one (Cuebot speaks plaintext gRPC).";
        }

        if (host.Any(char.IsWhiteSpace))
        {
            return "'" + host + "' contains spaces.";
        }

        var bracket = host.LastIndexOf(']');
        var colon = host.LastIndexOf(':');
        if (host.StartsWith('[') ? colon > bracket : colon >= 0 && host.IndexOf(':', StringComparison.Ordinal) == colon)
        {
            var port = host.Substring(colon + 1);
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > 65535)
            {
                return "'" + port + "' in '" + host + "' is not a port (1-65535).";
            }

            if (colon == 0)
            {
                return "'" + host + "' has no host name.";
            }
        }

        return null;
    }
}
