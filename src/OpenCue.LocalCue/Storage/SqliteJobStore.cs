using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpenCue.LocalCue.Scheduling;

namespace OpenCue.LocalCue.Storage;

/// <summary>
/// The scheduler's state in SQLite: a file in WAL mode under the state directory, or a private
/// in-memory database. Statements are prepared once; every call is its own transaction unless
/// inside <see cref="Batch"/>.
/// </summary>
internal sealed class SqliteJobStore : IJobStore
{
    /// <summary>
    /// The layout's version (<c>PRAGMA user_version</c>). Version 2: every table keyed by an integer
    /// (rows append in launch order, no index on the text ids), references by key.
    /// </summary>
    private const int SchemaVersion = 2;

    private const string Schema = @"
CREATE TABLE jobs (
  key INTEGER PRIMARY KEY, id TEXT NOT NULL, seq INTEGER NOT NULL, definition TEXT NOT NULL, state INTEGER NOT NULL,
  paused INTEGER NOT NULL, priority INTEGER NOT NULL, max_retries INTEGER NOT NULL, auto_eat INTEGER NOT NULL,
  max_core_points INTEGER NOT NULL, min_core_points INTEGER NOT NULL, start_time INTEGER NOT NULL, stop_time INTEGER NOT NULL,
  log_dir TEXT NOT NULL, parent_job_id TEXT, post_job_id TEXT);
CREATE TABLE layers (
  key INTEGER PRIMARY KEY, id TEXT NOT NULL, job INTEGER NOT NULL, idx INTEGER NOT NULL, min_core_points INTEGER NOT NULL,
  max_core_points INTEGER NOT NULL, min_memory_kb INTEGER NOT NULL, threadable INTEGER NOT NULL, tags TEXT NOT NULL,
  timeout INTEGER NOT NULL, timeout_llu INTEGER NOT NULL);
CREATE TABLE frames (
  key INTEGER PRIMARY KEY, id TEXT NOT NULL, layer INTEGER NOT NULL, number INTEGER NOT NULL, dispatch_order INTEGER NOT NULL,
  state INTEGER NOT NULL, retry_count INTEGER NOT NULL, exit_status INTEGER NOT NULL, exit_signal INTEGER NOT NULL,
  start_time INTEGER NOT NULL, stop_time INTEGER NOT NULL, max_rss INTEGER NOT NULL, memory_retries INTEGER NOT NULL,
  depend_count INTEGER NOT NULL);
CREATE TABLE depends (
  key INTEGER PRIMARY KEY, id TEXT NOT NULL, parent INTEGER, type INTEGER NOT NULL, any_frame INTEGER NOT NULL, active INTEGER NOT NULL,
  er_job INTEGER NOT NULL, er_layer INTEGER, er_frame INTEGER, on_job INTEGER NOT NULL, on_layer INTEGER, on_frame INTEGER);";

    private readonly SqliteConnection _connection;
    private readonly object _gate = new();
    private readonly SqliteStatement _insertJob;
    private readonly SqliteStatement _insertLayer;
    private readonly SqliteStatement _insertFrame;
    private readonly SqliteStatement _insertDepend;
    private readonly SqliteStatement _updateFrame;
    private readonly SqliteStatement _updateJob;
    private readonly SqliteStatement _updateLayer;
    private readonly SqliteStatement _updateDepend;
    private SqliteTransaction? _batch;
    private int _batchDepth;

    private SqliteJobStore(SqliteConnection connection, bool writeAheadLog)
    {
        _connection = connection;
        CreateOrCheckSchema();
        if (writeAheadLog)
        {
            // WAL + NORMAL: a commit survives the process being killed (not a power cut), and is cheap.
            Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        }

        _insertJob = new SqliteStatement(connection, "INSERT INTO jobs VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        _insertLayer = new SqliteStatement(connection, "INSERT INTO layers VALUES (NULL,?,?,?,?,?,?,?,?,?,?)");
        _insertFrame = new SqliteStatement(connection, "INSERT INTO frames VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        _insertDepend = new SqliteStatement(connection, "INSERT INTO depends VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?)");
        _updateFrame = new SqliteStatement(connection,
            "UPDATE frames SET state=?, retry_count=?, exit_status=?, exit_signal=?, start_time=?, stop_time=?, max_rss=?, memory_retries=?, depend_count=? WHERE key=?");
        _updateJob = new SqliteStatement(connection,
            "UPDATE jobs SET state=?, paused=?, priority=?, max_retries=?, auto_eat=?, max_core_points=?, min_core_points=?, start_time=?, stop_time=?, post_job_id=? WHERE key=?");
        _updateLayer = new SqliteStatement(connection,
            "UPDATE layers SET min_core_points=?, max_core_points=?, min_memory_kb=?, threadable=?, tags=?, timeout=?, timeout_llu=? WHERE key=?");
        _updateDepend = new SqliteStatement(connection, "UPDATE depends SET active=? WHERE key=?");
    }

    /// <summary>
    /// Opens (creating if needed) <c>localcue.db</c> in WAL mode. The database holds the jobs'
    /// environment (secrets): it is made 0600 before SQLite opens it, and SQLite gives its
    /// <c>-wal</c> and <c>-shm</c> files the database's mode; files of an earlier version are made 0600.
    /// </summary>
    public static SqliteJobStore OpenFile(string directory)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "localcue.db");
        if (!OperatingSystem.IsWindows())
        {
            MakePrivate(path);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        try
        {
            return new SqliteJobStore(connection, writeAheadLog: true);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A private in-memory database (tests); gone when disposed.</summary>
    public static SqliteJobStore OpenInMemory()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        return new SqliteJobStore(connection, writeAheadLog: false);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void MakePrivate(string path)
    {
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Private }))
            {
            }
        }
        catch (IOException) when (File.Exists(path))
        {
        }

        foreach (string file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            if (File.Exists(file))
            {
                File.SetUnixFileMode(file, Private);
            }
        }
    }

    public StoredState Load()
    {
        lock (_gate)
        {
            var state = new StoredState();
            var jobs = new Dictionary<long, StoredJob>();
            var layers = new Dictionary<long, StoredLayer>();
            var frames = new Dictionary<long, string>();
            var depends = new Dictionary<long, string>();
            using (var reader = Query("SELECT key, id, seq, definition, state, paused, priority, max_retries, auto_eat, max_core_points, min_core_points, start_time, stop_time, log_dir, parent_job_id, post_job_id FROM jobs ORDER BY seq"))
            {
                while (reader.Read())
                {
                    var job = new StoredJob
                    {
                        Key = reader.GetInt64(0), Id = reader.GetString(1), Sequence = reader.GetInt64(2), DefinitionJson = reader.GetString(3), State = reader.GetInt32(4),
                        Paused = reader.GetInt32(5) != 0, Priority = reader.GetInt32(6), MaxRetries = reader.GetInt32(7), AutoEat = reader.GetInt32(8) != 0,
                        MaxCorePoints = reader.GetInt32(9), MinCorePoints = reader.GetInt32(10), StartTime = reader.GetInt64(11), StopTime = reader.GetInt64(12),
                        LogDirectory = reader.GetString(13), ParentJobId = NullableString(reader, 14), PostJobId = NullableString(reader, 15),
                    };
                    jobs[job.Key] = job;
                    state.Jobs.Add(job);
                    state.NextSequence = Math.Max(state.NextSequence, job.Sequence + 1);
                }
            }

            using (var reader = Query("SELECT key, id, job, idx, min_core_points, max_core_points, min_memory_kb, threadable, tags, timeout, timeout_llu FROM layers ORDER BY job, idx"))
            {
                while (reader.Read())
                {
                    var layer = new StoredLayer
                    {
                        Key = reader.GetInt64(0), Id = reader.GetString(1), Index = reader.GetInt32(3), MinCorePoints = reader.GetInt32(4), MaxCorePoints = reader.GetInt32(5),
                        MinMemoryKb = reader.GetInt64(6), Threadable = reader.GetInt32(7) != 0, Tags = reader.GetString(8),
                        TimeoutMinutes = reader.GetInt32(9), TimeoutLluMinutes = reader.GetInt32(10),
                    };
                    layers[layer.Key] = layer;
                    jobs[reader.GetInt64(2)].Layers.Add(layer);
                }
            }

            // Rows were appended layer by layer in dispatch order, so key order is each layer's frame order.
            using (var reader = Query("SELECT key, id, layer, number, dispatch_order, state, retry_count, exit_status, exit_signal, start_time, stop_time, max_rss, memory_retries, depend_count FROM frames ORDER BY key"))
            {
                while (reader.Read())
                {
                    var frame = new StoredFrame
                    {
                        Key = reader.GetInt64(0), Id = reader.GetString(1), Number = reader.GetInt32(3), DispatchOrder = reader.GetInt32(4), State = reader.GetInt32(5),
                        RetryCount = reader.GetInt32(6), ExitStatus = reader.GetInt32(7), ExitSignal = reader.GetInt32(8), StartTime = reader.GetInt64(9),
                        StopTime = reader.GetInt64(10), MaxRssKb = reader.GetInt64(11), MemoryRetries = reader.GetInt32(12), DependCount = reader.GetInt32(13),
                    };
                    frames[frame.Key] = frame.Id;
                    layers[reader.GetInt64(2)].Frames.Add(frame);
                }
            }

            // A composite's row comes before its children's.
            using (var reader = Query("SELECT key, id, parent, type, any_frame, active, er_job, er_layer, er_frame, on_job, on_layer, on_frame FROM depends ORDER BY key"))
            {
                while (reader.Read())
                {
                    var depend = new StoredDepend
                    {
                        Key = reader.GetInt64(0), Id = reader.GetString(1), ParentId = Reference(reader, 2, depends), Type = reader.GetInt32(3),
                        AnyFrame = reader.GetInt32(4) != 0, Active = reader.GetInt32(5) != 0,
                        ErJob = jobs[reader.GetInt64(6)].Id, ErLayer = Reference(reader, 7, layers), ErFrame = Reference(reader, 8, frames),
                        OnJob = jobs[reader.GetInt64(9)].Id, OnLayer = Reference(reader, 10, layers), OnFrame = Reference(reader, 11, frames),
                    };
                    depends[depend.Key] = depend.Id;
                    state.Depends.Add(depend);
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
            foreach (var j in jobs)
            {
                _insertJob.Add(j.Id).Add(j.Sequence).Add(JsonSerializer.Serialize(j.Definition)).Add((int)j.State).Add(j.Paused).Add(j.Priority)
                    .Add(j.MaxRetries).Add(j.AutoEat).Add(j.MaxCorePoints).Add(j.MinCorePoints).Add(j.StartTime).Add(j.StopTime).Add(j.LogDirectory)
                    .Add(j.ParentJobId).Add(j.PostJobId);
                j.StoreKey = _insertJob.Insert();
                for (var i = 0; i < j.Layers.Count; i++)
                {
                    var l = j.Layers[i];
                    _insertLayer.Add(l.Id).Add(j.StoreKey).Add(i).Add(l.MinCorePoints).Add(l.MaxCorePoints).Add(l.MinMemoryKb).Add(l.Threadable)
                        .Add(string.Join("|", l.Tags)).Add(l.TimeoutMinutes).Add(l.TimeoutLluMinutes);
                    l.StoreKey = _insertLayer.Insert();
                    foreach (var f in l.Frames)
                    {
                        _insertFrame.Add(f.Id).Add(l.StoreKey).Add(f.Number).Add(f.DispatchOrder).Add((int)f.State).Add(f.RetryCount).Add(f.ExitStatus)
                            .Add(f.ExitSignal).Add(f.StartTime).Add(f.StopTime).Add(f.MaxRssKb).Add(f.MemoryRetries).Add(f.DependCount);
                        f.StoreKey = _insertFrame.Insert();
                    }
                }
            }

            foreach (var d in depends)
            {
                InsertDepend(d);
                foreach (var child in d.Children)
                {
                    InsertDepend(child);
                }
            }
        }
    }

    public void UpdateJob(CueJob j)
    {
        lock (_gate)
        {
            _updateJob.Add((int)j.State).Add(j.Paused).Add(j.Priority).Add(j.MaxRetries).Add(j.AutoEat).Add(j.MaxCorePoints).Add(j.MinCorePoints)
                .Add(j.StartTime).Add(j.StopTime).Add(j.PostJobId).Add(j.StoreKey).Execute();
        }
    }

    public void UpdateLayer(CueLayer l)
    {
        lock (_gate)
        {
            _updateLayer.Add(l.MinCorePoints).Add(l.MaxCorePoints).Add(l.MinMemoryKb).Add(l.Threadable).Add(string.Join("|", l.Tags))
                .Add(l.TimeoutMinutes).Add(l.TimeoutLluMinutes).Add(l.StoreKey).Execute();
        }
    }

    public void UpdateFrame(CueFrame f)
    {
        // Before its row exists a frame's changes are carried by the insert (a launch applies its depends first).
        if (f.StoreKey == 0)
        {
            return;
        }

        lock (_gate)
        {
            _updateFrame.Add((int)f.State).Add(f.RetryCount).Add(f.ExitStatus).Add(f.ExitSignal).Add(f.StartTime).Add(f.StopTime).Add(f.MaxRssKb)
                .Add(f.MemoryRetries).Add(f.DependCount).Add(f.StoreKey).Execute();
        }
    }

    public void UpdateDepend(CueDepend d)
    {
        if (d.StoreKey == 0)
        {
            return;
        }

        lock (_gate)
        {
            _updateDepend.Add(d.Active).Add(d.StoreKey).Execute();
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
            foreach (var statement in new[] { _insertJob, _insertLayer, _insertFrame, _insertDepend, _updateFrame, _updateJob, _updateLayer, _updateDepend })
            {
                statement.Dispose();
            }

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

    private void InsertDepend(CueDepend d)
    {
        _insertDepend.Add(d.Id).Add(d.Parent?.StoreKey).Add((int)d.Type).Add(d.AnyFrame).Add(d.Active).Add(d.ErJob.StoreKey).Add(d.ErLayer?.StoreKey)
            .Add(d.ErFrame?.StoreKey).Add(d.OnJob.StoreKey).Add(d.OnLayer?.StoreKey).Add(d.OnFrame?.StoreKey);
        d.StoreKey = _insertDepend.Insert();
    }

    /// <summary>Creates the tables in a new database; refuses one written in another layout.</summary>
    private void CreateOrCheckSchema()
    {
        var version = Convert.ToInt32(Scalar("PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        var tables = Convert.ToInt32(Scalar("SELECT count(*) FROM sqlite_master WHERE type='table'"), System.Globalization.CultureInfo.InvariantCulture);
        if (version == SchemaVersion)
        {
            return;
        }

        if (tables > 0)
        {
            throw new StoreLayoutException(
                $"The state database {_connection.DataSource} is in layout {version} (0 is LocalCue's first); this LocalCue reads layout {SchemaVersion}. " +
                "Finish or kill its jobs with the LocalCue that wrote it, then start this one with an empty state directory.");
        }

        using var transaction = _connection.BeginTransaction();
        Execute(Schema + "PRAGMA user_version=" + SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";");
        transaction.Commit();
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
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

    private static string? Reference(SqliteDataReader reader, int index, Dictionary<long, string> ids) =>
        reader.IsDBNull(index) ? null : ids[reader.GetInt64(index)];

    private static string? Reference(SqliteDataReader reader, int index, Dictionary<long, StoredLayer> layers) =>
        reader.IsDBNull(index) ? null : layers[reader.GetInt64(index)].Id;

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
