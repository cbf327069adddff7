using System.Globalization;
using OpenCue.LocalCue.Intake;

namespace OpenCue.LocalCue.Access;

/// <summary>
/// Whom a caller may launch for: root for any uid; anyone else only for its own uid (the spec's
/// <c>&lt;uid&gt;</c>). A spec without a uid launched by a non-root caller gets the caller's.
/// </summary>
internal static class LaunchUidRule
{
    /// <summary>Checks a parsed spec against its caller, filling in a missing uid.</summary>
    /// <param name="parsed">The parsed spec; nothing has been created from it yet.</param>
    /// <param name="callerUid">The caller's uid; <see langword="null"/> when no caller is known (in process, or remote control allowed).</param>
    /// <exception cref="AccessDeniedException">The spec's uid is not the caller's and the caller is not root.</exception>
    public static void Apply(ParsedJobSpec parsed, int? callerUid)
    {
        if (callerUid is not int caller || caller == 0)
        {
            return;
        }

        if (caller < 0)
        {
            throw new AccessDeniedException("uid " + unchecked((uint)caller).ToString(CultureInfo.InvariantCulture) + " is beyond the uids a spec can name; it may not launch jobs.");
        }

        foreach (var job in parsed.Jobs)
        {
            if (job.Uid is int uid && uid != caller)
            {
                throw new AccessDeniedException("uid " + Text(caller) + " may not launch jobs for uid " + Text(uid) +
                    " (the spec's <uid>): only root may launch for another uid; launch with <uid>" + Text(caller) + "</uid> or none.");
            }

            job.DefaultUid(caller);
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
