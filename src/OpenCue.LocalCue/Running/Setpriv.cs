using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace OpenCue.LocalCue.Running;

/// <summary>
/// util-linux <c>setpriv</c>, which switches a process to another uid, gid and groups and then
/// execs the rest of its command line: how a frame (and the cleanup of what it left) runs as the
/// job's user without forking in .NET.
/// </summary>
internal static class Setpriv
{
    /// <summary>Where <c>setpriv</c> is looked for when no path is configured.</summary>
    internal static readonly IReadOnlyList<string> DefaultLocations = new[] { "/usr/bin/setpriv", "/bin/setpriv" };

    /// <summary>The <c>setpriv</c> to use.</summary>
    /// <param name="configured">The configured path, or <see langword="null"/> to look in <see cref="DefaultLocations"/>.</param>
    /// <returns>The program, or <see langword="null"/> when it does not exist.</returns>
    internal static string? Find(string? configured)
    {
        if (configured != null)
        {
            return File.Exists(configured) ? configured : null;
        }

        foreach (string candidate in DefaultLocations)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The options that switch to <paramref name="uid"/> and <paramref name="gid"/>, up to and including the <c>--</c> before the command.</summary>
    /// <param name="uid">The uid (real and effective).</param>
    /// <param name="gid">The gid (real and effective).</param>
    /// <param name="groups">The supplementary groups; none: <c>--clear-groups</c>. Group 0 is never passed on.</param>
    /// <returns>The arguments.</returns>
    internal static IEnumerable<string> SwitchArguments(int uid, int gid, IReadOnlyList<int> groups)
    {
        yield return "--reuid=" + uid.ToString(CultureInfo.InvariantCulture);
        yield return "--regid=" + gid.ToString(CultureInfo.InvariantCulture);
        var kept = groups.Where(g => g > 0).Select(g => g.ToString(CultureInfo.InvariantCulture)).ToList();
        yield return kept.Count == 0 ? "--clear-groups" : "--groups=" + string.Join(",", kept);
        yield return "--";
    }
}
