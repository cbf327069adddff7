using Microsoft.Data.Sqlite;
using OpenCue.LocalCue.Storage;

namespace OpenCue.LocalCue.Tests.Storage;

/// <summary>
/// The store's own contract, in its own records and without a scheduler: keys come back in insert
/// order, rows reference each other by key, a committed transaction is read back as written, and an
/// uncommitted one leaves nothing.
/// </summary>
public sealed class SqliteJobStoreTests : IDisposable
{
    private static readonly StoredJobValues Pending = new(0, true, 1, 3, false, 0, 100, 1_700_000_000, 0, null);

    private readonly string _directory = Directory.CreateTempSubdirectory("localcue-records-").FullName;

    public void Dispose() => Directory.Delete(_directory, true);

    [Fact]
    public void A_committed_launch_is_read_back_in_insert_order_with_its_references_by_key()
    {
        List<long> frameKeys = new();
        using (var store = SqliteJobStore.OpenFile(_directory))
        using (var transaction = store.BeginTransaction())
        {
            var job = transaction.InsertJob(new StoredJob(0, "j", 7, "{}", "/logs/j", null, Pending));
            var layer = transaction.InsertLayer(new StoredLayer(0, "l", job, 0, 100, 0, 1024, false, "general|desktop", 0, 0));
            foreach (var number in new[] { 5, 1, 3 })
            {
                frameKeys.Add(transaction.InsertFrame(new StoredFrame(0, "f" + number, layer, number, frameKeys.Count, 0, 0, -1, 0, 0, 0, 0, 0, 0)));
            }

            var parent = transaction.InsertDepend(new StoredDepend(0, "d", null, 1, false, true, job, layer, null, job, layer, null));
            transaction.InsertDepend(new StoredDepend(0, "d1", parent, 2, false, true, job, layer, frameKeys[1], job, layer, frameKeys[0]));
            transaction.Commit();
        }

        frameKeys.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        using (var store = SqliteJobStore.OpenFile(_directory))
        {
            var state = store.Load();
            var job = state.Jobs.Should().ContainSingle().Subject;
            job.Should().Be(new StoredJob(job.Key, "j", 7, "{}", "/logs/j", null, Pending));
            var layer = state.Layers.Should().ContainSingle().Subject;
            layer.Should().Be(new StoredLayer(layer.Key, "l", job.Key, 0, 100, 0, 1024, false, "general|desktop", 0, 0));
            state.Frames.Select(f => (f.Key, f.Id, f.LayerKey)).Should().Equal(
                (frameKeys[0], "f5", layer.Key), (frameKeys[1], "f1", layer.Key), (frameKeys[2], "f3", layer.Key));
            state.Depends.Select(d => d.Id).Should().Equal("d", "d1");
            state.Depends[1].ParentKey.Should().Be(state.Depends[0].Key);
            (state.Depends[1].ErFrameKey, state.Depends[1].OnFrameKey).Should().Be((frameKeys[1], frameKeys[0]));
        }
    }

    [Fact]
    public void Updates_write_what_changes_and_a_transaction_not_committed_leaves_nothing()
    {
        using var store = SqliteJobStore.OpenFile(_directory);
        long job, layer, frame;
        using (var transaction = store.BeginTransaction())
        {
            job = transaction.InsertJob(new StoredJob(0, "j", 0, "{}", "/logs/j", null, Pending));
            layer = transaction.InsertLayer(new StoredLayer(0, "l", job, 0, 100, 0, 1024, false, string.Empty, 0, 0));
            frame = transaction.InsertFrame(new StoredFrame(0, "f", layer, 1, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0));
            transaction.Commit();
        }

        using (var transaction = store.BeginTransaction())
        {
            transaction.UpdateJob(job, Pending with { State = 1, Paused = false, StopTime = 9 });
            transaction.UpdateFrame(new StoredFrame(frame, "ignored", 999, 999, 999, 3, 1, 0, 0, 5, 9, 2048, 0, 0));
            transaction.Commit();
        }

        using (var transaction = store.BeginTransaction())
        {
            transaction.InsertJob(new StoredJob(0, "never", 1, "{}", "/logs/never", null, Pending));
            transaction.UpdateLayer(new StoredLayer(layer, "l", job, 0, 400, 0, 1024, true, "x", 0, 0));
        }

        var state = store.Load();
        state.Jobs.Should().ContainSingle().Which.Values.Should().Be(Pending with { State = 1, Paused = false, StopTime = 9 });
        state.Layers.Should().ContainSingle().Which.MinCorePoints.Should().Be(100, "the update was in a transaction never committed");
        state.Frames.Should().ContainSingle().Which.Should().Be(new StoredFrame(frame, "f", layer, 1, 0, 3, 1, 0, 0, 5, 9, 2048, 0, 0),
            "an update writes the frame's state, not its id, layer, number or order");
    }

    [Fact]
    public void A_frames_eligible_time_is_kept()
    {
        using (var store = SqliteJobStore.OpenFile(_directory))
        {
            using var transaction = store.BeginTransaction();
            var job = transaction.InsertJob(new StoredJob(0, "j", 0, "{}", "/logs/j", null, Pending));
            var layer = transaction.InsertLayer(new StoredLayer(0, "l", job, 0, 100, 0, 1024, false, string.Empty, 0, 0));
            var frame = transaction.InsertFrame(new StoredFrame(0, "f", layer, 1, 0, 5, 0, -1, 0, 0, 0, 0, 0, 1));
            transaction.UpdateFrame(new StoredFrame(frame, "f", layer, 1, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, EligibleTime: 1_700_000_123));
            transaction.Commit();
        }

        using var reopened = SqliteJobStore.OpenFile(_directory);
        reopened.Load().Frames.Should().ContainSingle().Which.EligibleTime.Should().Be(1_700_000_123, "a restart keeps when the frame became eligible (Cuebot's ts_eligible)");
    }

    [Fact]
    public void A_layout_2_database_is_upgraded_in_place_and_keeps_its_rows()
    {
        // The layout before eligible times were kept (version 2), with one launched frame.
        using (var connection = new SqliteConnection("Data Source=" + Path.Combine(_directory, "localcue.db") + ";Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = @"
CREATE TABLE jobs (key INTEGER PRIMARY KEY, id TEXT NOT NULL, seq INTEGER NOT NULL, definition TEXT NOT NULL, state INTEGER NOT NULL,
  paused INTEGER NOT NULL, priority INTEGER NOT NULL, max_retries INTEGER NOT NULL, auto_eat INTEGER NOT NULL, max_core_points INTEGER NOT NULL,
  min_core_points INTEGER NOT NULL, start_time INTEGER NOT NULL, stop_time INTEGER NOT NULL, log_dir TEXT NOT NULL, parent_job_id TEXT, post_job_id TEXT);
CREATE TABLE layers (key INTEGER PRIMARY KEY, id TEXT NOT NULL, job INTEGER NOT NULL, idx INTEGER NOT NULL, min_core_points INTEGER NOT NULL,
  max_core_points INTEGER NOT NULL, min_memory_kb INTEGER NOT NULL, threadable INTEGER NOT NULL, tags TEXT NOT NULL, timeout INTEGER NOT NULL,
  timeout_llu INTEGER NOT NULL);
CREATE TABLE frames (key INTEGER PRIMARY KEY, id TEXT NOT NULL, layer INTEGER NOT NULL, number INTEGER NOT NULL, dispatch_order INTEGER NOT NULL,
  state INTEGER NOT NULL, retry_count INTEGER NOT NULL, exit_status INTEGER NOT NULL, exit_signal INTEGER NOT NULL, start_time INTEGER NOT NULL,
  stop_time INTEGER NOT NULL, max_rss INTEGER NOT NULL, memory_retries INTEGER NOT NULL, depend_count INTEGER NOT NULL);
CREATE TABLE depends (key INTEGER PRIMARY KEY, id TEXT NOT NULL, parent INTEGER, type INTEGER NOT NULL, any_frame INTEGER NOT NULL,
  active INTEGER NOT NULL, er_job INTEGER NOT NULL, er_layer INTEGER, er_frame INTEGER, on_job INTEGER NOT NULL, on_layer INTEGER, on_frame INTEGER);
INSERT INTO jobs VALUES (1, 'j', 0, '{}', 0, 1, 1, 3, 0, 0, 100, 1700000000, 0, '/logs/j', NULL, NULL);
INSERT INTO layers VALUES (1, 'l', 1, 0, 100, 0, 1024, 0, '', 0, 0);
INSERT INTO frames VALUES (1, 'f', 1, 7, 0, 0, 2, 1, 0, 10, 20, 4096, 0, 0);
PRAGMA user_version=2;";
            command.ExecuteNonQuery();
        }

        using (var store = SqliteJobStore.OpenFile(_directory))
        {
            var state = store.Load();
            state.Jobs.Should().ContainSingle().Which.Id.Should().Be("j");
            state.Frames.Should().ContainSingle().Which.Should().Be(new StoredFrame(1, "f", 1, 7, 0, 0, 2, 1, 0, 10, 20, 4096, 0, 0, EligibleTime: 0));

            using var transaction = store.BeginTransaction();
            transaction.UpdateFrame(state.Frames[0] with { EligibleTime = 42 });
            transaction.Commit();
        }

        using var reopened = SqliteJobStore.OpenFile(_directory);
        reopened.Load().Frames.Single().EligibleTime.Should().Be(42, "the upgraded layout is the current one");
    }
}
