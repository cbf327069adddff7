using OpenCue.Authoring.Specs;
using OpenCue.Authoring.Validation;
using OpenCue.Tests.Shared;

namespace OpenCue.Authoring.Tests.Validation;

public class ValidationTests
{
    private static readonly SpecWriterOptions Uid1000 = new() { Uid = 1000 };

    private static Outline Job(string name = "valid_job") => new(name, shot: "sh010", show: "testing", user: "jdoe");

    private static IReadOnlyList<ValidationProblem> Problems(Outline job, SpecWriterOptions? options = null) =>
        job.Validate(options ?? Uid1000).Problems;

    [Fact]
    public void A_good_outline_has_no_problem()
    {
        var job = Job();
        job.AddLayer(new Shell("render", new[] { "render", "#IFRAME#" }).SetFrameRange("1-10").SetMinCores(2).SetMinMemory(4096));
        Problems(job).Should().BeEmpty();
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_writing_throws_one_exception_listing_them()
    {
        var job = new Outline("x", shot: "s", show: "testing", user: "root");
        job.AddLayer(new Shell("ab", new string[0]).SetChunk(0).SetMemory("1.5g"));

        var errors = job.Validate(Uid1000).Errors.Select(e => e.Code).ToList();
        errors.Should().Contain(new[] { "shot-name", "user", "layer-name", "command", "chunk", "memory" });

        var thrown = job.Invoking(j => j.ToSpec(Uid1000)).Should().Throw<OutlineValidationException>().Which;
        thrown.Errors.Select(e => e.Code).Should().BeEquivalentTo(errors);
        thrown.Message.Should().Contain("Outline 'x' has").And.Contain("layer 'ab'").And.Contain("value: '1.5g'");
    }

    [Theory]
    [InlineData("ab", "layer-name")]
    [InlineData("has space", "layer-name")]
    [InlineData("bad/name", "layer-name")]
    public void Layer_names_follow_Cuebot(string name, string code)
    {
        var job = Job();
        job.AddLayer(new Shell(name, "true"));
        Problems(job).Should().Contain(p => p.Code == code && p.LayerName == name && p.Severity == ValidationSeverity.Error);
    }

    [Fact]
    public void Layer_names_that_collide_once_conformed_are_duplicates()
    {
        var job = Job();
        job.AddLayer(new Shell("Comp-Main", "true"));
        job.AddLayer(new Shell("comp_main", "true"));
        Problems(job).Should().ContainSingle(p => p.Code == "layer-duplicate").Which.Message.Should().Contain("comp_main");
    }

    [Fact]
    public void Exact_duplicate_names_are_refused_when_added()
    {
        var job = Job();
        job.AddLayer(new Shell("render", "true"));
        job.Invoking(j => j.AddLayer(new Shell("render", "true"))).Should().Throw<OutlineException>().WithMessage("*already has a layer named 'render'*");
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("x")]
    [InlineData("__")]
    public void Job_names_follow_Cuebot(string name)
    {
        var job = Job(name);
        job.AddLayer(new Shell("render", "true"));
        Problems(job).Should().Contain(p => p.Code == "job-name" && p.Value == name);
    }

    [Fact]
    public void Shows_must_be_possible_and_are_warned_about_when_not_conformed()
    {
        var bad = new Outline("job", shot: "sh010", show: "x!", user: "jdoe");
        bad.AddLayer(new Shell("render", "true"));
        Problems(bad).Should().Contain(p => p.Code == "show-name" && p.Severity == ValidationSeverity.Error);

        var dashed = new Outline("job", shot: "sh010", show: "demo-project", user: "jdoe");
        dashed.AddLayer(new Shell("render", "true"));
        Problems(dashed).Should().ContainSingle(p => p.Code == "show-name").Which.Severity.Should().Be(ValidationSeverity.Warning);
    }

    [Fact]
    public void Uid_zero_is_a_warning_root_user_is_an_error()
    {
        var job = Job();
        job.AddLayer(new Shell("render", "true"));
        Problems(job, new SpecWriterOptions { Uid = 0 }).Should().ContainSingle(p => p.Code == "uid").Which.Severity.Should().Be(ValidationSeverity.Warning);
        job.User = "root";
        Problems(job).Should().ContainSingle(p => p.Code == "user").Which.Severity.Should().Be(ValidationSeverity.Error);
    }

    [Fact]
    public void More_than_2000_layers_and_more_than_100000_frames_are_refused()
    {
        var many = Job();
        for (var i = 0; i < 2001; i++)
        {
            many.AddLayer(new Shell("layer" + i, "true").SetFrameRange("1"));
        }

        Problems(many).Should().Contain(p => p.Code == "layer-count" && p.Value == "2001");

        var big = Job();
        big.AddLayer(new Shell("render", "true").SetFrameRange("1-60000"));
        big.AddLayer(new Shell("comp", "true").SetFrameRange("1-40001"));
        Problems(big).Should().Contain(p => p.Code == "frame-count" && p.Value == "100001");
        big.GetLayer("comp").SetChunk(2);
        Problems(big).Should().NotContain(p => p.Code == "frame-count");
    }

    [Theory]
    [InlineData("8", ValidationSeverity.Warning)]
    [InlineData("1.5g", ValidationSeverity.Error)]
    [InlineData("1024kb", ValidationSeverity.Error)]
    [InlineData("60g", ValidationSeverity.Error)]
    [InlineData("128m", ValidationSeverity.Warning)]
    public void Memory_is_read_as_Cuebot_reads_it(string memory, ValidationSeverity severity)
    {
        var job = Job();
        job.AddLayer(new Shell("render", "true").SetMemory(memory));
        Problems(job).Should().ContainSingle(p => p.Code == "memory").Which.Severity.Should().Be(severity);
    }

    [Theory]
    [InlineData(30, "lowers min cores above 24")]
    [InlineData(0.25, "one decimal")]
    public void Cores_that_Cuebot_changes_are_warned_about(double cores, string text)
    {
        var job = Job();
        job.AddLayer(new Shell("render", "true").SetMinCores(cores));
        Problems(job).Should().Contain(p => p.Code == "cores" && p.Severity == ValidationSeverity.Warning && p.Message.Contains(text));
    }

    [Fact]
    public void Cores_written_as_zero_would_book_a_whole_host_and_are_an_error()
    {
        var job = Job();
        job.AddLayer(new Shell("render", "true").SetMinCores(0.04));
        Problems(job).Should().Contain(p => p.Code == "cores" && p.Severity == ValidationSeverity.Error && p.Message.Contains("0.0"));
    }

    [Fact]
    public void Validating_twice_reports_the_same_problems()
    {
        var job = Job();
        job.AddLayer(new Shell("render", "true")).Require("missing:all");
        var first = job.Validate(Uid1000).Problems.Select(p => p.ToString()).ToList();
        job.Validate(Uid1000).Problems.Select(p => p.ToString()).Should().Equal(first);
        first.Should().ContainSingle(p => p.Contains("[require]"));
        job.Invoking(j => j.ToSpec(Uid1000)).Should().Throw<OutlineValidationException>();
    }

    [Fact]
    public void Odd_input_gives_problems_not_exceptions()
    {
        var job = Job();
        var empty = job.AddLayer(new Shell("emptysim", "true").SetFrameRange("10-1x1"));
        job.AddLayer(new Shell("reader", "true").SetFrameRange("1-3")).DependOn(empty, DependType.LayerOnSimFrame);
        job.AddLayer(new ShellSequence("steps", new[] { "a", "b" }).SetFrameRange("1-x"));

        var problems = Problems(job);
        problems.Should().Contain(p => p.Code == "range" && p.LayerName == "emptysim");
        problems.Should().Contain(p => p.Code == "range" && p.LayerName == "steps");
    }

    [Fact]
    public void Depends_on_or_from_Post_layers_are_errors()
    {
        var job = Job();
        var render = job.AddLayer(new Shell("render", "true"));
        job.AddLayer(new OutlinePostCommand("cleanup", "true")).DependAll(render);
        Problems(job).Should().ContainSingle(p => p.Code == "depend-target" && p.LayerName == "cleanup");
    }

    [Fact]
    public void FrameByFrame_on_a_smaller_chunk_starting_later_fails_like_Cuebot()
    {
        var job = Job();
        var on = job.AddLayer(new Shell("simcache", "true").SetFrameRange("3-10"));
        job.AddLayer(new Shell("render", "true").SetFrameRange("1-10").SetChunk(2)).DependOn(on);
        Problems(job).Should().ContainSingle(p => p.Code == "depend-frames" && p.Severity == ValidationSeverity.Error).Which.Message.Should().Contain("Frame 1 (1 frame)");
    }

    [Fact]
    public void PreviousFrame_on_a_layer_with_too_few_frames_is_an_error()
    {
        var job = Job();
        var on = job.AddLayer(new Shell("short", "true").SetFrameRange("1-3"));
        job.AddLayer(new Shell("long", "true").SetFrameRange("1-10")).DependPrevious(on);
        Problems(job).Should().ContainSingle(p => p.Code == "depend-target" && p.Severity == ValidationSeverity.Error);
    }

    [Fact]
    public void Max_cores_below_min_retries_out_of_range_negative_timeouts_bad_tags_and_env_keys_are_errors()
    {
        var job = Job();
        job.SetEnv("1BAD", "x");
        job.AddLayer(new Shell("render", "true").SetMinCores(4).SetMaxCores(2).SetRetryCount(17).SetTimeout(-1).SetTags("general", "x").SetEnv("A-B", "v"));

        Problems(job).Where(p => p.Severity == ValidationSeverity.Error).Select(p => (p.Code, p.Value)).Should().BeEquivalentTo(new[]
        {
            ("env-key", "1BAD"), ("cores", "2"), ("retry-count", "17"), ("timeout", "-1"), ("tags", "x"), ("env-key", "A-B"),
        });
    }

    [Fact]
    public void A_layer_outside_the_job_range_is_left_out_and_depends_on_it_are_errors()
    {
        var job = Job();
        job.SetFrameRange("1-10");
        var late = job.AddLayer(new Shell("late", "true").SetFrameRange("20-30"));
        var comp = job.AddLayer(new Shell("comp", "true").SetFrameRange("1-10"));
        comp.DependAll(late);

        var problems = Problems(job);
        problems.Should().Contain(p => p.Code == "range-empty" && p.LayerName == "late" && p.Severity == ValidationSeverity.Warning);
        problems.Should().Contain(p => p.Code == "depend-skipped" && p.LayerName == "comp" && p.Value == "late");

        job.RemoveLayer(comp);
        Problems(job).Should().Contain(p => p.Code == "no-layers");
    }

    [Fact]
    public void A_depend_on_a_layer_not_in_the_outline_is_an_error()
    {
        var job = Job();
        var stray = new Shell("stray", "true");
        job.AddLayer(new Shell("comp", "true")).DependOn(stray);
        Problems(job).Should().ContainSingle(p => p.Code == "depend-missing" && p.Value == "stray");
    }

    [Fact]
    public void Cycles_are_named()
    {
        var job = Job();
        var a = job.AddLayer(new Shell("aaa", "true"));
        var b = job.AddLayer(new Shell("bbb", "true"));
        var c = job.AddLayer(new Shell("ccc", "true"));
        a.DependOn(b);
        b.DependAll(c);
        c.DependOn(a);

        Problems(job).Should().ContainSingle(p => p.Code == "depend-cycle").Which.Value.Should().Be("aaa -> bbb -> ccc -> aaa");
    }

    [Fact]
    public void FrameByFrame_between_frames_that_do_not_line_up_is_warned_about()
    {
        var job = Job();
        var render = job.AddLayer(new Shell("render", "true").SetFrameRange("1-50"));
        job.AddLayer(new Shell("comp", "true").SetFrameRange("1-100")).DependOn(render);

        Problems(job).Should().ContainSingle(p => p.Code == "depend-frames").Which.Message.Should().Contain("50 frames (51,52,53,54,55,...)");
    }

    [Fact]
    public void FrameByFrame_on_a_bigger_chunk_that_starts_later_fails_like_Cuebot()
    {
        var job = Job();
        var render = job.AddLayer(new Shell("render", "true").SetFrameRange("10-50").SetChunk(10));
        job.AddLayer(new Shell("comp", "true").SetFrameRange("1-50")).DependOn(render);

        Problems(job).Should().ContainSingle(p => p.Code == "depend-frames" && p.Severity == ValidationSeverity.Error);
    }

    [Fact]
    public void Invalid_ranges_name_the_bad_part()
    {
        var job = Job();
        job.AddLayer(new Shell("render", "true").SetFrameRange("1-10, 20"));
        Problems(job).Should().ContainSingle(p => p.Code == "range").Which.Message.Should().Contain(" 20");
    }

    [Fact]
    public void Characters_XML_cannot_carry_are_errors()
    {
        var job = Job();
        job.AddLayer(new Shell("render", "echo \u0001"));
        Problems(job).Should().ContainSingle(p => p.Code == "xml-char").Which.Message.Should().Contain("U+0001");
    }

    [Fact]
    public void Features_of_newer_spec_versions_are_left_out_with_a_warning()
    {
        var job = Job();
        job.MaxCores = 8;
        job.AddLayer(new Shell("render", "true").SetMinGpus(1).AddOutput("beauty", "/out/b.####.exr"));

        var options = new SpecWriterOptions { Uid = 1000, Version = SpecVersion.Parse("1.10") };
        Problems(job, options).Where(p => p.Code == "spec-version").Should().HaveCount(3);
        var spec = job.ToSpec(options);
        spec.Should().NotContain("<gpus>").And.NotContain("<outputs").And.NotContain("<maxcores>").And.NotContain("<priority>");
        CuebotDtd.AssertValid(spec);
    }
}
