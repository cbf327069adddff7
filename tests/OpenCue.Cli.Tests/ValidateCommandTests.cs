namespace OpenCue.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_valid_outline_prints_a_summary_and_exits_0()
    {
        var file = _folder.Write("job.json", Outlines.Pipeline);

        var result = CliRun.Run("validate", file, "--uid", "1000");

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Be("outline 'cli-pipeline': 0 errors, 0 warnings; it can be launched.\n");
        result.Stderr.Should().BeEmpty();
    }

    [Fact]
    public void Warnings_alone_exit_0()
    {
        var file = _folder.Write("warn.json", Outlines.WithWarning);

        var result = CliRun.Run("validate", file, "--uid", "1000");

        result.ExitCode.Should().Be(0);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        lines[0].Should().StartWith("warning [memory] job 'warned' layer 'render': ");
        lines[1].Should().Be("outline 'warned': 0 errors, 1 warning; it can be launched.");
    }

    [Fact]
    public void Errors_are_listed_one_a_line_and_exit_1()
    {
        var file = _folder.Write("broken.json", Outlines.WithErrors);

        var result = CliRun.Run("validate", file, "--uid", "1000");

        result.ExitCode.Should().Be(ExitCodes.ValidationFailed);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain(l => l.StartsWith("error [require] job 'broken' layer 'render': ") && l.EndsWith("(value: 'ghost')"));
        lines.Should().Contain(l => l.StartsWith("error [command] job 'broken' layer 'render': "));
        lines[^1].Should().Be("outline 'broken': 2 errors, 0 warnings; Cuebot would refuse it.");
        result.Stderr.Should().BeEmpty();
    }

    [Fact]
    public void Overrides_are_validated_too()
    {
        var file = _folder.Write("job.json", Outlines.Pipeline);

        var result = CliRun.Run("validate", file, "--uid", "1000", "--user", "root", "--shot", "x");

        result.ExitCode.Should().Be(1);
        result.Stdout.Should().Contain("error [user]").And.Contain("error [shot-name]").And.Contain("2 errors");
    }

    [Fact]
    public void The_spec_version_and_env_are_applied()
    {
        var file = _folder.Write("job.json", Outlines.Pipeline);

        var result = CliRun.Run(new Dictionary<string, string> { ["OL_TAG_OVERRIDE"] = "a" }, "validate", file, "--uid", "1000");

        result.ExitCode.Should().Be(1);
        result.Stdout.Should().Contain("error [tags]");
    }

    [Fact]
    public void An_xml_spec_can_be_validated()
    {
        var spec = OpenCue.Authoring.Json.PyOutlineJson.Load(Outlines.Pipeline).ToSpec(new OpenCue.Authoring.Specs.SpecWriterOptions { Uid = 1000 });
        var file = _folder.Write("job.xml", spec);

        CliRun.Run("validate", file).ExitCode.Should().Be(0);
    }

    [Fact]
    public void Input_errors_exit_2_with_nothing_on_stdout()
    {
        CliRun.Run("validate").ShouldFailWithUsage("cuerun validate: missing FILE", "Run 'cuerun validate --help' for usage.");
        CliRun.Run("validate", Path.Combine(_folder.Path, "nope.outline")).ShouldFailWithUsage("file not found");
        CliRun.Run("validate", _folder.Write("bad.json", "{\"layers\": 1}")).ShouldFailWithUsage("'layers': expected a list of layer objects");
        CliRun.Run("validate", _folder.Write("ok.json", Outlines.Pipeline), "--chunk", "2").ShouldFailWithUsage("unknown option '--chunk'");
        CliRun.Run("validate", _folder.Write("ok2.json", Outlines.Pipeline), "--range", "1-").ShouldFailWithUsage("--range: invalid frame range '1-'");
    }
}
