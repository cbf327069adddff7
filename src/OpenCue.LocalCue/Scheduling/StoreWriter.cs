using System;
using System.Collections.Generic;
using OpenCue.LocalCue.Storage;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>
/// Writes the scheduler's changes through to the store. Writes made inside <see cref="Batch"/> (scopes
/// nest) share one transaction, committed when the outermost scope ends; any other write is its own
/// transaction. Rows not inserted yet (<see cref="CueEntity.StoreKey"/> 0) are not updated: their insert
/// carries their state. Called under the scheduler's lock.
/// </summary>
internal sealed class StoreWriter
{
    private readonly IJobStore _store;
    private IStoreTransaction? _transaction;
    private int _depth;

    public StoreWriter(IJobStore store) => _store = store;

    public StoredState Load() => _store.Load();

    /// <summary>Groups the writes made until disposal into one transaction.</summary>
    public Scope Batch()
    {
        if (_depth++ == 0)
        {
            _transaction = _store.BeginTransaction();
        }

        return new Scope(this);
    }

    /// <summary>
    /// Inserts new jobs (with their layers and frames) and depends in one transaction and gives each
    /// object the key of its row.
    /// </summary>
    public void Insert(IReadOnlyList<CueJob> jobs, IReadOnlyList<CueDepend> depends)
    {
        using var batch = Batch();
        var transaction = _transaction!;
        foreach (var job in jobs)
        {
            job.StoreKey = transaction.InsertJob(StoreMapping.ToStored(job));
            for (var i = 0; i < job.Layers.Count; i++)
            {
                var layer = job.Layers[i];
                layer.StoreKey = transaction.InsertLayer(StoreMapping.ToStored(layer, i));
                foreach (var frame in layer.Frames)
                {
                    frame.StoreKey = transaction.InsertFrame(StoreMapping.ToStored(frame));
                }
            }
        }

        foreach (var depend in depends)
        {
            depend.StoreKey = transaction.InsertDepend(StoreMapping.ToStored(depend));
            foreach (var child in depend.Children)
            {
                child.StoreKey = transaction.InsertDepend(StoreMapping.ToStored(child));
            }
        }
    }

    public void Update(CueJob job)
    {
        using var batch = Batch();
        _transaction!.UpdateJob(job.StoreKey, StoreMapping.Values(job));
    }

    public void Update(CueLayer layer)
    {
        using var batch = Batch();
        _transaction!.UpdateLayer(StoreMapping.ToStored(layer, layer.Job.Layers.IndexOf(layer)));
    }

    public void Update(CueFrame frame)
    {
        if (frame.StoreKey == 0)
        {
            return;
        }

        using var batch = Batch();
        _transaction!.UpdateFrame(StoreMapping.ToStored(frame));
    }

    public void Update(CueDepend depend)
    {
        if (depend.StoreKey == 0)
        {
            return;
        }

        using var batch = Batch();
        _transaction!.UpdateDepend(depend.StoreKey, depend.Active);
    }

    private void EndBatch()
    {
        if (--_depth == 0)
        {
            var transaction = _transaction!;
            _transaction = null;
            try
            {
                transaction.Commit();
            }
            finally
            {
                transaction.Dispose();
            }
        }
    }

    /// <summary>A <see cref="Batch"/> scope; ending the outermost commits.</summary>
    internal readonly struct Scope : IDisposable
    {
        private readonly StoreWriter _writer;

        public Scope(StoreWriter writer) => _writer = writer;

        public void Dispose() => _writer.EndBatch();
    }
}
