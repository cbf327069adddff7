using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenCue.Authoring;
using OpenCue.Client;
using OpenCue.LocalCue.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.EndToEnd;

/// <summary>The stand-alone scheduler killed with SIGKILL mid-job and started again on the same state directory.</summary>
public class RecoveryTests
{
    [Fact]
    public async Task After_SIGKILL_and_restart_succeeded_frames_stay_succeeded_and_the_job_completes()
    {
        var root = TestUsers.GiveTo(Directory.CreateTempSubdirectory("localcue-recovery-").FullName);
        var state = LocalCueHarness.StateFor(root);
        var events = Path.Combine(root, "events.txt");
        try
        {
            var (first, address) = await StartServerAsync(state);
            string jobName;
            List<string> succeededBeforeKill;
            using (var api = Api(address))
            {
                var job = new Outline("recover", shot: "sh010", show: "testing", user: "tester");
                job.AddLayer(new Shell("render", "echo \"#IFRAME# start\" >> " + events + " && sleep 0.5 && echo \"#IFRAME# end\" >> " + events)
                    .SetFrameRange("1-8").SetMinCores(1));
                var launched = (await Cuerun.LaunchAsync(job, new LaunchOptions { Api = api, Uid = TestUsers.FrameUid })).Single();
                jobName = launched.Name;
                await LocalCueHarness.WaitUntilAsync(launched, j => j.Stats.SucceededFrames >= 3 && j.Stats.RunningFrames > 0);
                succeededBeforeKill = (await Frames(launched)).Where(f => f.State == FrameState.Succeeded).Select(f => f.Name).ToList();
            }

            first.Kill(entireProcessTree: false);
            await first.WaitForExitAsync();
            first.ExitCode.Should().Be(137, "the scheduler was killed with SIGKILL");

            var (second, address2) = await StartServerAsync(state);
            try
            {
                using var api = Api(address2);
                // FindJob sees pending jobs only (as Cuebot's), and on a loaded machine the five frames left may all
                // have run between the restart and this call: search finished jobs too.
                var search = new JobSearch { IncludeFinished = true };
                search.Jobs.Add(jobName);
                var job = (await api.GetJobsAsync(search)).Should().ContainSingle("the job survives the restart").Subject;
                var done = await LocalCueHarness.WaitFinishedAsync(job);

                done.Stats.SucceededFrames.Should().Be(8, "every frame ends succeeded (frames: " + string.Join(", ", (await Frames(done)).Select(f => f.Name + " " + f.State + " exit " + f.ExitStatus)) + ")");
                var frames = await Frames(done);
                frames.Should().OnlyContain(f => f.State == FrameState.Succeeded);
                var starts = File.ReadAllLines(events).Where(l => l.EndsWith(" start", StringComparison.Ordinal)).Select(l => int.Parse(l.Split(' ')[0])).ToList();
                foreach (var name in succeededBeforeKill)
                {
                    var number = int.Parse(name.Split('-')[0]);
                    starts.Count(s => s == number).Should().Be(1, "frame " + name + " had succeeded before the kill and is not run again (events: "
                        + string.Join(" | ", File.ReadAllLines(events)) + "; frames after restart: "
                        + string.Join(", ", frames.Select(f => f.Name + " " + f.State + " retries " + f.RetryCount)) + ")");
                }
            }
            finally
            {
                second.Kill(entireProcessTree: true);
                await second.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(root, true);
            Directory.Delete(state, true);
        }
    }

    [Fact]
    public async Task SIGKILL_during_a_launch_leaves_the_whole_job_or_nothing()
    {
        var root = Directory.CreateTempSubdirectory("localcue-recovery-").FullName;
        var state = Path.Combine(root, "state");
        try
        {
            // 100,000 frames take about a second to create and store: the kill lands before, during or after the insert.
            var spec = OpenCue.LocalCue.Tests.Intake.Support.Specs.Spec(
                OpenCue.LocalCue.Tests.Intake.Support.Specs.Job(OpenCue.LocalCue.Tests.Intake.Support.Specs.Layer(range: "1-100000"), settings: "<paused>true</paused>"));
            var (first, address) = await StartServerAsync(state);
            using (var api = Api(address))
            {
                var launch = api.LaunchSpecAsync(spec);
                await Task.Delay(300);
                first.Kill(entireProcessTree: false);
                await first.WaitForExitAsync();
                try
                {
                    await launch;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The connection died with the server: the launch may or may not have been stored.
                }
            }

            var (second, address2) = await StartServerAsync(state);
            try
            {
                using var api = Api(address2);
                var jobs = await api.GetJobsAsync(new OpenCue.Client.JobSearch());
                jobs.Count.Should().BeLessThanOrEqualTo(1);
                if (jobs.Count == 1)
                {
                    jobs[0].Stats.TotalFrames.Should().Be(100000, "a launch is stored in one transaction: all of it or none");
                }

                // Either way the scheduler works: the same spec is pending already, or launches now.
                if (jobs.Count == 0)
                {
                    (await api.LaunchSpecAsync(spec)).Should().ContainSingle();
                }
            }
            finally
            {
                second.Kill(entireProcessTree: true);
                await second.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    private static CueApi Api(string address)
    {
        var options = new CueClientOptions();
        options.Hosts.Add(address);
        return new CueApi(options);
    }

    private static async Task<List<OpenCue.Client.CueFrame>> Frames(OpenCue.Client.CueJob job)
    {
        var list = new List<OpenCue.Client.CueFrame>();
        await foreach (var frame in job.GetFramesAsync())
        {
            list.Add(frame);
        }

        return list;
    }

    /// <summary>Starts the stand-alone server (<c>cuerun serve</c>, OpenCue.Cli.dll) as a child process on a free port and reads its address from its first line.</summary>
    /// <param name="stateDir">Its state directory.</param>
    /// <param name="configure">Changes the start (e.g. puts setpriv in front) once the arguments are in.</param>
    internal static async Task<(Process Process, string Address)> StartServerAsync(string stateDir, Action<ProcessStartInfo>? configure = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "OpenCue.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "serve", "--port", "0", "--state-dir", stateDir, "--cores", "2", "--memory", "65536" })
        {
            start.ArgumentList.Add(arg);
        }

        configure?.Invoke(start);

        var process = Process.Start(start)!;
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(guard.Token)
                ?? throw new InvalidOperationException("LocalCue exited: " + await process.StandardError.ReadToEndAsync());
            var match = Regex.Match(line, @"LocalCue listening on ([0-9.]+:[0-9]+)");
            if (match.Success)
            {
                _ = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                return (process, match.Groups[1].Value);
            }
        }
    }
}
