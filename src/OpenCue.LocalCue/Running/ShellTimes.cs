using System;
using System.Globalization;
using System.IO;
using System.Text;
using Microsoft.Win32.SafeHandles;
using OpenCue.Authoring;

namespace OpenCue.LocalCue.Running;

/// <summary>
/// A frame's CPU time as its own shell counts it, in place of RQD's <c>/usr/bin/time -p</c> wrapper:
/// the command file's first line starts with an <c>EXIT</c> trap that writes the POSIX <c>times</c>
/// builtin's report (the shell's own user and system time, then its waited-for children's) to a
/// file LocalCue made for it. No process more, the exit status untouched (an <c>EXIT</c> trap that
/// does not call <c>exit</c> keeps it), the command's lines unchanged (the trap shares line 1, as the
/// exported environment does). Nothing is reported when the command replaces the shell (<c>exec</c>),
/// sets its own <c>EXIT</c> trap, or is killed: as RQD, whose <c>time</c> is killed with the frame.
/// </summary>
internal static class ShellTimes
{
    private const int MaxReport = 512;

    /// <summary>The text that starts the command file: the trap that writes the report to <paramref name="timesFile"/>.</summary>
    /// <param name="timesFile">The file (<see cref="FrameDirectories.CreateTimesFile"/>).</param>
    /// <returns><c>trap '...' EXIT; </c>, to put before the rest of line 1.</returns>
    internal static string TrapPrefix(string timesFile) =>
        // '>|' writes even when the command sets noclobber (set -C).
        "trap " + ShellQuoting.Quote("times >| " + ShellQuoting.Quote(timesFile)) + " EXIT; ";

    /// <summary>Reads the report the frame's shell wrote; never throws.</summary>
    /// <param name="file">The file LocalCue made and kept open.</param>
    /// <param name="userSeconds">Shell and children, user time, seconds.</param>
    /// <param name="systemSeconds">Shell and children, system time, seconds.</param>
    /// <returns><see langword="false"/> when there is no report (see the remarks of the class).</returns>
    internal static bool TryRead(SafeFileHandle file, out double userSeconds, out double systemSeconds)
    {
        userSeconds = 0;
        systemSeconds = 0;
        var buffer = new byte[MaxReport];
        int length;
        try
        {
            length = RandomAccess.Read(file, buffer, 0);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ObjectDisposedException)
        {
            return false;
        }

        return TryParse(Encoding.ASCII.GetString(buffer, 0, length), out userSeconds, out systemSeconds);
    }

    /// <summary>
    /// Parses <c>times</c>' report: four times, <c>&lt;minutes&gt;m&lt;seconds&gt;s</c> (dash writes six decimals,
    /// bash three): the shell's user and system time, then its children's.
    /// </summary>
    /// <param name="report">The text.</param>
    /// <param name="userSeconds">Shell and children, user time, seconds.</param>
    /// <param name="systemSeconds">Shell and children, system time, seconds.</param>
    /// <returns><see langword="false"/> unless there are exactly four times.</returns>
    internal static bool TryParse(string report, out double userSeconds, out double systemSeconds)
    {
        userSeconds = 0;
        systemSeconds = 0;
        string[] words = report.Split(new[] { ' ', '\t', '\n' }, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length != 4)
        {
            return false;
        }

        var seconds = new double[4];
        for (int i = 0; i < 4; i++)
        {
            if (!TryParseTime(words[i], out seconds[i]))
            {
                return false;
            }
        }

        userSeconds = seconds[0] + seconds[2];
        systemSeconds = seconds[1] + seconds[3];
        return true;
    }

    private static bool TryParseTime(string word, out double seconds)
    {
        seconds = 0;
        int m = word.IndexOf('m', StringComparison.Ordinal);
        if (m <= 0 || !word.EndsWith('s') || m + 1 >= word.Length - 1)
        {
            return false;
        }

        if (!long.TryParse(word.AsSpan(0, m), NumberStyles.None, CultureInfo.InvariantCulture, out long minutes)
            || !double.TryParse(word.AsSpan(m + 1, word.Length - m - 2), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double rest))
        {
            return false;
        }

        seconds = (minutes * 60) + rest;
        return true;
    }
}
