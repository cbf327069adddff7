using System;

namespace OpenCue.LocalCue.Storage;

/// <summary>
/// Where the scheduler keeps its state, in the store's own records (<see cref="StoredJob"/> and the
/// others: plain values, rows referenced by key). Reads with <see cref="Load"/>; every write goes
/// through a transaction (Hangfire's <c>IStorageConnection</c> and <c>IWriteOnlyTransaction</c>).
/// SQLite today; the scheduler knows only this.
/// </summary>
internal interface IJobStore : IDisposable
{
    /// <summary>Reads every row back.</summary>
    StoredState Load();

    /// <summary>Starts a transaction; one at a time. Nothing it wrote is kept unless <see cref="IStoreTransaction.Commit"/> is called.</summary>
    IStoreTransaction BeginTransaction();
}

/// <summary>
/// Writes that are kept together or not at all. Inserts return the new row's key; keys grow in insert
/// order, and <see cref="IJobStore.Load"/> returns rows in that order.
/// </summary>
internal interface IStoreTransaction : IDisposable
{
    /// <summary>Inserts a job (its <see cref="StoredJob.Key"/> is ignored) and returns its key.</summary>
    long InsertJob(StoredJob job);

    /// <summary>Inserts a layer of the job <see cref="StoredLayer.JobKey"/> and returns its key.</summary>
    long InsertLayer(StoredLayer layer);

    /// <summary>Inserts a frame of the layer <see cref="StoredFrame.LayerKey"/> and returns its key.</summary>
    long InsertFrame(StoredFrame frame);

    /// <summary>Inserts a depend (a composite before its children) and returns its key.</summary>
    long InsertDepend(StoredDepend depend);

    void UpdateJob(long key, StoredJobValues values);

    /// <summary>Writes the layer's settings (not its job or index) to the row <see cref="StoredLayer.Key"/>.</summary>
    void UpdateLayer(StoredLayer layer);

    /// <summary>Writes the frame's state columns (not its layer, number or order) to the row <see cref="StoredFrame.Key"/>.</summary>
    void UpdateFrame(StoredFrame frame);

    void UpdateDepend(long key, bool active);

    /// <summary>Keeps everything written; the transaction is over. Disposed without it, nothing is kept.</summary>
    void Commit();
}
