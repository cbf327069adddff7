using OpenCue.Client.Internal;
using OpenCue.Client.Tests.Support;

namespace OpenCue.Client.Tests;

public sealed class HostResolverTests : IDisposable
{
    private const string Config = """
        cuebot.protocol: tcp
        cuebot.grpc_port: 7777
        cuebot.facility_default: cloud
        cuebot.facility:
          local:
            - localhost:8443
          cloud:
            - cb1.example.com
            - cb2.example.com:9000
          dev: [devbot]
        """;

    private readonly string _home = Directory.CreateTempSubdirectory("opencue-client-tests-").FullName;
    private readonly ListLogger _logger = new();

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void Explicit_hosts_win_over_the_environment_and_the_config()
    {
        var options = Options("explicit", "other:1");

        var (hosts, source) = Resolve(options, ("CUEBOT_HOSTS", "fromenv:1"), ("OPENCUE_CONFIG_FILE", WriteConfig()));

        hosts.Should().Equal("explicit:7777", "other:1");
        source.Should().Be("options");
    }

    [Fact]
    public void CUEBOT_HOSTS_comes_next_and_hosts_without_a_port_get_the_configured_one()
    {
        var (hosts, source) = Resolve(Options(), ("CUEBOT_HOSTS", " a.example.com , b:9,"), ("OPENCUE_CONFIG_FILE", WriteConfig()), ("CUEBOT_FACILITY", "dev"));

        hosts.Should().Equal("a.example.com:7777", "b:9");
        source.Should().Be("CUEBOT_HOSTS");
    }

    [Fact]
    public void The_config_files_default_facility_selects_its_hosts()
    {
        var file = WriteConfig();

        var (hosts, source) = Resolve(Options(), ("OPENCUE_CONFIG_FILE", file));

        hosts.Should().Equal("cb1.example.com:7777", "cb2.example.com:9000");
        source.Should().Contain(file).And.Contain("cloud");
        _logger.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void CUEBOT_FACILITY_picks_another_facility_and_the_option_beats_it()
    {
        var file = WriteConfig();

        Resolve(Options(), ("OPENCUE_CONFIG_FILE", file), ("CUEBOT_FACILITY", "dev")).Hosts.Should().Equal("devbot:7777");
        var options = Options();
        options.Facility = "local";
        Resolve(options, ("OPENCUE_CONFIG_FILE", file), ("CUEBOT_FACILITY", "dev")).Hosts.Should().Equal("localhost:8443");
    }

    [Fact]
    public void An_unknown_facility_falls_back_to_the_default_with_a_warning()
    {
        var (hosts, _) = Resolve(Options(), ("OPENCUE_CONFIG_FILE", WriteConfig()), ("CUEBOT_FACILITY", "mars"));

        hosts.Should().Equal("cb1.example.com:7777", "cb2.example.com:9000");
        _logger.Warnings.Should().ContainSingle(w => w.Contains("mars") && w.Contains("cloud"));
    }

    [Fact]
    public void The_port_option_overrides_the_configs_grpc_port()
    {
        var options = Options("bare", "[::1]", "[::2]:5", "host:6");
        options.Port = 1234;

        Resolve(options, ("OPENCUE_CONFIG_FILE", WriteConfig())).Hosts.Should().Equal("bare:1234", "[::1]:1234", "[::2]:5", "host:6");
    }

    [Fact]
    public void Without_any_config_pycues_defaults_apply()
    {
        var (hosts, source) = Resolve(Options());

        hosts.Should().Equal("localhost:8443");
        source.Should().Contain("pycue defaults");
    }

    [Fact]
    public void The_config_is_found_through_OPENCUE_CONF_and_then_the_home_directory()
    {
        var file = WriteConfig();
        Resolve(Options(), ("OPENCUE_CONFIG_FILE", Path.Combine(_home, "missing.yaml")), ("OPENCUE_CONF", file)).Hosts
            .Should().Equal("cb1.example.com:7777", "cb2.example.com:9000");

        var profile = Path.Combine(_home, ".config", "opencue");
        Directory.CreateDirectory(profile);
        File.WriteAllText(Path.Combine(profile, "opencue.yaml"), "cuebot.facility:\n  local: [homebot]\n");
        Resolve(Options()).Hosts.Should().Equal("homebot:8443");
    }

    [Fact]
    public void A_missing_or_broken_explicit_config_file_is_a_connection_error()
    {
        var missing = Options();
        missing.ConfigFile = Path.Combine(_home, "nope.yaml");
        var broken = Options();
        broken.ConfigFile = Path.Combine(_home, "broken.yaml");
        File.WriteAllText(broken.ConfigFile, "cuebot.facility: [unclosed\n  - : :\n");

        var act1 = () => Resolve(missing);
        var act2 = () => Resolve(broken);

        act1.Should().Throw<CueConnectionException>().WithMessage("*nope.yaml*");
        act2.Should().Throw<CueConnectionException>().WithMessage("*broken.yaml*");
    }

    [Fact]
    public void A_facility_without_hosts_is_a_connection_error_naming_it()
    {
        var file = Path.Combine(_home, "empty.yaml");
        File.WriteAllText(file, "cuebot.facility_default: empty\ncuebot.facility:\n  empty: []\n");

        var act = () => Resolve(Options(), ("OPENCUE_CONFIG_FILE", file));

        act.Should().Throw<CueConnectionException>().WithMessage("*empty*");
    }

    private static CueClientOptions Options(params string[] hosts)
    {
        var options = new CueClientOptions();
        foreach (var host in hosts)
        {
            options.Hosts.Add(host);
        }

        return options;
    }

    private (IReadOnlyList<string> Hosts, string Source) Resolve(CueClientOptions options, params (string Name, string Value)[] env)
    {
        var variables = env.ToDictionary(e => e.Name, e => e.Value);
        variables["HOME"] = _home;
        variables["APPDATA"] = _home;
        return CueHostResolver.Resolve(options, _logger, name => variables.GetValueOrDefault(name));
    }

    private string WriteConfig()
    {
        var file = Path.Combine(_home, "opencue.yaml");
        File.WriteAllText(file, Config);
        return file;
    }
}
