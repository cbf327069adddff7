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
}
