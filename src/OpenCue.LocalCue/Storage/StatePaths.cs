using System;
using System.IO;

namespace OpenCue.LocalCue.Storage;

/// <summary>
/// Every path LocalCue builds from a name (show, shot, job, frame) goes through here: the parts are
/// joined under a root, the full path is resolved, and it must lie strictly under the root. The
/// intake already refuses names that could escape (<see cref="Intake.SpecNames"/>); this is the
/// second line, so that no later change can write outside the state directory.
/// </summary>
internal static class StatePaths
{
    private static readonly char[] Separators = { '/', '\\' };

    /// <summary>Joins <paramref name="parts"/> under <paramref name="root"/> and checks the result stays under it.</summary>
    /// <param name="root">The root (the state directory, a job's log directory).</param>
    /// <param name="what">What the path is, for the message, e.g. <c>the log directory of job X</c>.</param>
    /// <param name="parts">The path components, each a single name.</param>
    /// <returns>The full path.</returns>
    /// <exception cref="InvalidOperationException">A part is empty, rooted, <c>.</c>/<c>..</c> or holds a separator, or the path resolves outside the root.</exception>
    public static string Under(string root, string what, params string[] parts)
    {
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var path = fullRoot;
        foreach (var part in parts)
        {
            if (part.Length == 0 || part == "." || part == ".." || part.IndexOf('\0', StringComparison.Ordinal) >= 0 ||
                part.IndexOfAny(Separators) >= 0 || Path.IsPathRooted(part))
            {
                throw new InvalidOperationException("Refused to build " + what + ": the path component '" + Shorten(part) +
                    "' is not a single file name (root " + fullRoot + ").");
            }

            path = Path.Combine(path, part);
        }

        var full = Path.GetFullPath(path);
        if (!full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Refused to build " + what + ": " + Shorten(full) + " is outside " + fullRoot + ".");
        }

        return full;
    }

    private static string Shorten(string text) => text.Length > 200 ? text.Substring(0, 200) + "... (" + text.Length + " characters)" : text;
}
