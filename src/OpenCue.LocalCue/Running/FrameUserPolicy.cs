using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OpenCue.LocalCue.Interop;

namespace OpenCue.LocalCue.Running;

/// <summary>
/// RQD's rules for the user a frame runs as (<c>rqcore.py</c>, <c>rqconstants.py</c>), without its
/// fall-back to the daemon's own uid, which for LocalCue in a container or CI is root: a frame never
/// runs as root. Pure: the current ids and the passwd lookup are passed in.
/// </summary>
internal static class FrameUserPolicy
{
    /// <summary>Whether frames are switched to the job's user: always as root, else when <see cref="FrameUserOptions.BecomeJobUser"/> is on.</summary>
    /// <param name="options">The options.</param>
    /// <param name="currentUid">LocalCue's effective uid.</param>
    /// <returns><see langword="true"/> when frames run as the job's uid.</returns>
    internal static bool Switches(FrameUserOptions options, int currentUid) =>
        currentUid == 0 || options.BecomeJobUser == true;

    /// <summary>Why a job's frames would be refused (the check made at launch), before any passwd lookup.</summary>
    /// <param name="uid">The job's uid, if the spec has one.</param>
    /// <param name="options">The options.</param>
    /// <param name="currentUid">LocalCue's effective uid.</param>
    /// <returns>The refusal message naming the uid and the allowed range, or <see langword="null"/> when the uid may run.</returns>
    internal static string? Refusal(int? uid, FrameUserOptions options, int currentUid)
    {
        if (!Switches(options, currentUid))
        {
            return null;
        }

        string range = Text(options.MinUid) + ".." + Text(options.MaxUid) + " (RQD_MIN_UID..RQD_MAX_UID)";
        string instead = currentUid == 0
            ? "LocalCue runs as root and will not run the frame as ROOT in its place"
            : "LocalCue runs frames as the job's user and will not run it as its own uid " + Text(currentUid) + " instead";
        if (uid is null)
        {
            return "The job has no uid: its frames must run as a uid in " + range + "; " + instead + ".";
        }

        if (uid.Value <= 0)
        {
            return "The job's uid " + Text(uid.Value) + " cannot run as ROOT: frames run as a uid in " + range + ".";
        }

        if (uid.Value < options.MinUid || uid.Value > options.MaxUid)
        {
            return "The job's uid " + Text(uid.Value) + " is outside the allowed range " + range + "; " + instead + ".";
        }

        return null;
    }

    /// <summary>Decides who a frame runs as.</summary>
    /// <param name="uid">The job's uid, if the spec has one.</param>
    /// <param name="user">The job's user name.</param>
    /// <param name="options">The options.</param>
    /// <param name="currentUid">LocalCue's effective uid.</param>
    /// <param name="currentGid">LocalCue's effective gid.</param>
    /// <param name="lookup">The passwd entry of a uid, <see langword="null"/> when it has none.</param>
    /// <param name="groupsOf">The groups of a user name and primary gid (<c>getgrouplist</c>); <see langword="null"/> for the system's.</param>
    /// <returns>The identity, or a refusal.</returns>
    internal static FrameUserDecision Decide(int? uid, string user, FrameUserOptions options, int currentUid, int currentGid, Func<int, PasswdEntry?> lookup, Func<string, int, IReadOnlyList<int>>? groupsOf = null)
    {
        if (!Switches(options, currentUid))
        {
            string? warning = uid is null || uid.Value == currentUid
                ? null
                : "WARNING: the job asks for uid " + Text(uid.Value) + " but this frame runs as uid " + Text(currentUid)
                    + ", LocalCue's own user: LocalCue is not root and BecomeJobUser (RQD_BECOME_JOB_USER) is off.";
            return FrameUserDecision.Run(new FrameIdentity
            {
                Switches = false,
                Uid = currentUid,
                Gid = currentGid,
                UserName = user,
                Warning = warning,
            });
        }

        string? refusal = Refusal(uid, options, currentUid);
        if (refusal != null)
        {
            return FrameUserDecision.Refuse(refusal);
        }

        int frameUid = uid!.Value;
        PasswdEntry? entry = lookup(frameUid);

        // RQD: a gid <= 0 becomes LAUNCH_FRAME_USER_GID; a uid without an entry gets it too.
        int gid = entry?.Gid ?? options.DefaultGid;
        if (gid <= 0)
        {
            gid = options.DefaultGid;
        }

        if (gid <= 0)
        {
            return FrameUserDecision.Refuse("The gid " + Text(gid) + " for uid " + Text(frameUid) + " cannot run as ROOT.");
        }

        bool hasHome = entry != null && !string.IsNullOrEmpty(entry.Home);
        return FrameUserDecision.Run(new FrameIdentity
        {
            Switches = true,
            Uid = frameUid,
            Gid = gid,

            // The user's groups as initgroups would set them, less group 0: membership of root's group is a
            // privilege a frame never gets (setpriv --init-groups would keep it). No passwd entry: none.
            SupplementaryGroups = entry is null
                ? Array.Empty<int>()
                : (groupsOf ?? NativeMethods.GetGroupList)(entry.Name, gid).Where(g => g > 0).Distinct().ToArray(),
            UserName = entry?.Name ?? user,
            Home = hasHome ? entry!.Home : null,
            HomeIsFrameDirectory = !hasHome,
        });
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
