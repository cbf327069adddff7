using System;
using System.Globalization;
using System.IO;

namespace OpenCue.LocalCue.Running
{
    /// <summary>
    /// Memory of a frame's processes read from <c>/proc</c>, as RQD's <c>rssUpdate</c>: every process
    /// whose session id is the frame's (the leader's pid).
    /// </summary>
    internal static class ProcessGroupStats
    {
        /// <summary>
        /// Samples the session: the sum of the processes' current resident memory (what RQD records
        /// as rss) and the largest single-process peak (<c>VmHWM</c>), which catches peaks between
        /// samples. Processes that vanish while being read are skipped.
        /// </summary>
        /// <param name="sessionId">The frame's session id.</param>
        /// <returns>The larger of the two, KB; 0 when nothing could be read.</returns>
        internal static long SampleMaxRssKb(int sessionId)
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

                if (!TryReadStat(directory, out int session, out long rssPages) || session != sessionId)
                {
                    continue;
                }

                rssSum += rssPages * pageKb;
                peak = Math.Max(peak, ReadPeakKb(directory));
            }

            return Math.Max(rssSum, peak);
        }

        /// <summary>Reads the session id and resident pages from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
        /// <param name="processDirectory">The <c>/proc/&lt;pid&gt;</c> directory.</param>
        /// <param name="session">Field 6, the session id.</param>
        /// <param name="rssPages">Field 24, resident pages.</param>
        /// <returns><see langword="false"/> when unreadable.</returns>
        internal static bool TryReadStat(string processDirectory, out int session, out long rssPages)
        {
            session = 0;
            rssPages = 0;
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(processDirectory, "stat"));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false;
            }

            // "pid (comm) state ppid pgrp session ..."; comm may contain spaces and parentheses.
            int close = text.LastIndexOf(')');
            if (close < 0 || close + 2 >= text.Length)
            {
                return false;
            }

            string[] fields = text.Substring(close + 2).Split(' ');

            // fields[0] is field 3 (state): field n is fields[n - 3].
            return fields.Length > 21
                && int.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out session)
                && long.TryParse(fields[21], NumberStyles.Integer, CultureInfo.InvariantCulture, out rssPages);
        }

        private static long ReadPeakKb(string processDirectory)
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(processDirectory, "status")))
                {
                    if (!line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    string[] parts = line.Substring(6).Trim().Split(' ');
                    return long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long kb) ? kb : 0;
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
            }

            return 0;
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
}
