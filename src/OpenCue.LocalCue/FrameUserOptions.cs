using System;
using System.Collections.Generic;
using System.Globalization;

namespace OpenCue.LocalCue;

/// <summary>
/// Which user a frame runs as: RQD's <c>RQD_BECOME_JOB_USER</c>, <c>RQD_MIN_UID</c>,
/// <c>RQD_MAX_UID</c> and <c>LAUNCH_FRAME_USER_GID</c>, with one deliberate difference: a frame never
/// runs as root. <see cref="Running.FrameUserPolicy"/> applies them.
/// </summary>
public sealed class FrameUserOptions
{
    /// <summary>RQD's <c>RQD_MIN_UID</c>.</summary>
    public const int DefaultMinUid = 1000;

    /// <summary>RQD's <c>RQD_MAX_UID</c>.</summary>
    public const int DefaultMaxUid = 60000;

    /// <summary>RQD's <c>LAUNCH_FRAME_USER_GID</c>.</summary>
    public const int DefaultFrameGid = 20;

    /// <summary>
    /// RQD's <c>RQD_BECOME_JOB_USER</c>: run each frame as the job's uid. <see langword="null"/> (the
    /// default) switches exactly when LocalCue runs as root. When LocalCue runs as root it always
    /// switches, whatever this says: a frame never runs as root. <see langword="true"/> without root
    /// needs the capability to change uids (else the frame fails); <see langword="false"/> without root
    /// runs frames as LocalCue's own user, with a warning in the log when the job asked for another uid.
    /// </summary>
    public bool? BecomeJobUser { get; set; }

    /// <summary>The lowest uid a frame may run as when switching (default 1000, RQD's <c>RQD_MIN_UID</c>); at least 1.</summary>
    public int MinUid { get; set; } = DefaultMinUid;

    /// <summary>The highest uid a frame may run as when switching (default 60000, RQD's <c>RQD_MAX_UID</c>).</summary>
    public int MaxUid { get; set; } = DefaultMaxUid;

    /// <summary>
    /// The gid of a frame whose uid has no passwd entry, or whose passwd gid is 0 or less (default 20,
    /// RQD's <c>LAUNCH_FRAME_USER_GID</c>); must be positive (gid 0 is root's group).
    /// </summary>
    public int DefaultGid { get; set; } = DefaultFrameGid;

    /// <summary>Lists what is wrong with the values.</summary>
    /// <param name="problems">Receives one sentence per problem.</param>
    /// <param name="nameOf">How a property is named to the reader (<c>MinUid</c> -> <c>--min-uid</c> on the command line); <c>FrameUsers.Name</c> when null.</param>
    internal void Validate(ICollection<string> problems, Func<string, string>? nameOf = null)
    {
        nameOf ??= property => "FrameUsers." + property;
        if (MinUid < 1)
        {
            problems.Add(nameOf(nameof(MinUid)) + " must be at least 1: a frame cannot run as ROOT (was " + Text(MinUid) + ")");
        }

        if (MaxUid < MinUid)
        {
            problems.Add(nameOf(nameof(MaxUid)) + " must not be below " + nameOf(nameof(MinUid)) + " (was " + Text(MinUid) + ".." + Text(MaxUid) + ")");
        }

        if (DefaultGid < 1)
        {
            problems.Add(nameOf(nameof(DefaultGid)) + " must be positive: a frame cannot run as ROOT's group (was " + Text(DefaultGid) + ")");
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
