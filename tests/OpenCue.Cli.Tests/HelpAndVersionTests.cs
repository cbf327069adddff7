namespace OpenCue.Cli.Tests;

public class HelpAndVersionTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Help_lists_the_commands_and_the_exit_codes(string flag)
    {
        var result = CliRun.Run(flag);

        result.ExitCode.Should().Be(0);
        result.Stderr.Should().BeEmpty();
        result.Stdout.Should().Contain("cuerun spec FILE [options]").And.Contain("cuerun validate FILE [options]")
            .And.Contain("cuerun frames RANGE [--chunk N] [--json]").And.Contain("cuerun --version")
            .And.Contain("cuerun launch FILE [--server H:P | --local] [--wait | --test] [options]").And.Contain("cuerun serve [--port 8443]")
            .And.Contain("cuerun kill JOB --reason R").And.Contain("cuerun graph FILE [--format mermaid|dot]").And.Contain("cuerun analyze JOB")
            .And.Contain("  3    the Cuebot could not be reached").And.Contain("  130  interrupted")
            .And.Contain("Exit codes:").And.Contain("  0    success").And.Contain("  1    validate: the outline has errors")
            .And.Contain("  2    invalid input or usage").And.Contain(".json, .outline").And.Contain(".xml");
    }

    [Theory]
    [InlineData("spec", "--spec-version V")]
    [InlineData("validate", "  1  the outline has errors")]
    [InlineData("frames", "--chunk N")]
    [InlineData("frames", "cuerun frames JOB [--layer L] [--state S] [--range R] [--json] [--server H:P]")]
    [InlineData("graph", "--format F")]
    [InlineData("launch", "--local")]
    [InlineData("launch", "--fail-on-dead")]
    [InlineData("launch", "  130  interrupted (Ctrl+C) while waiting")]
    [InlineData("serve", "--state-dir DIR")]
    [InlineData("jobs", "--all")]
    [InlineData("layers", "  3  the Cuebot could not be reached")]
    [InlineData("kill", "--reason R")]
    [InlineData("pause", "--server H:P[,H:P]")]
    [InlineData("resume", "CUEBOT_HOSTS")]
    [InlineData("retry", "--all")]
    [InlineData("eat", "--state S")]
    [InlineData("satisfy", "--layer L")]
    [InlineData("analyze", "--json")]
    public void Each_command_has_help(string command, string fragment)
    {
        foreach (var args in new[] { new[] { command, "--help" }, new[] { command, "-h" }, new[] { "help", command }, new[] { command, "x", "--bogus", "--help" } })
        {
            var result = CliRun.Run(args);

            result.ExitCode.Should().Be(0, string.Join(" ", args));
            result.Stdout.Should().StartWith("Usage: cuerun " + command + " ").And.Contain(fragment).And.Contain("Exit codes:").And.Contain("-h, --help");
            result.Stderr.Should().BeEmpty();
        }
    }

    [Fact]
    public void Spec_help_documents_the_options_and_environment()
    {
        var help = CliRun.Run("spec", "--help").Stdout;

        foreach (var option in new[] { "--spec-version V", "--show S", "--shot S", "--user U", "--facility F", "--range R", "--uid N", "--no-mail", "--explicit-ranges", "OL_TAG_OVERRIDE", "OL_OS" })
        {
            help.Should().Contain(option);
        }

        help.Should().Contain("  2  invalid input or usage");
    }

    [Fact]
    public void Version_prints_the_version()
    {
        var result = CliRun.Run("--version");

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().MatchRegex(@"^cuerun \d+\.\d+\.\d+\S*\n$");
        result.Stdout.Should().Be("cuerun " + CliApp.Version + "\n");
        CliRun.Run("--version", "x").ShouldFailWithUsage("--version takes no arguments");
    }

    [Fact]
    public void No_arguments_prints_the_usage_on_stderr_and_exits_2()
    {
        CliRun.Run().ShouldFailWithUsage("cuerun: missing command.", "Usage:");
    }

    [Fact]
    public void An_unknown_command_exits_2()
    {
        CliRun.Run("bogus", "x.json").ShouldFailWithUsage(
            "cuerun: unknown command 'bogus'. Commands: spec, validate, graph, frames, launch, serve, jobs, layers, kill, pause, resume, retry, eat, satisfy, analyze.");
        CliRun.Run("help", "bogus").ShouldFailWithUsage("no help for 'bogus'");
    }

    [Fact]
    public void Null_writers_are_refused()
    {
        var act = () => CliApp.Run(Array.Empty<string>(), null!, TextWriter.Null);

        act.Should().Throw<ArgumentNullException>();
    }
}
