using System;
using System.IO;
using Microsoft.Data.Sqlite;

namespace OpenCue.LocalCue.Storage;

/// <summary>
/// The scheduler's state in SQLite: a file in WAL mode under the state directory, or a private
/// in-memory database. Statements are prepared once and bound straight from the records.
/// </summary>
internal sealed partial class SqliteJobStore : IJobStore
{
    /// <summary>
    /// The layout's version (<c>PRAGMA user_version</c>). Version 2: every table keyed by an integer
    /// (rows append in launch order, no index on the text ids), references by key. Version 3: frames keep their
    /// eligible time (a version 2 database is upgraded in place when opened: the column is added, 0 for every frame).
    /// </summary>
    private const int SchemaVersion = 3;

    /// <summary>What turns a version 2 database into version 3.</summary>
    private const string UpgradeFrom2 = "ALTER TABLE frames ADD COLUMN eligible_time INTEGER NOT NULL DEFAULT 0;";

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
  depend_count INTEGER NOT NULL, eligible_time INTEGER NOT NULL DEFAULT 0);
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
    private bool _open;
    private bool _disposed;

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
        _insertFrame = new SqliteStatement(connection, "INSERT INTO frames VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        _insertDepend = new SqliteStatement(connection, "INSERT INTO depends VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?)");
        _updateFrame = new SqliteStatement(connection,
            "UPDATE frames SET state=?, retry_count=?, exit_status=?, exit_signal=?, start_time=?, stop_time=?, max_rss=?, memory_retries=?, depend_count=?, eligible_time=? WHERE key=?");
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
            return SqliteStoreReader.Load(_connection);
        }
    }

    public IStoreTransaction BeginTransaction()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_open)
            {
                throw new InvalidOperationException("A transaction is already open on this store.");
            }

            _open = true;
            return new Transaction(this, _connection.BeginTransaction());
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var statement in new[] { _insertJob, _insertLayer, _insertFrame, _insertDepend, _updateFrame, _updateJob, _updateLayer, _updateDepend })
            {
                statement.Dispose();
            }

            _connection.Dispose();
        }
    }

    /// <summary>Creates the tables in a new database, upgrades one of the previous layout; refuses one written in another layout.</summary>
    private void CreateOrCheckSchema()
    {
        var version = Convert.ToInt32(Scalar("PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        var tables = Convert.ToInt32(Scalar("SELECT count(*) FROM sqlite_master WHERE type='table'"), System.Globalization.CultureInfo.InvariantCulture);
        if (version == SchemaVersion)
        {
            return;
        }

        var version3 = SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (version == 2 && tables > 0)
        {
            using var upgrade = _connection.BeginTransaction();
            Execute(UpgradeFrom2 + "PRAGMA user_version=" + version3 + ";");
            upgrade.Commit();
            return;
        }

        if (tables > 0)
        {
            throw new StoreLayoutException(
                $"The state database {_connection.DataSource} is in layout {version} (0 is LocalCue's first); this LocalCue reads layout {SchemaVersion}. " +
                "Finish or kill its jobs with the LocalCue that wrote it, then start this one with an empty state directory.");
        }

        using var transaction = _connection.BeginTransaction();
        Execute(Schema + "PRAGMA user_version=" + version3 + ";");
        transaction.Commit();
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
