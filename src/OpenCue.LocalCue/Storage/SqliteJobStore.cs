using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpenCue.LocalCue.Scheduling;

namespace OpenCue.LocalCue.Storage
{
    /// <summary>
    /// The scheduler's state in SQLite: a file in WAL mode under the state directory, or a private
    /// in-memory database. Statements are prepared once; every call is its own transaction unless
    /// inside <see cref="Batch"/>.
    /// </summary>
    internal sealed class SqliteJobStore : IJobStore
    {
        private const string Schema = @"
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY, seq INTEGER NOT NULL, definition TEXT NOT NULL, state INTEGER NOT NULL,
  paused INTEGER NOT NULL, priority INTEGER NOT NULL, max_retries INTEGER NOT NULL, auto_eat INTEGER NOT NULL,
  max_core_points INTEGER NOT NULL, min_core_points INTEGER NOT NULL, start_time INTEGER NOT NULL, stop_time INTEGER NOT NULL,
  log_dir TEXT NOT NULL, parent_job_id TEXT, post_job_id TEXT);
CREATE TABLE IF NOT EXISTS layers (
  id TEXT PRIMARY KEY, job_id TEXT NOT NULL, idx INTEGER NOT NULL, min_core_points INTEGER NOT NULL, max_core_points INTEGER NOT NULL,
  min_memory_kb INTEGER NOT NULL, threadable INTEGER NOT NULL, tags TEXT NOT NULL, timeout INTEGER NOT NULL, timeout_llu INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS frames (
  id TEXT PRIMARY KEY, layer_id TEXT NOT NULL, number INTEGER NOT NULL, dispatch_order INTEGER NOT NULL, state INTEGER NOT NULL,
  retry_count INTEGER NOT NULL, exit_status INTEGER NOT NULL, exit_signal INTEGER NOT NULL, start_time INTEGER NOT NULL,
  stop_time INTEGER NOT NULL, max_rss INTEGER NOT NULL, memory_retries INTEGER NOT NULL, depend_count INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS frames_layer ON frames(layer_id, dispatch_order);
CREATE TABLE IF NOT EXISTS depends (
  id TEXT PRIMARY KEY, parent_id TEXT, type INTEGER NOT NULL, any_frame INTEGER NOT NULL, active INTEGER NOT NULL,
  er_job TEXT NOT NULL, er_layer TEXT, er_frame TEXT, on_job TEXT NOT NULL, on_layer TEXT, on_frame TEXT);";

        private readonly SqliteConnection _connection;
        private readonly object _gate = new();
        private readonly SqliteCommand _updateFrame;
        private readonly SqliteCommand _updateJob;
        private readonly SqliteCommand _updateLayer;
        private readonly SqliteCommand _updateDepend;
        private SqliteTransaction? _batch;
        private int _batchDepth;

        private SqliteJobStore(SqliteConnection connection)
        {
            _connection = connection;
            Execute(Schema);
            _updateFrame = Prepare("UPDATE frames SET state=$state, retry_count=$retry, exit_status=$exit, exit_signal=$signal, start_time=$start, stop_time=$stop, max_rss=$rss, memory_retries=$mem, depend_count=$depends WHERE id=$id",
                "$state", "$retry", "$exit", "$signal", "$start", "$stop", "$rss", "$mem", "$depends", "$id");
            _updateJob = Prepare("UPDATE jobs SET state=$state, paused=$paused, priority=$priority, max_retries=$retries, auto_eat=$eat, max_core_points=$max, min_core_points=$min, start_time=$start, stop_time=$stop, post_job_id=$post WHERE id=$id",
                "$state", "$paused", "$priority", "$retries", "$eat", "$max", "$min", "$start", "$stop", "$post", "$id");
            _updateLayer = Prepare("UPDATE layers SET min_core_points=$min, max_core_points=$max, min_memory_kb=$mem, threadable=$thr, tags=$tags, timeout=$timeout, timeout_llu=$llu WHERE id=$id",
                "$min", "$max", "$mem", "$thr", "$tags", "$timeout", "$llu", "$id");
            _updateDepend = Prepare("UPDATE depends SET active=$active WHERE id=$id", "$active", "$id");
        }

        /// <summary>Opens (creating if needed) <c>localcue.db</c> in WAL mode.</summary>
        public static SqliteJobStore OpenFile(string directory)
        {
            Directory.CreateDirectory(directory);
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(directory, "localcue.db"),
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            }.ToString());
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                // WAL + NORMAL: a commit survives the process being killed (not a power cut), and is cheap.
                pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;";
                pragma.ExecuteNonQuery();
            }

            return new SqliteJobStore(connection);
        }

        /// <summary>A private in-memory database (tests); gone when disposed.</summary>
        public static SqliteJobStore OpenInMemory()
        {
            var connection = new SqliteConnection("Data Source=:memory:");
            connection.Open();
            return new SqliteJobStore(connection);
        }

        public StoredState Load()
        {
            lock (_gate)
            {
                var state = new StoredState();
                var jobs = new Dictionary<string, StoredJob>(StringComparer.Ordinal);
                var layers = new Dictionary<string, StoredLayer>(StringComparer.Ordinal);
                using (var reader = Query("SELECT id, seq, definition, state, paused, priority, max_retries, auto_eat, max_core_points, min_core_points, start_time, stop_time, log_dir, parent_job_id, post_job_id FROM jobs ORDER BY seq"))
                {
                    while (reader.Read())
                    {
                        var job = new StoredJob
                        {
                            Id = reader.GetString(0), Sequence = reader.GetInt64(1), DefinitionJson = reader.GetString(2), State = reader.GetInt32(3),
                            Paused = reader.GetInt32(4) != 0, Priority = reader.GetInt32(5), MaxRetries = reader.GetInt32(6), AutoEat = reader.GetInt32(7) != 0,
                            MaxCorePoints = reader.GetInt32(8), MinCorePoints = reader.GetInt32(9), StartTime = reader.GetInt64(10), StopTime = reader.GetInt64(11),
                            LogDirectory = reader.GetString(12), ParentJobId = reader.IsDBNull(13) ? null : reader.GetString(13), PostJobId = reader.IsDBNull(14) ? null : reader.GetString(14),
                        };
                        jobs[job.Id] = job;
                        state.Jobs.Add(job);
                        state.NextSequence = Math.Max(state.NextSequence, job.Sequence + 1);
                    }
                }

                using (var reader = Query("SELECT id, job_id, idx, min_core_points, max_core_points, min_memory_kb, threadable, tags, timeout, timeout_llu FROM layers ORDER BY job_id, idx"))
                {
                    while (reader.Read())
                    {
                        var layer = new StoredLayer
                        {
                            Id = reader.GetString(0), Index = reader.GetInt32(2), MinCorePoints = reader.GetInt32(3), MaxCorePoints = reader.GetInt32(4),
                            MinMemoryKb = reader.GetInt64(5), Threadable = reader.GetInt32(6) != 0, Tags = reader.GetString(7),
                            TimeoutMinutes = reader.GetInt32(8), TimeoutLluMinutes = reader.GetInt32(9),
                        };
                        layers[layer.Id] = layer;
                        jobs[reader.GetString(1)].Layers.Add(layer);
                    }
                }

                using (var reader = Query("SELECT id, layer_id, number, dispatch_order, state, retry_count, exit_status, exit_signal, start_time, stop_time, max_rss, memory_retries, depend_count FROM frames ORDER BY layer_id, dispatch_order"))
                {
                    while (reader.Read())
                    {
                        layers[reader.GetString(1)].Frames.Add(new StoredFrame
                        {
                            Id = reader.GetString(0), Number = reader.GetInt32(2), DispatchOrder = reader.GetInt32(3), State = reader.GetInt32(4),
                            RetryCount = reader.GetInt32(5), ExitStatus = reader.GetInt32(6), ExitSignal = reader.GetInt32(7), StartTime = reader.GetInt64(8),
                            StopTime = reader.GetInt64(9), MaxRssKb = reader.GetInt64(10), MemoryRetries = reader.GetInt32(11), DependCount = reader.GetInt32(12),
                        });
                    }
                }

                using (var reader = Query("SELECT id, parent_id, type, any_frame, active, er_job, er_layer, er_frame, on_job, on_layer, on_frame FROM depends ORDER BY rowid"))
                {
                    while (reader.Read())
                    {
                        state.Depends.Add(new StoredDepend
                        {
                            Id = reader.GetString(0), ParentId = NullableString(reader, 1), Type = reader.GetInt32(2), AnyFrame = reader.GetInt32(3) != 0,
                            Active = reader.GetInt32(4) != 0, ErJob = reader.GetString(5), ErLayer = NullableString(reader, 6), ErFrame = NullableString(reader, 7),
                            OnJob = reader.GetString(8), OnLayer = NullableString(reader, 9), OnFrame = NullableString(reader, 10),
                        });
                    }
                }

                return state;
            }
        }

        public void Insert(IReadOnlyList<CueJob> jobs, IReadOnlyList<CueDepend> depends)
        {
            lock (_gate)
            {
                using var batch = Batch();
                using var job = Prepare("INSERT INTO jobs VALUES ($id,$seq,$def,$state,$paused,$priority,$retries,$eat,$max,$min,$start,$stop,$log,$parent,$post)",
                    "$id", "$seq", "$def", "$state", "$paused", "$priority", "$retries", "$eat", "$max", "$min", "$start", "$stop", "$log", "$parent", "$post");
                using var layer = Prepare("INSERT INTO layers VALUES ($id,$job,$idx,$min,$max,$mem,$thr,$tags,$timeout,$llu)",
                    "$id", "$job", "$idx", "$min", "$max", "$mem", "$thr", "$tags", "$timeout", "$llu");
                using var frame = Prepare("INSERT INTO frames VALUES ($id,$layer,$number,$order,$state,$retry,$exit,$signal,$start,$stop,$rss,$mem,$depends)",
                    "$id", "$layer", "$number", "$order", "$state", "$retry", "$exit", "$signal", "$start", "$stop", "$rss", "$mem", "$depends");
                using var depend = Prepare("INSERT INTO depends VALUES ($id,$parent,$type,$any,$active,$erj,$erl,$erf,$onj,$onl,$onf)",
                    "$id", "$parent", "$type", "$any", "$active", "$erj", "$erl", "$erf", "$onj", "$onl", "$onf");
                foreach (var j in jobs)
                {
                    Run(job, j.Id, j.Sequence, JsonSerializer.Serialize(j.Definition), (int)j.State, j.Paused, j.Priority, j.MaxRetries, j.AutoEat,
                        j.MaxCorePoints, j.MinCorePoints, j.StartTime, j.StopTime, j.LogDirectory, j.ParentJobId, j.PostJobId);
                    for (var i = 0; i < j.Layers.Count; i++)
                    {
                        var l = j.Layers[i];
                        Run(layer, l.Id, j.Id, i, l.MinCorePoints, l.MaxCorePoints, l.MinMemoryKb, l.Threadable, string.Join("|", l.Tags), l.TimeoutMinutes, l.TimeoutLluMinutes);
                        foreach (var f in l.Frames)
                        {
                            Run(frame, f.Id, l.Id, f.Number, f.DispatchOrder, (int)f.State, f.RetryCount, f.ExitStatus, f.ExitSignal, f.StartTime, f.StopTime, f.MaxRssKb, f.MemoryRetries, f.DependCount);
                        }
                    }
                }

                foreach (var d in depends.SelectMany(d => new[] { d }.Concat(d.Children)))
                {
                    Run(depend, d.Id, d.Parent?.Id, (int)d.Type, d.AnyFrame, d.Active, d.ErJob.Id, d.ErLayer?.Id, d.ErFrame?.Id, d.OnJob.Id, d.OnLayer?.Id, d.OnFrame?.Id);
                }
            }
        }

        public void UpdateJob(CueJob j)
        {
            lock (_gate)
            {
                Run(_updateJob, (int)j.State, j.Paused, j.Priority, j.MaxRetries, j.AutoEat, j.MaxCorePoints, j.MinCorePoints, j.StartTime, j.StopTime, j.PostJobId, j.Id);
            }
        }

        public void UpdateLayer(CueLayer l)
        {
            lock (_gate)
            {
                Run(_updateLayer, l.MinCorePoints, l.MaxCorePoints, l.MinMemoryKb, l.Threadable, string.Join("|", l.Tags), l.TimeoutMinutes, l.TimeoutLluMinutes, l.Id);
            }
        }

        public void UpdateFrame(CueFrame f)
        {
            lock (_gate)
            {
                Run(_updateFrame, (int)f.State, f.RetryCount, f.ExitStatus, f.ExitSignal, f.StartTime, f.StopTime, f.MaxRssKb, f.MemoryRetries, f.DependCount, f.Id);
            }
        }

        public void UpdateDepend(CueDepend d)
        {
            lock (_gate)
            {
                Run(_updateDepend, d.Active, d.Id);
            }
        }

        public IDisposable Batch()
        {
            lock (_gate)
            {
                if (_batchDepth++ == 0)
                {
                    _batch = _connection.BeginTransaction();
                }

                return new BatchScope(this);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _updateFrame.Dispose();
                _updateJob.Dispose();
                _updateLayer.Dispose();
                _updateDepend.Dispose();
                _connection.Dispose();
            }
        }

        private void EndBatch()
        {
            lock (_gate)
            {
                if (--_batchDepth == 0)
                {
                    _batch!.Commit();
                    _batch.Dispose();
                    _batch = null;
                }
            }
        }

        private void Run(SqliteCommand command, params object?[] values)
        {
            command.Transaction = _batch;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] switch
                {
                    null => DBNull.Value,
                    bool b => b ? 1 : 0,
                    var v => v,
                };
            }

            command.ExecuteNonQuery();
        }

        private SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            return command;
        }

        private SqliteDataReader Query(string sql)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteReader(System.Data.CommandBehavior.Default);
        }

        private void Execute(string sql)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        private static string? NullableString(SqliteDataReader reader, int index) => reader.IsDBNull(index) ? null : reader.GetString(index);

        private sealed class BatchScope : IDisposable
        {
            private SqliteJobStore? _store;

            public BatchScope(SqliteJobStore store) => _store = store;

            public void Dispose()
            {
                _store?.EndBatch();
                _store = null;
            }
        }
    }
}
