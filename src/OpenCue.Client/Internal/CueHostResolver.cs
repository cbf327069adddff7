using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Extensions.Logging;
using OpenCue.Authoring.Internal;
using YamlDotNet.RepresentationModel;

namespace OpenCue.Client.Internal;

/// <summary>Finds the Cuebot hosts as pycue does: explicit, then <c>CUEBOT_HOSTS</c>, then pycue's config.</summary>
internal static class CueHostResolver
{
    /// <summary>The hosts, each with a port, and where they came from.</summary>
    public static (IReadOnlyList<string> Hosts, string Source) Resolve(CueClientOptions options, ILogger logger, Func<string, string?>? getEnv = null)
    {
        getEnv ??= Environment.GetEnvironmentVariable;

        // Explicit hosts that all name a port need no config file (a broken one must not matter).
        if (options.Hosts.Count > 0 && (options.Port.HasValue || options.Hosts.All(HasPort)))
        {
            return (WithPorts(options.Hosts, options.Port ?? CueClientOptions.DefaultGrpcPort), "options");
        }

        var config = PycueConfig.Load(options.ConfigFile, getEnv, logger);
        var port = options.Port ?? config.GrpcPort;
        if (options.Hosts.Count > 0)
        {
            return (WithPorts(options.Hosts, port), "options");
        }

        var env = getEnv("CUEBOT_HOSTS");
        if (!string.IsNullOrWhiteSpace(env))
        {
            return (WithPorts(env!.Split(','), port), "CUEBOT_HOSTS");
        }

        var facility = options.Facility ?? NonEmpty(getEnv("CUEBOT_FACILITY")) ?? config.DefaultFacility;
        if (!config.Facilities.TryGetValue(facility, out var hosts))
        {
            ConnectionLog.UnknownFacility(logger, facility, config.Source, config.DefaultFacility);
            facility = config.DefaultFacility;
            config.Facilities.TryGetValue(facility, out hosts);
        }

        if (hosts is null || hosts.Count == 0)
        {
            throw new CueConnectionException("No Cuebot host is configured: set CueClientOptions.Hosts, env CUEBOT_HOSTS, or list hosts for facility '" +
                facility + "' under cuebot.facility in " + config.Source + ".");
        }

        return (WithPorts(hosts, port), config.Source + " facility " + facility);
    }

    internal static IReadOnlyList<string> WithPorts(IEnumerable<string> hosts, int port) =>
        hosts.Select(h => h.Trim()).Where(h => h.Length > 0)
            .Select(h => HasPort(h) ? h : h + ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    private static bool HasPort(string host)
    {
        // host:port, [v6]:port; a bare IPv6 address has several ':' and no brackets; unix:PATH needs none.
        if (UnixSocketHost.IsUnixSocket(host))
        {
            return true;
        }

        if (host.StartsWith("[", StringComparison.Ordinal))
        {
            return host.Contains("]:", StringComparison.Ordinal);
        }

        return host.Count(c => c == ':') == 1;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>The parts of pycue's <c>opencue.yaml</c> the client uses, merged over pycue's defaults.</summary>
internal sealed class PycueConfig
{
    public string Source { get; private set; } = "pycue defaults";

    public int GrpcPort { get; private set; } = CueClientOptions.DefaultGrpcPort;

    public string DefaultFacility { get; private set; } = "local";

    public Dictionary<string, List<string>> Facilities { get; private set; } = new(StringComparer.Ordinal)
    {
        ["local"] = new List<string> { "localhost:" + CueGrpc.DefaultPort.ToString(CultureInfo.InvariantCulture) },
    };

    public static PycueConfig Load(string? explicitFile, Func<string, string?> getEnv, ILogger logger)
    {
        var config = new PycueConfig();
        var file = explicitFile ?? FindFile(getEnv);
        if (file is null)
        {
            return config;
        }

        if (!File.Exists(file))
        {
            throw new CueConnectionException("The pycue config file '" + file + "' does not exist.");
        }

        try
        {
            config.Merge(file);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new CueConnectionException("The pycue config file '" + file + "' is not valid YAML: " + e.Message, e);
        }

        ConnectionLog.ConfigRead(logger, file);
        return config;
    }

    private static string? FindFile(Func<string, string?> getEnv)
    {
        foreach (var variable in new[] { "OPENCUE_CONFIG_FILE", "OPENCUE_CONF" })
        {
            var path = getEnv(variable);
            if (!string.IsNullOrEmpty(path) && File.Exists(path))
            {
                return path;
            }
        }

        var baseDir = OperatingSystem.IsWindows()
            ? Path.Combine(getEnv("APPDATA") ?? string.Empty, "opencue")
            : Path.Combine(getEnv("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "opencue");
        var profile = Path.Combine(baseDir, "opencue.yaml");
        return File.Exists(profile) ? profile : null;
    }

    private void Merge(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            yaml.Load(reader);
        }

        Source = file;
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            return;
        }

        // pycue merges top-level keys only: a key in the file replaces the default's whole value.
        foreach (var entry in root.Children)
        {
            var key = (entry.Key as YamlScalarNode)?.Value;
            switch (key)
            {
                case "cuebot.grpc_port" when entry.Value is YamlScalarNode port && int.TryParse(port.Value, out var p):
                    GrpcPort = p;
                    break;
                case "cuebot.facility_default" when entry.Value is YamlScalarNode facility && !string.IsNullOrEmpty(facility.Value):
                    DefaultFacility = facility.Value!;
                    break;
                case "cuebot.facility" when entry.Value is YamlMappingNode facilities:
                    Facilities = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                    foreach (var f in facilities.Children)
                    {
                        var name = (f.Key as YamlScalarNode)?.Value ?? string.Empty;
                        Facilities[name] = f.Value switch
                        {
                            YamlSequenceNode list => list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).ToList(),
                            YamlScalarNode one => new List<string> { one.Value ?? string.Empty },
                            _ => new List<string>(),
                        };
                    }

                    break;
            }
        }
    }
}
