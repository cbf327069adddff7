using System;
using Microsoft.Data.Sqlite;

namespace OpenCue.LocalCue.Storage;

internal sealed partial class SqliteJobStore
{
    private void EndTransaction()
    {
        lock (_gate)
        {
            _open = false;
        }
    }

    /// <summary>One SQLite transaction; every write binds a record's values to a prepared statement.</summary>
    private sealed class Transaction : IStoreTransaction
    {
        private readonly SqliteJobStore _store;
        private SqliteTransaction? _transaction;

        public Transaction(SqliteJobStore store, SqliteTransaction transaction)
        {
            _store = store;
            _transaction = transaction;
        }

        public long InsertJob(StoredJob j)
        {
            Check();
            var v = j.Values;
            return _store._insertJob.Add(j.Id).Add(j.Sequence).Add(j.DefinitionJson).Add(v.State).Add(v.Paused).Add(v.Priority).Add(v.MaxRetries)
                .Add(v.AutoEat).Add(v.MaxCorePoints).Add(v.MinCorePoints).Add(v.StartTime).Add(v.StopTime).Add(j.LogDirectory).Add(j.ParentJobId)
                .Add(v.PostJobId).Insert();
        }

        public long InsertLayer(StoredLayer l)
        {
            Check();
            return _store._insertLayer.Add(l.Id).Add(l.JobKey).Add(l.Index).Add(l.MinCorePoints).Add(l.MaxCorePoints).Add(l.MinMemoryKb)
                .Add(l.Threadable).Add(l.Tags).Add(l.TimeoutMinutes).Add(l.TimeoutLluMinutes).Insert();
        }

        public long InsertFrame(StoredFrame f)
        {
            Check();
            return _store._insertFrame.Add(f.Id).Add(f.LayerKey).Add(f.Number).Add(f.DispatchOrder).Add(f.State).Add(f.RetryCount).Add(f.ExitStatus)
                .Add(f.ExitSignal).Add(f.StartTime).Add(f.StopTime).Add(f.MaxRssKb).Add(f.MemoryRetries).Add(f.DependCount).Add(f.EligibleTime).Insert();
        }

        public long InsertDepend(StoredDepend d)
        {
            Check();
            return _store._insertDepend.Add(d.Id).Add(d.ParentKey).Add(d.Type).Add(d.AnyFrame).Add(d.Active).Add(d.ErJobKey).Add(d.ErLayerKey)
                .Add(d.ErFrameKey).Add(d.OnJobKey).Add(d.OnLayerKey).Add(d.OnFrameKey).Insert();
        }

        public void UpdateJob(long key, StoredJobValues v)
        {
            Check();
            _store._updateJob.Add(v.State).Add(v.Paused).Add(v.Priority).Add(v.MaxRetries).Add(v.AutoEat).Add(v.MaxCorePoints).Add(v.MinCorePoints)
                .Add(v.StartTime).Add(v.StopTime).Add(v.PostJobId).Add(key).Execute();
        }

        public void UpdateLayer(StoredLayer l)
        {
            Check();
            _store._updateLayer.Add(l.MinCorePoints).Add(l.MaxCorePoints).Add(l.MinMemoryKb).Add(l.Threadable).Add(l.Tags).Add(l.TimeoutMinutes)
                .Add(l.TimeoutLluMinutes).Add(l.Key).Execute();
        }

        public void UpdateFrame(StoredFrame f)
        {
            Check();
            _store._updateFrame.Add(f.State).Add(f.RetryCount).Add(f.ExitStatus).Add(f.ExitSignal).Add(f.StartTime).Add(f.StopTime).Add(f.MaxRssKb)
                .Add(f.MemoryRetries).Add(f.DependCount).Add(f.EligibleTime).Add(f.Key).Execute();
        }

        public void UpdateDepend(long key, bool active)
        {
            Check();
            _store._updateDepend.Add(active).Add(key).Execute();
        }

        public void Commit()
        {
            Check();
            _transaction!.Commit();
            End();
        }

        public void Dispose()
        {
            if (_transaction != null)
            {
                _transaction.Rollback();
                End();
            }
        }

        private void End()
        {
            _transaction!.Dispose();
            _transaction = null;
            _store.EndTransaction();
        }

        private void Check() => ObjectDisposedException.ThrowIf(_transaction is null, this);
    }
}
