using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace OpenCue.LocalCue.Storage;

/// <summary>Reads every table of the SQLite store back into records, in the order <see cref="StoredState"/> promises.</summary>
internal static class SqliteStoreReader
{
    public static StoredState Load(SqliteConnection connection)
    {
        var jobs = new List<StoredJob>();
        using (var reader = Query(connection, "SELECT key, id, seq, definition, state, paused, priority, max_retries, auto_eat, max_core_points, min_core_points, start_time, stop_time, log_dir, parent_job_id, post_job_id FROM jobs ORDER BY seq"))
        {
            while (reader.Read())
            {
                var values = new StoredJobValues(
                    reader.GetInt32(4), reader.GetInt32(5) != 0, reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8) != 0, reader.GetInt32(9),
                    reader.GetInt32(10), reader.GetInt64(11), reader.GetInt64(12), NullableString(reader, 15));
                jobs.Add(new StoredJob(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(13),
                    NullableString(reader, 14), values));
            }
        }

        var layers = new List<StoredLayer>();
        using (var reader = Query(connection, "SELECT key, id, job, idx, min_core_points, max_core_points, min_memory_kb, threadable, tags, timeout, timeout_llu FROM layers ORDER BY job, idx"))
        {
            while (reader.Read())
            {
                layers.Add(new StoredLayer(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetInt32(4),
                    reader.GetInt32(5), reader.GetInt64(6), reader.GetInt32(7) != 0, reader.GetString(8), reader.GetInt32(9), reader.GetInt32(10)));
            }
        }

        // Rows were appended layer by layer in dispatch order, so key order is each layer's frame order.
        var frames = new List<StoredFrame>();
        using (var reader = Query(connection, "SELECT key, id, layer, number, dispatch_order, state, retry_count, exit_status, exit_signal, start_time, stop_time, max_rss, memory_retries, depend_count, eligible_time FROM frames ORDER BY key"))
        {
            while (reader.Read())
            {
                frames.Add(new StoredFrame(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetInt32(4),
                    reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt64(9), reader.GetInt64(10),
                    reader.GetInt64(11), reader.GetInt32(12), reader.GetInt32(13), reader.GetInt64(14)));
            }
        }

        // A composite's row comes before its children's.
        var depends = new List<StoredDepend>();
        using (var reader = Query(connection, "SELECT key, id, parent, type, any_frame, active, er_job, er_layer, er_frame, on_job, on_layer, on_frame FROM depends ORDER BY key"))
        {
            while (reader.Read())
            {
                depends.Add(new StoredDepend(reader.GetInt64(0), reader.GetString(1), NullableKey(reader, 2), reader.GetInt32(3), reader.GetInt32(4) != 0,
                    reader.GetInt32(5) != 0, reader.GetInt64(6), NullableKey(reader, 7), NullableKey(reader, 8), reader.GetInt64(9),
                    NullableKey(reader, 10), NullableKey(reader, 11)));
            }
        }

        return new StoredState(jobs, layers, frames, depends);
    }

    private static SqliteDataReader Query(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader(System.Data.CommandBehavior.Default);
    }

    private static string? NullableString(SqliteDataReader reader, int index) => reader.IsDBNull(index) ? null : reader.GetString(index);

    private static long? NullableKey(SqliteDataReader reader, int index) => reader.IsDBNull(index) ? null : reader.GetInt64(index);
}
