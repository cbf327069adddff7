using System;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace OpenCue.LocalCue.Storage;

/// <summary>
/// One prepared statement with positional (<c>?</c>) parameters, bound in order and executed straight
/// through SQLite's C API on the connection's handle. Microsoft.Data.Sqlite looks every parameter up by
/// name and boxes its value on every execution; the store's writes (a row per frame at launch, one per
/// state change) do not need that, and a 100,000-frame launch spent most of its time there.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int _parameters;
    private int _next;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, sql, out _statement), _db);
        _parameters = raw.sqlite3_bind_parameter_count(_statement);
    }

    /// <summary>Binds the next parameter.</summary>
    public SqliteStatement Add(long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, ++_next, value));
        return this;
    }

    /// <summary>Binds the next parameter; <see langword="null"/> is SQL NULL.</summary>
    public SqliteStatement Add(long? value) => value is { } v ? Add(v) : AddNull();

    /// <summary>Binds the next parameter (1 or 0).</summary>
    public SqliteStatement Add(bool value) => Add(value ? 1L : 0L);

    /// <summary>Binds the next parameter; <see langword="null"/> is SQL NULL.</summary>
    public SqliteStatement Add(string? value)
    {
        if (value is null)
        {
            return AddNull();
        }

        // Ids and short texts go through a stack buffer, not an allocated UTF-8 copy.
        if (value.Length <= 128)
        {
            Span<byte> utf8 = stackalloc byte[128 * 3];
            var length = System.Text.Encoding.UTF8.GetBytes(value, utf8);
            Check(raw.sqlite3_bind_text(_statement, ++_next, utf8.Slice(0, length)));
            return this;
        }

        Check(raw.sqlite3_bind_text(_statement, ++_next, value));
        return this;
    }

    /// <summary>Runs an INSERT with the parameters bound so far and returns the new row's key.</summary>
    public long Insert()
    {
        Execute();
        return raw.sqlite3_last_insert_rowid(_db);
    }

    /// <summary>Runs the statement with the parameters bound so far (all of them, or it throws) and resets it.</summary>
    public void Execute()
    {
        if (_next != _parameters)
        {
            var bound = _next;
            _next = 0;
            raw.sqlite3_clear_bindings(_statement);
            throw new InvalidOperationException($"Statement has {_parameters} parameters; {bound} were bound.");
        }

        _next = 0;
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    public void Dispose() => _statement.Dispose();

    private SqliteStatement AddNull()
    {
        Check(raw.sqlite3_bind_null(_statement, ++_next));
        return this;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            _next = 0;
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
