using System.Globalization;
using System.Text;
using OpenCue.Authoring;

namespace OpenCue.LocalCue.Intake;

/// <summary>
/// LocalCue's rules for the spec names that become paths, in one place. Cuebot's own rules
/// (<see cref="CueNames"/>: <c>NAME_REGEX</c>, conforming) still apply first; these add what a name
/// needs to be one safe path component under the state directory:
/// <c>&lt;state&gt;/logs/&lt;show&gt;/&lt;shot&gt;/logs/&lt;job&gt;--&lt;job id&gt;/&lt;job&gt;.&lt;frame&gt;.rqlog[.N]</c>.
/// Only the characters of Cuebot's <c>NAME_REGEX</c> (<see cref="CueNames.IsNameCharacter"/>) are
/// allowed, so no <c>/</c>, no control character, no absolute path; a name cannot start with
/// <c>.</c> or <c>-</c>, so it is never <c>.</c>, <c>..</c> or a hidden or option-like file; and
/// lengths are bounded so that every component fits in a file name (255 bytes on Linux file
/// systems; the names are ASCII, so characters are bytes):
/// <list type="bullet">
/// <item>log directory <c>&lt;job&gt;--&lt;36-character id&gt;</c>: <see cref="MaxJobNameLength"/> + 38 = 178;</item>
/// <item>log file <c>&lt;job&gt;.&lt;frame&gt;.rqlog.15</c>, frame = <c>%04d</c> number (at most 11
/// characters, <c>-2147483648</c>) + <c>-</c> + layer: job + layer + 22; a post job's name is its
/// parent's plus at most <see cref="PostJobNameGrowth"/> characters, so
/// 140 + 29 + 64 + 22 = 255 at most.</item>
/// </list>
/// </summary>
internal static class SpecNames
{
    /// <summary>The longest file name component (Linux <c>NAME_MAX</c>, in bytes).</summary>
    public const int MaxFileNameBytes = 255;

    /// <summary>Longest show name. Cuebot shows are short words; 32 leaves room for shot, user and job in the job name.</summary>
    public const int MaxShowLength = 32;

    /// <summary>Longest (conformed) shot name.</summary>
    public const int MaxShotLength = 64;

    /// <summary>Longest user name: 32, glibc's <c>UT_NAMESIZE</c> (a login name in utmp), which shadow-utils' <c>useradd</c> enforces.</summary>
    public const int MaxUserLength = 32;

    /// <summary>Longest conformed job name (<c>show-shot-user_name</c>) of a parent job.</summary>
    public const int MaxJobNameLength = 140;

    /// <summary>Longest conformed layer name.</summary>
    public const int MaxLayerNameLength = 64;

    /// <summary>A job id: a GUID in its 36-character <c>D</c> form.</summary>
    public const int JobIdLength = 36;

    /// <summary>The longest frame number as <c>%04d</c>: <c>-2147483648</c>.</summary>
    public const int MaxFrameNumberLength = 11;

    /// <summary>
    /// How much longer a post job's name is than its parent's: <c>_post_job_</c> (10) + epoch
    /// milliseconds (13 digits until the year 2286) + the user replaced by <c>monitor</c> (at most 6
    /// more, for a one-character user).
    /// </summary>
    public const int PostJobNameGrowth = 29;

    /// <summary>What a log file adds to <c>&lt;job&gt;.&lt;frame&gt;</c>: <c>.rqlog</c> and a rotation number up to <c>.15</c>.</summary>
    public const int LogFileSuffixLength = 9;

    private const int QuotedLength = 64;

    /// <summary>
    /// The show: Cuebot uses it as given (it must exist); here it must be 3 to <see cref="MaxShowLength"/>
    /// characters of <c>NAME_REGEX</c>, not starting with <c>.</c> or <c>-</c>.
    /// </summary>
    /// <param name="show">The show as written.</param>
    /// <param name="where">The spec's jobs, for the message.</param>
    public static void CheckShow(string show, string where) => Check("show", show, 3, MaxShowLength, where);

    /// <summary>The conformed shot (already matching <c>NAME_REGEX</c>): at most <see cref="MaxShotLength"/>, not starting with <c>.</c>.</summary>
    /// <param name="shot">The conformed shot.</param>
    /// <param name="where">The spec's jobs, for the message.</param>
    public static void CheckShot(string shot, string where) => Check("shot", shot, 3, MaxShotLength, where);

    /// <summary>
    /// The user: a POSIX-style login name, <c>^[A-Za-z0-9_][A-Za-z0-9_.-]*$</c>, 1 to
    /// <see cref="MaxUserLength"/> characters. That is the portable user name of POSIX (the
    /// portable file name character set, no leading <c>-</c>) and shadow-utils' default
    /// (<c>useradd</c> refuses longer names), so every real account fits; the user becomes part of
    /// the job name and so of directory and file names.
    /// </summary>
    /// <param name="user">The user as written.</param>
    /// <param name="where">The spec's jobs, for the message.</param>
    public static void CheckUser(string user, string where) => Check("user", user, 1, MaxUserLength, where);

    /// <summary>A uid is 0 or more (0, root, is refused separately with Cuebot's message).</summary>
    /// <param name="uid">The uid.</param>
    /// <param name="user">The user, for the message.</param>
    /// <param name="where">The spec's jobs, for the message.</param>
    public static void CheckUid(int uid, string user, string where)
    {
        if (uid < 0)
        {
            throw new SpecRejectedException("error, the uid " + uid.ToString(CultureInfo.InvariantCulture) + " of user " + Quote(user) + " (" + where +
                ") is negative; a uid is a number from 1 up (0 is root, which cannot launch jobs).");
        }
    }

    /// <summary>A parent job's conformed name: at most <see cref="MaxJobNameLength"/> characters.</summary>
    /// <param name="jobName">The conformed job name.</param>
    public static void CheckJobName(string jobName)
    {
        if (jobName.Length > MaxJobNameLength)
        {
            throw new SpecRejectedException("error, the job name " + Quote(jobName) + " is " + Count(jobName.Length) +
                " characters long; LocalCue names its log directory and log files after it, so it may be at most " +
                Count(MaxJobNameLength) + " characters (show, shot, user and name together).");
        }
    }

    /// <summary>A conformed layer name: at most <see cref="MaxLayerNameLength"/> characters.</summary>
    /// <param name="layerName">The conformed layer name.</param>
    /// <param name="jobName">The job, for the message.</param>
    public static void CheckLayerName(string layerName, string jobName)
    {
        if (layerName.Length > MaxLayerNameLength)
        {
            throw new SpecRejectedException("error, the layer name " + Quote(layerName) + " in job " + jobName + " is " + Count(layerName.Length) +
                " characters long; frame log files are named after it, so it may be at most " + Count(MaxLayerNameLength) + " characters.");
        }
    }

    /// <summary>
    /// A value for a message: in quotes, control characters as <c>\uXXXX</c>, a long value cut to
    /// its first 64 characters and <c>...</c>.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>The quoted value.</returns>
    public static string Quote(string value)
    {
        var shown = value.Length > QuotedLength + 16 ? value.Substring(0, QuotedLength) : value;
        var text = new StringBuilder(shown.Length + 32).Append('\'');
        foreach (var c in shown)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        if (shown.Length < value.Length)
        {
            text.Append("...");
        }

        return text.Append('\'').ToString();
    }

    private static void Check(string kind, string value, int minLength, int maxLength, string where)
    {
        var problem = Problem(value, minLength, maxLength);
        if (problem != null)
        {
            throw new SpecRejectedException("error, the " + kind + " " + Quote(value) + " (" + where + ") cannot be used: " + problem +
                "; a " + kind + " is " + Count(minLength) + " to " + Count(maxLength) +
                " of the characters A-Z a-z 0-9 _ . -, not starting with '.' or '-'.");
        }
    }

    private static string? Problem(string value, int minLength, int maxLength)
    {
        if (value.Length == 0)
        {
            return "it is empty";
        }

        if (value[0] == '/')
        {
            return "it is an absolute path";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (CueNames.IsNameCharacter(c))
            {
                continue;
            }

            var at = " at position " + Count(i + 1);
            if (c == '/' || c == '\\')
            {
                return "it contains a path separator '" + c + "'" + at;
            }

            return char.IsControl(c) || char.IsSurrogate(c)
                ? "it contains the control character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + at
                : "it contains '" + c + "'" + at;
        }

        if (value[0] == '.' || value[0] == '-')
        {
            return "it starts with '" + value[0] + "'";
        }

        if (value.Length < minLength)
        {
            return "it is shorter than " + Count(minLength) + " characters";
        }

        if (value.Length > maxLength)
        {
            return "it is " + Count(value.Length) + " characters long, more than fit in a path";
        }

        return null;
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
