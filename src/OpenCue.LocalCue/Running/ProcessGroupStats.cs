using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace OpenCue.LocalCue.Running;

/// <summary>
/// Memory of a frame's processes read from <c>/proc</c>, as RQD's <c>rssUpdate</c>: the processes
/// whose session id is the frame's (the leader's pid). The runner samples every running frame in one
/// pass over <c>/proc</c> (<see cref="ScanSessions"/>, from <see cref="FrameSampler"/>); one frame alone
/// (<see cref="SampleMaxRssKb"/>, the Runner benchmark) is found by walking the frame's own
/// process tree from the session leader (<c>/proc/&lt;pid&gt;/task/&lt;tid&gt;/children</c>), so a sample
/// costs O(the frame's processes), not O(every process on the machine); when the kernel has no
/// <c>children</c> files (<c>CONFIG_PROC_CHILDREN</c>) or the leader is gone, every process is scanned
/// as RQD does.
/// </summary>
/// <remarks>
/// The walk counts what RQD counts, except a process of the session that was orphaned (its parent
/// in the frame exited, as a daemon's double fork does) while the leader still runs: it is
/// re-parented outside the frame's tree, and only the scan would find it.
/// </remarks>
internal static class ProcessGroupStats
{
    private const int StateField = 3;
    private const int SessionField = 6;
    private const int ThreadsField = 20;
    private const int RssField = 24;

    private static readonly byte[] HighWaterMark = Encoding.ASCII.GetBytes("VmHWM:");

    // 0 unknown, 1 the kernel has /proc/<pid>/task/<tid>/children, -1 it has not.
    private static int s_childrenFiles;

    /// <summary>
    /// Samples the session: the sum of the processes' current resident memory (what RQD records
    /// as rss) and the largest single-process peak (<c>VmHWM</c>), which catches peaks between
    /// samples. Processes that vanish while being read are skipped.
    /// </summary>
    /// <param name="sessionId">The frame's session id.</param>
    /// <returns>The larger of the two, KB; 0 when nothing could be read.</returns>
    internal static long SampleMaxRssKb(int sessionId)
    {
        if (sessionId <= 0)
        {
            return 0;
        }

        var buffer = new byte[4096];
        return TrySampleTree(sessionId, ref buffer, out SessionSample sample) ? Math.Max(sample.RssKb, sample.PeakKb) : SampleByScan(sessionId, ref buffer);
    }

    /// <summary>
    /// Samples the session by walking the process tree under its leader; only processes in the
    /// session count (a descendant that started its own session is left out, as RQD leaves it out).
    /// </summary>
    /// <param name="sessionId">The frame's session id (its leader's pid).</param>
    /// <param name="buffer">A read buffer, grown when needed.</param>
    /// <param name="sample">The sample: the processes' current sum and their largest single peak.</param>
    /// <returns><see langword="false"/> when the tree cannot be walked (no <c>children</c> files, or no leader): scan instead.</returns>
    internal static bool TrySampleTree(int sessionId, ref byte[] buffer, out SessionSample sample)
    {
        sample = default;
        if (!HasChildrenFiles())
        {
            return false;
        }

        long pageKb = Environment.SystemPageSize / 1024;
        long rssSum = 0;
        long peak = 0;
        int processes = 0;
        var pending = new Stack<int>();
        var seen = new HashSet<int>();
        pending.Push(sessionId);
        bool leader = true;
        while (pending.Count > 0)
        {
            int pid = pending.Pop();
            if (!seen.Add(pid))
            {
                continue;
            }

            string directory = "/proc/" + pid.ToString(CultureInfo.InvariantCulture);
            if (!TryReadStat(directory, ref buffer, out int session, out long rssPages, out int threads))
            {
                if (leader)
                {
                    // The leader is gone (the frame is ending): what is left of the session may be anywhere.
                    return false;
                }

                continue;
            }

            leader = false;
            if (session == sessionId)
            {
                rssSum += rssPages * pageKb;
                peak = Math.Max(peak, ReadPeakKb(directory, ref buffer));
                processes++;
            }

            if (threads <= 1)
            {
                ReadChildren(directory + "/task/" + pid.ToString(CultureInfo.InvariantCulture) + "/children", ref buffer, pending);
            }
            else
            {
                // Children belong to the thread that forked them.
                try
                {
                    foreach (var task in Directory.EnumerateDirectories(directory + "/task"))
                    {
                        ReadChildren(task + "/children", ref buffer, pending);
                    }
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                }
            }
        }

        sample = new SessionSample(rssSum, peak, processes);
        return true;
    }

    /// <summary>RQD's way: reads the stat of every process on the machine and keeps the session's.</summary>
    /// <param name="sessionId">The frame's session id.</param>
    /// <param name="buffer">A read buffer, grown when needed.</param>
    /// <returns>The sample, KB; 0 when nothing could be read.</returns>
    internal static long SampleByScan(int sessionId, ref byte[] buffer)
    {
        if (sessionId <= 0 || !Directory.Exists("/proc"))
        {
            return 0;
        }

        long pageKb = Environment.SystemPageSize / 1024;
        long rssSum = 0;
        long peak = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            string name = Path.GetFileName(directory);
            if (name.Length == 0 || !IsDigits(name))
            {
                continue;
            }

            if (!TryReadStat(directory, ref buffer, out int session, out long rssPages, out _) || session != sessionId)
            {
                continue;
            }

            rssSum += rssPages * pageKb;
            peak = Math.Max(peak, ReadPeakKb(directory, ref buffer));
        }

        return Math.Max(rssSum, peak);
    }

    /// <summary>
    /// One pass over <c>/proc</c> for every running frame at once: reads the stat of each process and,
    /// for those whose session is a frame's, adds its resident memory to the frame's current total and
    /// keeps the largest single-process peak (<c>VmHWM</c>). Processes that vanish while being read are skipped.
    /// </summary>
    /// <param name="sessions">The frames' session ids; their samples are filled in (set to zero first).</param>
    /// <param name="buffer">A read buffer, grown when needed.</param>
    internal static void ScanSessions(Dictionary<int, SessionSample> sessions, ref byte[] buffer)
    {
        foreach (int key in sessions.Keys)
        {
            sessions[key] = default;
        }

        if (sessions.Count == 0 || !Directory.Exists("/proc"))
        {
            return;
        }

        long pageKb = Environment.SystemPageSize / 1024;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            string name = Path.GetFileName(directory);
            if (name.Length == 0 || !IsDigits(name))
            {
                continue;
            }

            if (!TryReadStat(directory, ref buffer, out int session, out long rssPages, out _)
                || !sessions.TryGetValue(session, out SessionSample sample))
            {
                continue;
            }

            sessions[session] = new SessionSample(
                sample.RssKb + (rssPages * pageKb),
                Math.Max(sample.PeakKb, ReadPeakKb(directory, ref buffer)),
                sample.Processes + 1);
        }
    }

    /// <summary>Reads the session id and resident pages from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
    /// <param name="processDirectory">The <c>/proc/&lt;pid&gt;</c> directory.</param>
    /// <param name="session">Field 6, the session id.</param>
    /// <param name="rssPages">Field 24, resident pages.</param>
    /// <returns><see langword="false"/> when unreadable.</returns>
    internal static bool TryReadStat(string processDirectory, out int session, out long rssPages)
    {
        var buffer = new byte[1024];
        return TryReadStat(processDirectory, ref buffer, out session, out rssPages, out _);
    }

    private static bool TryReadStat(string processDirectory, ref byte[] buffer, out int session, out long rssPages, out int threads)
    {
        session = 0;
        rssPages = 0;
        threads = 0;
        int length = ReadFile(processDirectory + "/stat", ref buffer);
        if (length <= 0)
        {
            return false;
        }

        // "pid (comm) state ppid pgrp session ..."; comm may contain spaces and parentheses.
        var text = new ReadOnlySpan<byte>(buffer, 0, length);
        int close = text.LastIndexOf((byte)')');
        if (close < 0 || close + 2 >= length)
        {
            return false;
        }

        // Field 3 (state) starts after ") ".
        text = text.Slice(close + 2);
        long sessionValue = 0;
        long threadsValue = 0;
        long rssValue = 0;
        bool found = false;
        for (int field = StateField; field <= RssField; field++)
        {
            int space = text.IndexOf((byte)' ');
            ReadOnlySpan<byte> value = space < 0 ? text : text.Slice(0, space);
            switch (field)
            {
                case SessionField:
                    found = TryParse(value, out sessionValue);
                    break;
                case ThreadsField:
                    found &= TryParse(value, out threadsValue);
                    break;
                case RssField:
                    found &= TryParse(value, out rssValue);
                    break;
            }

            if (space < 0)
            {
                if (field < RssField)
                {
                    return false;
                }

                break;
            }

            text = text.Slice(space + 1);
        }

        if (!found || sessionValue > int.MaxValue)
        {
            return false;
        }

        session = (int)sessionValue;
        threads = (int)Math.Min(threadsValue, int.MaxValue);
        rssPages = rssValue;
        return true;
    }

    /// <summary>
    /// This process's own peak resident memory (<c>VmHWM</c>), KB. A child that this process starts takes it
    /// along: <c>exec</c> records the peak of the memory it replaces, which is this process's after
    /// <c>posix_spawn</c>'s <c>vfork</c>, in the child's own peak, which <c>wait4</c> then reports.
    /// </summary>
    /// <param name="buffer">A read buffer, grown when needed.</param>
    /// <returns>KB; 0 when unreadable.</returns>
    internal static long OwnPeakKb(ref byte[] buffer) => ReadPeakKb("/proc/self", ref buffer);

    private static long ReadPeakKb(string processDirectory, ref byte[] buffer)
    {
        int length = ReadFile(processDirectory + "/status", ref buffer);
        if (length <= 0)
        {
            return 0;
        }

        var text = new ReadOnlySpan<byte>(buffer, 0, length);
        int at = text.IndexOf(HighWaterMark);
        if (at < 0)
        {
            return 0;
        }

        text = text.Slice(at + HighWaterMark.Length).TrimStart(" \t"u8);
        int end = text.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        return TryParse(end < 0 ? text : text.Slice(0, end), out long kb) ? kb : 0;
    }

    private static void ReadChildren(string path, ref byte[] buffer, Stack<int> pending)
    {
        int length = ReadFile(path, ref buffer);
        var text = new ReadOnlySpan<byte>(buffer, 0, Math.Max(0, length));
        while (!text.IsEmpty)
        {
            int space = text.IndexOf((byte)' ');
            ReadOnlySpan<byte> value = space < 0 ? text : text.Slice(0, space);
            if (TryParse(value, out long child) && child > 0 && child <= int.MaxValue)
            {
                pending.Push((int)child);
            }

            text = space < 0 ? ReadOnlySpan<byte>.Empty : text.Slice(space + 1);
        }
    }

    /// <summary>Reads a whole (small, <c>/proc</c>) file into <paramref name="buffer"/>, growing it.</summary>
    /// <returns>The length read, or -1 when the file cannot be read (a process that has gone).</returns>
    private static int ReadFile(string path, ref byte[] buffer)
    {
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                // /proc files have no size and no offsets to seek to: read sequentially.
                int read = RandomAccess.Read(handle, buffer.AsSpan(length), length);
                if (read == 0)
                {
                    return length;
                }

                length += read;
            }
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>Whether this kernel has the <c>children</c> files that <see cref="TrySampleTree"/> walks.</summary>
    internal static bool CanWalkTrees => HasChildrenFiles();

    private static bool HasChildrenFiles()
    {
        int known = System.Threading.Volatile.Read(ref s_childrenFiles);
        if (known == 0)
        {
            string self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            known = File.Exists("/proc/" + self + "/task/" + self + "/children") ? 1 : -1;
            System.Threading.Volatile.Write(ref s_childrenFiles, known);
        }

        return known > 0;
    }

    private static bool TryParse(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        int start = digits.Length > 0 && digits[0] == (byte)'-' ? 1 : 0;
        if (digits.Length == start || digits.Length - start > 18)
        {
            return false;
        }

        for (int i = start; i < digits.Length; i++)
        {
            int d = digits[i] - '0';
            if (d < 0 || d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        if (start == 1)
        {
            value = -value;
        }

        return true;
    }

    private static bool IsDigits(string text)
    {
        foreach (char c in text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>What one pass over <c>/proc</c> found of a frame's session.</summary>
/// <param name="RssKb">The sum of its processes' resident memory now, KB.</param>
/// <param name="PeakKb">The largest peak of a single process (<c>VmHWM</c>), KB.</param>
/// <param name="Processes">How many processes were read.</param>
internal readonly record struct SessionSample(long RssKb, long PeakKb, int Processes);
