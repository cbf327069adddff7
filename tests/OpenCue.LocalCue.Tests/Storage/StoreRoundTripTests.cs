using Microsoft.Data.Sqlite;
using OpenCue.Authoring;
using OpenCue.Client;
using OpenCue.LocalCue.Storage;
using OpenCue.LocalCue.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.Storage;

/// <summary>
/// What the SQLite store writes comes back as it was: a LocalCue stopped and started again on the same
/// state directory shows the same frames, depends (ids, active flags) and states, and the restored
/// depends still release their frames.
/// </summary>
public class StoreRoundTripTests
{
    [Fact]
    public async Task A_restarted_LocalCue_shows_the_same_frames_and_depends_and_finishes_the_job()
    {
        var root = Directory.CreateTempSubdirectory("localcue-store-").FullName;
        try
        {
            string jobName;
            string b3Id;
            long b3Eligible;
            List<string> before;
            await using (var h = await LocalCueHarness.StartAsync(root: root))
            {
                var outline = h.NewOutline("roundtrip");
                var a = outline.AddLayer(new Shell("aaa", h.Recorder()).SetFrameRange("1-4").SetMinCores(1));
                var b = outline.AddLayer(new Shell("bbb", h.Recorder()).SetFrameRange("1-4").SetMinCores(1));
                b.DependOn(a);
                outline.AddLayer(new Shell("ccc", h.Recorder()).SetFrameRange("1-2").SetMinCores(1)).DependAll(b);
                var job = await h.LaunchAsync(outline, o => o.Pause = true);
                jobName = job.Name;

                // Changes after launch, so the store holds more than launch states: an eaten frame, a
                // satisfied FRAME_ON_FRAME child.
                var frames = await h.FramesAsync(job);
                await frames.Single(f => f.Name == "0001-ccc").EatAsync();
                var b3 = frames.Single(f => f.Name == "0003-bbb");
                var child = (await b3.GetWhatThisDependsOnAsync()).Single();
                await child.SatisfyAsync();
                b3Id = b3.Id;
                b3Eligible = h.Cue.Scheduler.Frame(b3Id).EligibleTime;
                b3Eligible.Should().BePositive("satisfying its depend made it eligible");

                before = await SnapshotAsync(h, job);
                before.Should().Contain(l => l.StartsWith("0001-ccc EATEN", StringComparison.Ordinal));
                before.Should().Contain("0003-bbb WAITING 0 ", "its only depend was satisfied (getWhatThisDependsOn lists active depends)");
                before.Should().Contain(l => l.StartsWith("0004-bbb DEPEND", StringComparison.Ordinal) && l.Contains(":True", StringComparison.Ordinal));
            }

            await using (var h = await LocalCueHarness.StartAsync(root: root))
            {
                var job = await h.Api.FindJobAsync(jobName);
                (await SnapshotAsync(h, job)).Should().Equal(before);
                h.Cue.Scheduler.Frame(b3Id).EligibleTime.Should().Be(b3Eligible, "the eligible time is kept in the store (Cuebot's ts_eligible)");

                await job.ResumeAsync();
                var done = await LocalCueHarness.WaitFinishedAsync(job);
                var frames = await h.FramesAsync(done);
                frames.Should().OnlyContain(f => f.State == FrameState.Succeeded || f.Name == "0001-ccc");
                h.IndexOf("ccc", 2, "start").Should().BeGreaterThan(Enumerable.Range(1, 4).Max(n => h.IndexOf("bbb", n, "end")),
                    "the restored LAYER_ON_LAYER depend still holds ccc until bbb is done");
                h.IndexOf("bbb", 4, "start").Should().BeGreaterThan(h.IndexOf("aaa", 4, "end"), "the restored FRAME_BY_FRAME child still holds 0004-bbb");
            }
        }
        finally
        {
            Directory.Delete(root, true);
            Directory.Delete(LocalCueHarness.StateFor(root), true);
        }
    }

    [Fact]
    public async Task A_state_directory_in_another_layout_is_refused_and_left_untouched()
    {
        var root = Directory.CreateTempSubdirectory("localcue-layout-").FullName;
        try
        {
            var state = LocalCueHarness.StateFor(root);
            Directory.CreateDirectory(state);
            var file = Path.Combine(state, "localcue.db");
            using (var connection = new SqliteConnection("Data Source=" + file + ";Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE frames (id TEXT PRIMARY KEY, layer_id TEXT NOT NULL); INSERT INTO frames VALUES ('f1', 'l1');";
                command.ExecuteNonQuery();
            }

            var bytes = await File.ReadAllBytesAsync(file);

            var start = () => LocalCueHarness.StartAsync(root: root);

            var error = (await start.Should().ThrowAsync<StoreLayoutException>()).Which;
            error.Message.Should().Contain(file).And.Contain("layout 0").And.Contain("empty state directory");
            (await File.ReadAllBytesAsync(file)).Should().Equal(bytes);
        }
        finally
        {
            Directory.Delete(root, true);
            Directory.Delete(LocalCueHarness.StateFor(root), true);
        }
    }

    /// <summary>One line a frame: name, state, retries, and each depend it waits on as id:active; then the layers' depends.</summary>
    private static async Task<List<string>> SnapshotAsync(LocalCueHarness h, CueJob job)
    {
        var lines = new List<string>();
        foreach (var frame in (await h.FramesAsync(job)).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var depends = (await frame.GetWhatThisDependsOnAsync()).Select(d => d.Type + "/" + d.Id + ":" + d.IsActive).Order(StringComparer.Ordinal);
            lines.Add(frame.Name + " " + frame.State.ToString().ToUpperInvariant() + " " + frame.RetryCount + " " + string.Join(",", depends));
        }

        foreach (var layer in await job.GetLayersAsync())
        {
            var depends = (await layer.GetWhatThisDependsOnAsync()).Select(d => d.Type + "/" + d.Id + ":" + d.IsActive).Order(StringComparer.Ordinal);
            lines.Add(layer.Name + " " + string.Join(",", depends));
        }

        return lines;
    }
}
