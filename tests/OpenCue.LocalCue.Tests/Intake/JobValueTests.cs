using OpenCue.LocalCue.Intake;
using static OpenCue.LocalCue.Tests.Intake.Support.Specs;

namespace OpenCue.LocalCue.Tests.Intake;

/// <summary>The header and job values, and the post job Cuebot makes of Post layers.</summary>
public class JobValueTests
{
    private static JobDefinition SingleJob(string settings = "", string env = "", string header = Header, IntakeOptions? options = null) =>
        Parse(Spec(Job(Layer(), settings: settings, env: env), header: header), options).Jobs.Single();

    [Theory]
    [InlineData("5", 1)]
    [InlineData("1", 1)]
    [InlineData("0", 0)]
    [InlineData("-3", 0)]
    public void Max_retries_are_clamped_to_zero_or_one(string value, int expected) =>
        SingleJob("<maxretries>" + value + "</maxretries>").MaxRetries.Should().Be(expected);

    [Fact]
    public void Max_retries_default_to_one() => SingleJob().MaxRetries.Should().Be(1);

    [Theory]
    [InlineData("4", 400)]
    [InlineData("200", 20000)]
    [InlineData("-1", -1)]
    [InlineData("0", 0)]
    public void Max_cores_are_whole_cores(string value, int points) =>
        SingleJob("<maxcores>" + value + "</maxcores>").MaxCorePoints.Should().Be(points);

    [Fact]
    public void Max_gpus_and_priority_are_integers()
    {
        var job = SingleJob("<priority>99</priority><maxretries>1</maxretries><maxgpus>2</maxgpus>");
        job.Priority.Should().Be(99);
        job.MaxGpus.Should().Be(2);
        SingleJob().MaxGpus.Should().BeNull();
    }

    [Theory]
    [InlineData("True", true)]
    [InlineData("yes", true)]
    [InlineData("ON", true)]
    [InlineData("1", true)]
    [InlineData("False", false)]
    [InlineData("paused", false)]
    [InlineData("", false)]
    public void Paused_and_autoeat_use_cuebots_string_to_bool(string value, bool expected)
    {
        var job = SingleJob("<paused>" + value + "</paused><autoeat>" + value + "</autoeat>");
        job.Paused.Should().Be(expected);
        job.AutoEat.Should().Be(expected);
    }

    [Fact]
    public void The_header_facility_is_lower_cased_and_defaults_to_the_options()
    {
        SingleJob(header: "<facility>Cloud-A</facility><show>testing</show><shot>sh010</shot><user>jdoe</user>").Facility.Should().Be("cloud-a");
        var options = Options();
        options.DefaultFacility = "here";
        var job = SingleJob(header: "<show>testing</show><shot>sh010</shot><user>jdoe</user>", options: options);
        job.Facility.Should().Be("here");
        job.Uid.Should().BeNull();
        job.Email.Should().BeNull();
    }

    [Fact]
    public void The_show_is_kept_as_written_while_shot_and_job_name_are_conformed()
    {
        var job = SingleJob(header: "<show>Big-Show</show><shot>SH-010</shot><user>JDoe</user>");
        job.Show.Should().Be("Big-Show");
        job.Shot.Should().Be("sh_010");
        job.User.Should().Be("JDoe");
        job.Name.Should().Be("big-show-sh_010-jdoe_my_job");
    }

    [Fact]
    public void A_job_name_already_carrying_the_prefix_keeps_only_its_suffix() =>
        Parse(Spec(Job(Layer(), name: "testing-sh010-jdoe_My__Job"))).Jobs.Single().Name.Should().Be("testing-sh010-jdoe_my_job");

    [Fact]
    public void Only_the_first_job_env_is_read() =>
        Flat(SingleJob(env: "<env><key name=\"A\">1</key></env><env><key name=\"B\">2</key></env>").Env).Should().Equal("A=1");

    [Fact]
    public void Post_layers_make_one_post_job_and_keep_their_dispatch_order()
    {
        var layers = Layer("render") + Layer("notify", "Post") + Layer("comp") + Layer("cleanup", "Post");
        var jobs = Parse(Spec(Job(layers, settings: "<paused>True</paused><priority>10</priority><maxretries>0</maxretries><maxcores>8</maxcores><autoeat>True</autoeat><os>rocky9</os>",
            env: "<env><key name=\"CUE_PARENT_JOB\">old</key><key name=\"SHOW\">testing</key></env>"))).Jobs;

        jobs.Should().HaveCount(2);
        var parent = jobs[0];
        parent.Layers.Select(l => (l.Name, l.DispatchOrder)).Should().Equal(("render", 1), ("comp", 3));
        parent.IsPostJob.Should().BeFalse();

        var post = jobs[1];
        post.Layers.Select(l => (l.Name, l.DispatchOrder, l.Type)).Should().Equal(("notify", 2, "POST"), ("cleanup", 4, "POST"));
        post.Name.Should().Be("testing-sh010-monitor_my_job_post_job_1704164645000");
        post.ParentName.Should().Be(parent.Name);
        post.IsPostJob.Should().BeTrue();
        post.User.Should().Be("monitor");
        post.Paused.Should().BeFalse();
        post.AutoEat.Should().BeFalse();
        post.Priority.Should().Be(1);
        post.MaxRetries.Should().Be(2);
        post.MaxCorePoints.Should().Be(500);
        post.MinCorePoints.Should().Be(100);
        post.Os.Should().Be("rocky9");
        post.Show.Should().Be("testing");
        post.Shot.Should().Be("sh010");
        post.Facility.Should().Be("local");
        post.Uid.Should().Be(1000);
        post.Email.Should().BeNull();
        Flat(post.Env).Should().Equal("CUE_PARENT_JOB=" + parent.Name, "SHOW=testing", "CUE_PARENT_JOB_ID=");
    }

    [Theory]
    [InlineData("sh0", "testing-monitor10-sh0_my_job_post_job_1704164645000")] // Java's replaceFirst hits the shot first
    [InlineData("JDoe", "testing-sh010-jdoe_my_job_post_job_1704164645000")] // the lower-cased name no longer contains "JDoe"
    [InlineData("j.oe", "testing-sh010-monitor_my_job_post_job_1704164645000")] // the user is a regular expression
    public void The_post_job_name_replaces_the_first_match_of_the_user_as_cuebot_does(string user, string expected)
    {
        var header = "<show>testing</show><shot>sh010</shot><user>" + user + "</user>";
        Parse(Spec(Job(Layer() + Layer("cleanup", "Post")), header: header)).Jobs[1].Name.Should().Be(expected);
    }

    [Fact]
    public void The_post_job_name_uses_the_clock()
    {
        var options = Options();
        options.Clock = () => DateTimeOffset.FromUnixTimeMilliseconds(42);
        Parse(Spec(Job(Layer() + Layer("cleanup", "Post"))), options).Jobs[1].Name.Should().EndWith("_post_job_42");
    }

    [Fact]
    public void Every_job_of_a_spec_is_read_each_followed_by_its_post_job()
    {
        var xml = Spec(Job(Layer() + Layer("cleanup", "Post"), name: "first") + Job(Layer(), name: "second"));
        Parse(xml).Jobs.Select(j => j.Name).Should().Equal(
            "testing-sh010-jdoe_first", "testing-sh010-monitor_first_post_job_1704164645000", "testing-sh010-jdoe_second");
    }

    [Fact]
    public void Pending_is_asked_for_every_job_with_its_conformed_name()
    {
        var asked = new List<string>();
        var options = Options();
        options.IsJobPending = name =>
        {
            asked.Add(name);
            return false;
        };

        Parse(Spec(Job(Layer() + Layer("cleanup", "Post"), name: "First") + Job(Layer(), name: "Second")), options);

        asked.Should().Contain(new[] { "testing-sh010-jdoe_first", "testing-sh010-jdoe_second" });
    }

    [Fact]
    public void Localbook_is_ignored_with_a_warning()
    {
        var warnings = new List<string>();
        var options = Options();
        options.Warning = warnings.Add;
        SingleJob("<localbook host=\"box\" cores=\"4\" memory=\"8\" threads=\"2\" gpu=\"0\"/>", options: options).Name.Should().NotBeEmpty();
        warnings.Should().ContainSingle().Which.Should().Contain("localbook");
    }

    [Fact]
    public void Parse_without_options_uses_the_defaults()
    {
        var parsed = SpecIntake.Parse(Spec(Job(Layer() + Layer("cleanup", "Post"))));
        parsed.Jobs.Should().HaveCount(2);
        parsed.Jobs[0].Layers.Single().Services.Should().Equal("default");
        FluentActions.Invoking(() => SpecIntake.Parse(null!)).Should().Throw<ArgumentNullException>();
    }
}
