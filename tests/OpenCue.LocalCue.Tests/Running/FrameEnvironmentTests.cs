using OpenCue.LocalCue.Running;

namespace OpenCue.LocalCue.Tests.Running;

public sealed class FrameEnvironmentTests : IDisposable
{
    private readonly RunnerTestContext _context = new RunnerTestContext();

    public void Dispose() => _context.Dispose();

    private static Func<string, string?> Host(params (string Key, string Value)[] variables) =>
        key => variables.Where(v => v.Key == key).Select(v => (string?)v.Value).FirstOrDefault();

    [Fact]
    public void The_base_path_is_RQDs_fixed_path_unless_the_host_path_is_used()
    {
        var request = _context.Request("true");
        var host = Host(("PATH", "/host/bin"));

        FrameEnvironment.Build(request, _context.Options, "x.rqlog", host)["PATH"].Should().Be(FrameEnvironment.RqdPath);

        _context.Options.UseHostPath = true;
        FrameEnvironment.Build(request, _context.Options, "x.rqlog", host)["PATH"].Should().Be("/host/bin");
    }

    [Fact]
    public void A_path_from_Cuebot_is_appended_once_with_the_last_value_winning()
    {
        var request = _context.Request("true", env: new List<KeyValuePair<string, string>>
        {
            new("PATH", "/job/bin"),
            new("PATH", "/layer/bin"),
        });
        _context.Options.UseHostPath = true;

        var env = FrameEnvironment.Build(request, _context.Options, "x.rqlog", Host(("PATH", "/host/bin")));

        env["PATH"].Should().Be("/host/bin:/layer/bin");
    }

    [Fact]
    public void Cuebot_values_override_the_request_env_and_RQDs_variables()
    {
        var request = _context.Request("true", env: new List<KeyValuePair<string, string>>
        {
            new("CUE_THREADS", "64"),
            new("USER", "other"),
            new("CUE3", "job"),
        });

        var env = FrameEnvironment.Build(request, _context.Options, "x.rqlog", Host());

        env["CUE_THREADS"].Should().Be("2");
        env["CUE3"].Should().Be("1");
        env["USER"].Should().Be("other");
        env["LOGNAME"].Should().Be("someone");
    }

    [Theory]
    [InlineData(0, "1")]
    [InlineData(50, "1")]
    [InlineData(100, "1")]
    [InlineData(199, "1")]
    [InlineData(250, "2")]
    [InlineData(800, "8")]
    public void Cue_threads_is_reserved_core_points_over_100_at_least_1(int points, string threads)
    {
        var request = new FrameRunRequest { ReservedCorePoints = points, LayerRange = "1", FrameName = "0001-a" };

        FrameEnvironment.Build(request, _context.Options, "x.rqlog", Host())["CUE_THREADS"].Should().Be(threads);
    }

    [Fact]
    public void Post_jobs_carry_their_parent_job()
    {
        var request = new FrameRunRequest { ParentJobId = "parent-id", ParentJobName = "parent-job" };

        var env = FrameEnvironment.Build(request, _context.Options, "x.rqlog", Host());

        env["CUE_PARENT_JOB_ID"].Should().Be("parent-id");
        env["CUE_PARENT_JOB"].Should().Be("parent-job");
    }

    [Fact]
    public void Time_zone_and_home_come_from_the_host_or_the_options()
    {
        var request = _context.Request("true");

        var env = FrameEnvironment.Build(request, _context.Options, "x.rqlog", Host(("TZ", "Europe/Paris"), ("HOME", "/home/me"), ("SECRET", "s")));
        env["TZ"].Should().Be("Europe/Paris");
        env["HOME"].Should().Be("/home/me");
        env.Should().NotContainKey("SECRET");

        _context.Options.TimeZone = "UTC";
        FrameEnvironment.Build(request, _context.Options, "x.rqlog", Host(("TZ", "Europe/Paris")))["TZ"].Should().Be("UTC");
    }

    [Fact]
    public void Cuebot_entries_are_in_Cuebots_order()
    {
        var request = _context.Request("true", env: new List<KeyValuePair<string, string>> { new("A", "1") });

        FrameEnvironment.CuebotEntries(request).Select(e => e.Key).Should().Equal(
            "A", "CUE3", "CUE_THREADS", "CUE_MEMORY", "CUE_GPUS", "CUE_GPU_MEMORY", "CUE_LOG_PATH", "CUE_RANGE",
            "CUE_CHUNK", "CUE_IFRAME", "CUE_LAYER", "CUE_JOB", "CUE_FRAME", "CUE_SHOW", "CUE_SHOT", "CUE_USER",
            "CUE_JOB_ID", "CUE_LAYER_ID", "CUE_FRAME_ID", "CUE_THREADABLE");
    }
}
