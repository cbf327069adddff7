using System.Diagnostics;
using System.Globalization;
using OpenCue.Authoring;
using OpenCue.Client;
using OpenCue.LocalCue.Tests.Support;

namespace OpenCue.LocalCue.Tests.EndToEnd;

/// <summary>Through the real gRPC server: jobs run as their uid, never as root, and uids that must not run are refused at launch.</summary>
public class FrameUserEndToEndTests
{
    [Fact]
    public async Task A_job_launched_with_a_real_users_uid_runs_its_frames_as_that_user()
    {
        TestUsers.RequireRoot();
        await using var user = await TestUsers.CreateAsync();
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("asuser");
        job.AddLayer(new Shell("render", "echo \"ids $(id -u) $(id -g) HOME=$HOME USER=$USER\"").SetFrameRange("1").SetMinCores(1));

        var launched = await LocalCueHarness.WaitFinishedAsync(await h.LaunchAsync(job, o => o.Uid = user.Uid));

        launched.Stats.SucceededFrames.Should().Be(1);
        string log = File.ReadAllText(Directory.GetFiles(launched.LogDirectory, "*.rqlog").Single());
        log.Should().Contain("\nids " + Text(user.Uid) + " " + Text(user.Gid) + " HOME=" + user.Home + " USER=" + user.Name + "\n");
        log.Should().Contain("\nuid                  " + Text(user.Uid) + "\ngid                  " + Text(user.Gid) + "\n");
    }

    [Theory]
    [InlineData(65534)]
    [InlineData(500)]
    public async Task A_uid_outside_1000_to_60000_is_refused_at_launch_with_nothing_created(int uid)
    {
        TestUsers.RequireRoot();
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("outside");
        job.AddLayer(new Shell("render", "true").SetFrameRange("1-3"));

        var act = () => h.Api.LaunchSpecAndWaitAsync(job.ToSpec(new OpenCue.Authoring.Specs.SpecWriterOptions { Uid = uid }));

        (await act.Should().ThrowAsync<JobLaunchException>()).Which.Message.Should()
            .Contain("uid " + Text(uid) + " is outside the allowed range 1000..60000").And.Contain("ROOT");
        (await h.Api.GetJobsAsync(new JobSearch { IncludeFinished = true })).Should().BeEmpty();
    }

    [Fact]
    public async Task Uid_0_and_a_spec_without_a_uid_are_refused_at_launch()
    {
        TestUsers.RequireRoot();
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("rootjob");
        job.AddLayer(new Shell("render", "true").SetFrameRange("1"));
        string spec = job.ToSpec(new OpenCue.Authoring.Specs.SpecWriterOptions { Uid = 1000 });

        var asRoot = () => h.Api.LaunchSpecAndWaitAsync(spec.Replace("<uid>1000</uid>", "<uid>0</uid>", StringComparison.Ordinal));
        var noUid = () => h.Api.LaunchSpecAndWaitAsync(spec.Replace("<uid>1000</uid>", string.Empty, StringComparison.Ordinal));

        (await asRoot.Should().ThrowAsync<JobLaunchException>()).Which.Message.Should().Contain("root");
        (await noUid.Should().ThrowAsync<JobLaunchException>()).Which.Message.Should().Contain("The job has no uid").And.Contain("1000..60000");
        (await h.Api.GetJobsAsync(new JobSearch { IncludeFinished = true })).Should().BeEmpty();
    }

    [Fact]
    public async Task A_LocalCue_that_is_not_root_runs_frames_as_its_own_user_and_the_log_warns_right_after_the_header()
    {
        TestUsers.RequireRoot();
        await using var user = await TestUsers.CreateAsync();
        var root = TestUsers.GiveTo(Directory.CreateTempSubdirectory("localcue-nonroot-").FullName, user.Uid);
        var (server, address) = await RecoveryTests.StartServerAsync(Path.Combine(root, "state"), start =>
        {
            // The stand-alone server, run as the new user: not root, BecomeJobUser off.
            start.ArgumentList.Insert(0, start.FileName);
            foreach (var argument in new[] { "--", "--clear-groups", "--regid=" + Text(user.Gid), "--reuid=" + Text(user.Uid) })
            {
                start.ArgumentList.Insert(0, argument);
            }

            start.FileName = "/usr/bin/setpriv";
            start.Environment["HOME"] = root;
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        });
        try
        {
            var options = new CueClientOptions { CallDeadline = TimeSpan.FromSeconds(30) };
            options.Hosts.Add(address);
            using var api = new CueApi(options);
            var job = new Outline("nonroot", shot: "sh010", show: "testing", user: "tester");
            job.AddLayer(new Shell("render", "echo \"ran-as $(id -u)\"").SetFrameRange("1"));

            var launched = (await Cuerun.LaunchAsync(job, new LaunchOptions { Api = api, Uid = TestUsers.FrameUid })).Single();
            launched = await LocalCueHarness.WaitFinishedAsync(launched);

            launched.Stats.SucceededFrames.Should().Be(1);
            string[] lines = File.ReadAllLines(Directory.GetFiles(launched.LogDirectory, "*.rqlog").Single());
            lines.Should().Contain("uid                  " + Text(user.Uid)).And.Contain("gid                  " + Text(user.Gid));
            int headerEnd = Array.IndexOf(lines, lines[0], 1);
            lines[headerEnd + 1].Should().StartWith("WARNING: the job asks for uid " + Text(TestUsers.FrameUid) + " but this frame runs as uid " + Text(user.Uid));
            lines[headerEnd + 2].Should().Be("ran-as " + Text(user.Uid));
        }
        finally
        {
            // SIGTERM stops it cleanly (its empty frame directory base goes too); SIGKILL only if it hangs.
            await TestUsers.RunAsync("/bin/kill", "-TERM", server.Id.ToString(CultureInfo.InvariantCulture));
            using (var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                try
                {
                    await server.WaitForExitAsync(guard.Token);
                }
                catch (OperationCanceledException)
                {
                    server.Kill(entireProcessTree: true);
                    await server.WaitForExitAsync();
                }
            }

            Directory.Delete(root, recursive: true);
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
