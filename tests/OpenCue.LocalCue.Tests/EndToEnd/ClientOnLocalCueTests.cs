using OpenCue.Authoring;
using OpenCue.Authoring.Validation;
using OpenCue.Client;
using OpenCue.LocalCue.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.EndToEnd;

/// <summary>OpenCue.Client's launch, wait and test modes against the real local scheduler.</summary>
public class ClientOnLocalCueTests
{
    [Fact]
    public async Task Wait_mode_returns_when_the_job_is_done_and_reports_progress()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("waited");
        var a = job.AddLayer(new Shell("aaa", "sleep 0.2").SetFrameRange("1-3").SetMinCores(1));
        job.AddLayer(new Shell("bbb", "true").SetFrameRange("1-3").SetMinCores(1)).DependOn(a);
        var reports = new List<JobProgress>();

        var launched = await h.LaunchAsync(job, o =>
        {
            o.Wait = true;
            o.Progress = new SyncProgress(reports);
        });

        (await launched.RefreshAsync()).State.Should().Be(JobState.Finished);
        reports.Should().NotBeEmpty();
        reports[^1].Stats.SucceededFrames.Should().Be(6);
        reports[^1].Layers.Select(l => l.Name).Should().Equal("aaa", "bbb");
    }

    [Fact]
    public async Task Test_mode_fails_with_the_dead_frames_listed_and_kills_the_job()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("tested");
        job.AddLayer(new Shell("good", "true").SetFrameRange("1"));
        job.AddLayer(new Shell("bad", "exit 4").SetFrameRange("1-2"));

        var act = () => h.LaunchAsync(job, o => o.Test = true);

        var failure = (await act.Should().ThrowAsync<JobTestFailedException>()).Which;
        // Either bad frame may die first: test mode stops at the first death it sees.
        failure.FailedFrames.Should().Contain(f => f.EndsWith("-bad (DEAD, exit 4)", StringComparison.Ordinal));
        var killed = (await h.Api.GetJobsAsync(new JobSearch { IncludeFinished = true })).Single();
        killed.State.Should().Be(JobState.Finished);
    }

    [Fact]
    public async Task A_frames_log_path_from_the_client_is_the_file_LocalCue_wrote()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("logged");
        job.AddLayer(new Shell("say", "echo said-#IFRAME#").SetFrameRange("1-2"));

        var launched = await h.LaunchAsync(job, o => o.Wait = true);

        var frames = await launched.GetFramesAsync().ToListAsync();
        frames.Should().HaveCount(2);
        foreach (var frame in frames)
        {
            var path = launched.GetFrameLogPath(frame.Name);
            Path.GetFileName(path).Should().Be(launched.Name + "." + frame.Name + ".rqlog");
            File.ReadAllText(path).Should().Contain("said-" + frame.Number);
        }
    }

    [Fact]
    public async Task FindLatestJob_finds_a_finished_job_that_FindJob_does_not()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("finished");
        job.AddLayer(new Shell("quick", "true").SetFrameRange("1"));
        var launched = await h.LaunchAsync(job, o => o.Wait = true);

        await h.Api.Invoking(a => a.FindJobAsync(launched.Name)).Should().ThrowAsync<EntityNotFoundException>("FindJob sees pending jobs only");
        var found = await h.Api.FindLatestJobAsync(launched.Name.ToUpperInvariant());

        found.Id.Should().Be(launched.Id);
        found.State.Should().Be(JobState.Finished);
        await h.Api.Invoking(a => a.FindLatestJobAsync(launched.Name + "_nope")).Should().ThrowAsync<EntityNotFoundException>()
            .WithMessage("*pending or finished*");
    }

    [Fact]
    public async Task Frames_report_the_submission_time_and_when_they_became_eligible_as_Cuebot()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var marker = Path.Combine(Path.GetTempPath(), "eligible-" + Guid.NewGuid().ToString("N"));
        var job = h.NewOutline("eligible");
        var first = job.AddLayer(new Shell("first", "while [ ! -e " + marker + " ]; do sleep 0.05; done").SetFrameRange("1"));
        job.AddLayer(new Shell("second", "true").SetFrameRange("1")).DependAll(first);
        try
        {
            var launched = await h.LaunchAsync(job);
            var submitted = launched.StartTime!.Value;
            await LocalCueHarness.WaitUntilAsync(launched, j => j.Stats.RunningFrames == 1);
            var held = (await launched.GetFramesAsync().ToListAsync()).Single(f => f.LayerName == "second");
            held.State.Should().Be(FrameState.Depend);
            held.SubmissionTime.Should().Be(submitted, "a frame's submission time is its job's");
            held.EligibleTime.Should().Be(submitted, "a frame in DEPEND reports the submission time, as Cuebot");

            // Release the first layer only once the second is past the submission second, so that the
            // time the second frame became eligible cannot be mistaken for the fallback.
            while (DateTimeOffset.UtcNow.ToUnixTimeSeconds() <= submitted.ToUnixTimeSeconds())
            {
                await Task.Delay(50);
            }

            await File.WriteAllTextAsync(marker, string.Empty);
            var done = await LocalCueHarness.WaitFinishedAsync(launched);
            var frames = await done.GetFramesAsync().ToListAsync();
            var firstFrame = frames.Single(f => f.LayerName == "first");
            var secondFrame = frames.Single(f => f.LayerName == "second");
            firstFrame.EligibleTime.Should().Be(submitted, "it was WAITING from launch");
            secondFrame.EligibleTime.Should().BeAfter(submitted).And.BeOnOrAfter(firstFrame.StopTime!.Value,
                "it became eligible when the layer it waited on finished");
            secondFrame.SubmissionTime.Should().Be(submitted);
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public async Task Test_mode_passes_when_every_frame_succeeds()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("passes");
        job.AddLayer(new Shell("good", "true").SetFrameRange("1-3"));

        var launched = await h.LaunchAsync(job, o => o.Test = true);

        (await launched.RefreshAsync()).Stats.SucceededFrames.Should().Be(3);
    }

    [Fact]
    public async Task Layer_max_cores_and_retries_are_applied_after_launch()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("after_launch");
        job.AddLayer(new Shell("render", "true").SetFrameRange("1").SetMaxCores(3).SetRetryCount(4).SetMinCores(1));
        job.AddLayer(new Shell("comp", "true").SetFrameRange("1").SetRetryCount(2));

        var launched = await h.LaunchAsync(job, o => o.Pause = true);

        var layers = await launched.GetLayersAsync();
        layers.Single(l => l.Name == "render").MaxCores.Should().Be(3);
        h.Cue.Scheduler.Job(launched.Id).MaxRetries.Should().Be(4, "the largest layer retry count applies job-wide");
    }

    [Fact]
    public async Task An_invalid_outline_is_refused_before_anything_reaches_the_scheduler()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("invalid");
        job.AddLayer(new Shell("ab", "true"));

        var act = () => h.LaunchAsync(job);

        await act.Should().ThrowAsync<OutlineValidationException>();
        (await h.Api.GetJobsAsync(new JobSearch { IncludeFinished = true })).Should().BeEmpty();
    }

    [Fact]
    public async Task Frames_of_a_large_job_page_through_in_order()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("large");
        job.AddLayer(new Shell("render", "true").SetFrameRange("1-1234"));
        var launched = await h.LaunchAsync(job, o => o.Pause = true);

        var numbers = new List<int>();
        await foreach (var frame in launched.GetFramesAsync())
        {
            numbers.Add(frame.Number);
        }

        numbers.Should().Equal(Enumerable.Range(1, 1234));
        var byName = new List<int>();
        await foreach (var frame in h.Api.GetFramesAsync(launched.Name, new FrameSearch { Range = "100-199" }))
        {
            byName.Add(frame.Number);
        }

        byName.Should().Equal(Enumerable.Range(100, 100));
    }

    private sealed class SyncProgress(List<JobProgress> reports) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => reports.Add(value);
    }
}
