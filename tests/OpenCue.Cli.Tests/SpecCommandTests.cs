using OpenCue.Authoring;
using OpenCue.Authoring.Json;
using OpenCue.Authoring.Specs;

namespace OpenCue.Cli.Tests;

public sealed class SpecCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Expected(string json, Action<Outline>? change = null, Action<SpecWriterOptions>? options = null)
    {
        var outline = PyOutlineJson.Load(json);
        change?.Invoke(outline);
        var writerOptions = new SpecWriterOptions { Uid = 1000 };
        options?.Invoke(writerOptions);
        return outline.ToSpec(writerOptions) + "\n";
    }

    [Fact]
    public void A_JSON_outline_prints_its_spec_and_a_newline()
    {
        var file = _folder.Write("job.json", Outlines.Pipeline);

        var result = CliRun.Run("spec", file, "--uid", "1000");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Be(Expected(Outlines.Pipeline));
        result.Stdout.Should().StartWith("<?xml version=\"1.0\"?><!DOCTYPE spec").And.EndWith("</spec>\n");
        result.Stderr.Should().BeEmpty();
    }

    [Theory]
    [InlineData("job.outline")]
    [InlineData("JOB.JSON")]
    public void Outline_and_upper_case_extensions_are_JSON(string name)
    {
        var file = _folder.Write(name, Outlines.Pipeline);

        CliRun.Run("spec", file, "--uid", "1000").Stdout.Should().Be(Expected(Outlines.Pipeline));
    }

    [Fact]
    public void An_xml_spec_is_read_back_and_written_again_unchanged()
    {
        var spec = PyOutlineJson.Load(Outlines.Pipeline).ToSpec(new SpecWriterOptions { Uid = 1234, Facility = "spi", Os = "rocky9", Priority = 50 });
        var file = _folder.Write("job.xml", spec);

        var result = CliRun.Run("spec", file);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Be(spec + "\n");
    }

    [Fact]
    public void Overrides_set_show_shot_user_facility_range_uid_mail_and_version()
    {
        var file = _folder.Write("job.json", Outlines.Pipeline);

        var result = CliRun.Run(
            "spec", file, "--show", "other", "--shot", "sh020", "--user", "alice", "--facility", "cloud", "--range", "1-4",
            "--uid", "2000", "--no-mail", "--spec-version", "1.12");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Be(Expected(
            Outlines.Pipeline,
            o =>
            {
                o.Show = "other";
                o.Shot = "sh020";
                o.User = "alice";
                o.Facility = "cloud";
                o.FrameRange = "1-4";
            },
            w =>
            {
                w.Uid = 2000;
                w.NoMail = true;
                w.Version = SpecVersion.Parse("1.12");
            }));
        result.Stdout.Should().Contain("<show>other</show><shot>sh020</shot><user>alice</user><uid>2000</uid>")
            .And.Contain("<facility>cloud</facility>").And.Contain("cjsl-1.12.dtd").And.NotContain("<email>");
    }

    [Fact]
    public void Facility_overrides_the_one_of_an_xml_spec()
    {
        var spec = PyOutlineJson.Load(Outlines.Pipeline).ToSpec(new SpecWriterOptions { Uid = 1000, Facility = "spi" });
        var file = _folder.Write("job.xml", spec);

        CliRun.Run("spec", file, "--facility", "cloud").Stdout.Should().Contain("<facility>cloud</facility>");
    }

    [Fact]
    public void Explicit_ranges_writes_intersections_as_PyOutline()
    {
        var file = _folder.Write("job.json", Outlines.Pipeline);

        CliRun.Run("spec", file, "--uid", "1000").Stdout.Should().Contain("<range>1-10</range>");
        CliRun.Run("spec", file, "--uid", "1000", "--explicit-ranges").Stdout.Should().Contain("<range>1,2,3,4,5,6,7,8,9,10</range>");
    }

    [Fact]
    public void OL_TAG_OVERRIDE_replaces_every_layers_tags_and_OL_OS_sets_the_os()
    {
        var file = _folder.Write("job.json", Outlines.Pipeline);
        var env = new Dictionary<string, string> { ["OL_TAG_OVERRIDE"] = "cloud | gpu", ["OL_OS"] = "rocky9" };

        var result = CliRun.Run(env, "spec", file, "--uid", "1000");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Be(Expected(Outlines.Pipeline, options: w =>
        {
            w.TagOverride = "cloud | gpu";
            w.Os = "rocky9";
        }));
        result.Stdout.Should().Contain("<os>rocky9</os>");
        System.Text.RegularExpressions.Regex.Matches(result.Stdout, "<tags>cloud \\| gpu</tags>").Count.Should().Be(2);
    }

    [Fact]
    public void OL_OS_does_not_replace_the_os_of_an_xml_spec()
    {
        var spec = PyOutlineJson.Load(Outlines.Pipeline).ToSpec(new SpecWriterOptions { Uid = 1000, Os = "centos7" });
        var file = _folder.Write("job.xml", spec);

        CliRun.Run(new Dictionary<string, string> { ["OL_OS"] = "rocky9" }, "spec", file).Stdout.Should().Contain("<os>centos7</os>");
    }

    [Fact]
    public void Validation_warnings_go_to_stderr_and_the_spec_is_still_written()
    {
        var file = _folder.Write("warn.json", Outlines.WithWarning);

        var result = CliRun.Run("spec", file, "--uid", "1000");

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Be(Expected(Outlines.WithWarning));
        result.Stderr.Should().StartWith("warning [memory] job 'warned' layer 'render': ");
    }

    [Fact]
    public void Loader_warnings_go_to_stderr()
    {
        var file = _folder.Write("threads.json", Outlines.Pipeline.Replace("\"cores\": 2", "\"cores\": 2, \"threads\": 8"));

        var result = CliRun.Run("spec", file, "--uid", "1000");

        result.ExitCode.Should().Be(0);
        result.Stderr.Should().Contain("cuerun: warning: Layer render has both cores and threads; using cores");
    }

    [Fact]
    public void An_outline_with_errors_lists_every_problem_on_stderr_and_exits_2_with_nothing_on_stdout()
    {
        var file = _folder.Write("broken.json", Outlines.WithErrors);

        var result = CliRun.Run("spec", file, "--uid", "1000").ShouldFailWithUsage(
            "error [require] job 'broken' layer 'render'",
            "error [command] job 'broken' layer 'render'",
            "cuerun spec: outline 'broken' has 2 errors; no spec written.");
        result.Stderr.Should().NotContain("--help");
    }

    [Fact]
    public void A_missing_file_is_a_usage_error()
    {
        CliRun.Run("spec", Path.Combine(_folder.Path, "nope.json")).ShouldFailWithUsage("cuerun spec: file not found: ", "nope.json");
        CliRun.Run("spec", Path.Combine(_folder.Path, "no-dir", "nope.json")).ShouldFailWithUsage("file not found");
    }

    [Fact]
    public void A_directory_is_a_usage_error()
    {
        var dir = Path.Combine(_folder.Path, "dir.json");
        Directory.CreateDirectory(dir);

        CliRun.Run("spec", dir).ShouldFailWithUsage("cannot read");
    }

    [Fact]
    public void An_unknown_extension_is_a_usage_error()
    {
        var file = _folder.Write("job.yaml", Outlines.Pipeline);

        CliRun.Run("spec", file).ShouldFailWithUsage("'.yaml'", "accepted: .json or .outline (PyOutline JSON outline), .xml (Cuebot job spec)");
    }

    [Fact]
    public void Bad_JSON_is_a_usage_error_with_line_and_position()
    {
        var file = _folder.Write("bad.json", "{\n  \"name\": \"x\",\n  \"layers\": [,]\n}");

        CliRun.Run("spec", file).ShouldFailWithUsage("bad.json: The outline is not valid JSON (line 3, position 14)");
    }

    [Fact]
    public void An_invalid_outline_file_is_a_usage_error_naming_the_layer_and_key()
    {
        var file = _folder.Write("bad.json", Outlines.Pipeline.Replace("\"chunk\": 2", "\"chunk\": \"x\""));

        CliRun.Run("spec", file).ShouldFailWithUsage("Layer 'render' (outline.modules.shell.Shell), 'chunk': expected a whole number");
    }

    [Fact]
    public void A_bad_xml_spec_is_a_usage_error()
    {
        CliRun.Run("spec", _folder.Write("bad.xml", "<spec><job")).ShouldFailWithUsage("bad.xml: The spec is not well-formed XML");
        CliRun.Run("spec", _folder.Write("two.xml", "<spec><show>a</show></spec>")).ShouldFailWithUsage("<job>");
    }

    [Theory]
    [InlineData("--spec-version", "2.0", "--spec-version: Spec version '2.0' is not supported; use 1.10")]
    [InlineData("--spec-version", "1.9", "use 1.10, 1.11, 1.12, 1.13, 1.14 or 1.15")]
    [InlineData("--uid", "root", "--uid: 'root' is not a whole number")]
    [InlineData("--range", "1-10, 20", "--range: invalid frame range '1-10, 20'")]
    [InlineData("--range", "x", "Accepted: comma-separated N, A-B")]
    [InlineData("--show", " ", "--show needs a non-empty value")]
    public void Bad_option_values_are_usage_errors(string option, string value, string message)
    {
        var file = _folder.Write("job.json", Outlines.Pipeline);

        CliRun.Run("spec", file, option, value).ShouldFailWithUsage("cuerun spec: ", message, "Run 'cuerun spec --help' for usage.");
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var file = _folder.Write("job.json", Outlines.Pipeline);

        CliRun.Run("spec").ShouldFailWithUsage("cuerun spec: missing FILE");
        CliRun.Run("spec", file, file).ShouldFailWithUsage("one FILE is accepted, got 2 arguments");
        CliRun.Run("spec", file, "--bogus").ShouldFailWithUsage("unknown option '--bogus'", "Accepted: --spec-version V, --show S", "--explicit-ranges, --help");
        CliRun.Run("spec", file, "--uid").ShouldFailWithUsage("option '--uid' needs a value: --uid N");
        CliRun.Run("spec", file, "--uid", "1", "--uid", "2").ShouldFailWithUsage("option '--uid' is given twice");
        CliRun.Run("spec", file, "--no-mail=yes").ShouldFailWithUsage("option '--no-mail' is a flag and takes no value");
        CliRun.Run("spec", file, "-x").ShouldFailWithUsage("unknown option '-x'");
    }

    [Fact]
    public void Options_take_equals_syntax_and_double_dash_ends_options()
    {
        var file = _folder.Write("job.json", Outlines.Pipeline);

        CliRun.Run("spec", "--uid=1000", "--show=other", file).Stdout.Should().Contain("<show>other</show>").And.Contain("<uid>1000</uid>");

        // After '--', '--uid' is FILE, not an option.
        CliRun.Run("spec", "--", "--uid").ShouldFailWithUsage("cannot tell the format of '--uid'");
    }
}
