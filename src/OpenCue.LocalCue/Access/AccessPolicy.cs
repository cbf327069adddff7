using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OpenCue.LocalCue.Interop;

namespace OpenCue.LocalCue.Access;

/// <summary>
/// Who may launch and control jobs: root, LocalCue's own user (its euid) and the users of
/// <see cref="LocalCueOptions.AllowedUsers"/>; every identified local user with
/// <see cref="LocalCueOptions.AllowAnyLocalUser"/>; remote callers only with
/// <see cref="LocalCueOptions.AllowRemoteControl"/>. Read-only calls (<see cref="ReadOnlyMethods"/>) are open to all.
/// A caller other than root and LocalCue's own user controls only its own jobs: those whose launch uid is its uid
/// (<see cref="OwnerRefusal"/>).
/// </summary>
internal sealed class AccessPolicy
{
    private readonly HashSet<uint> _allowed;
    private readonly uint[] _extra;

    /// <summary>Creates a policy.</summary>
    /// <param name="ownUid">LocalCue's effective uid.</param>
    /// <param name="extraUids">Further uids allowed to control.</param>
    /// <param name="anyLocalUser">Every identified local user may control.</param>
    /// <param name="remoteControl">Callers from other machines may control (they cannot be identified).</param>
    public AccessPolicy(uint ownUid, IEnumerable<uint> extraUids, bool anyLocalUser, bool remoteControl)
    {
        OwnUid = ownUid;
        _extra = extraUids.Where(u => u != 0 && u != ownUid).Distinct().OrderBy(u => u).ToArray();
        _allowed = new HashSet<uint>(_extra) { 0, ownUid };
        AnyLocalUser = anyLocalUser;
        RemoteControl = remoteControl;
    }

    /// <summary>LocalCue's effective uid.</summary>
    public uint OwnUid { get; }

    /// <summary>Every identified local user may control.</summary>
    public bool AnyLocalUser { get; }

    /// <summary>Remote callers may control.</summary>
    public bool RemoteControl { get; }

    /// <summary>The policy of options: names in <see cref="LocalCueOptions.AllowedUsers"/> are resolved through the passwd database.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentException">A user name is not in the passwd database.</exception>
    public static AccessPolicy FromOptions(LocalCueOptions options) =>
        new((uint)NativeMethods.GetEffectiveUserId(), options.AllowedUsers.Select(Resolve).ToList(), options.AllowAnyLocalUser, options.AllowRemoteControl);

    /// <summary>A user name or number as a uid.</summary>
    /// <param name="user">A name (looked up in the passwd database) or a number.</param>
    /// <returns>The uid.</returns>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static uint Resolve(string user)
    {
        var text = user.Trim();
        if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var uid) && uid != uint.MaxValue)
        {
            return uid;
        }

        return NativeMethods.TryGetUserId(text, out uid)
            ? uid
            : throw new ArgumentException("AllowedUsers (--allow-user): there is no user '" + text + "' in the passwd database; give a user name or a numeric uid.");
    }

    /// <summary>Whether a caller may make a call; the reason when not.</summary>
    /// <param name="caller">Who calls.</param>
    /// <param name="method">The full method name.</param>
    /// <returns><see langword="null"/> when allowed, else the PERMISSION_DENIED message.</returns>
    public string? Refusal(PeerIdentity caller, string method)
    {
        if (ReadOnlyMethods.Contains(method))
        {
            return null;
        }

        if (caller.Transport == PeerTransport.RemoteTcp)
        {
            return RemoteControl ? null :
                "remote caller " + caller.Address + " may not launch or control jobs on this LocalCue (" + method + "): only callers on this machine may; " +
                "start it with --allow-remote-control to let anyone who can reach it do so.";
        }

        if (caller.Uid is not uint uid)
        {
            return "the caller at " + caller.Address + " could not be identified (" + caller.Problem + "), so it may not launch or control jobs on this LocalCue (" +
                method + "); queries stay open.";
        }

        if (AnyLocalUser || _allowed.Contains(uid))
        {
            return null;
        }

        return "uid " + Text(uid) + " may not launch or control jobs on this LocalCue (" + method + "): only " + Who() + " may; start it with --allow-user NAME " +
            "(or --allow-any-user).";
    }

    /// <summary>
    /// Whether a call must be checked against the owners of the jobs it acts on: control calls (not read-only, not a
    /// launch) of identified callers other than root and LocalCue's own user. Remote callers (allowed only with
    /// <see cref="RemoteControl"/>) have no uid to compare and are not checked.
    /// </summary>
    /// <param name="caller">Who calls.</param>
    /// <param name="method">The full method name.</param>
    /// <returns>Whether <see cref="OwnerRefusal"/> applies.</returns>
    public bool ChecksOwners(PeerIdentity caller, string method) =>
        caller.Uid is uint uid && uid != 0 && uid != OwnUid && !ReadOnlyMethods.Contains(method) && !LaunchMethods.Contains(method);

    /// <summary>Whether a caller may act on a job, when <see cref="ChecksOwners"/>: only when the job's launch uid is the caller's.</summary>
    /// <param name="caller">Who calls.</param>
    /// <param name="method">The full method name.</param>
    /// <param name="target">What the request names.</param>
    /// <param name="owner">The job it belongs to; <see langword="null"/> when unknown (allowed here: the service answers NOT_FOUND).</param>
    /// <returns><see langword="null"/> when allowed, else the PERMISSION_DENIED message.</returns>
    public string? OwnerRefusal(PeerIdentity caller, string method, JobTarget target, JobOwner? owner)
    {
        if (owner is not JobOwner job || caller.Uid is not uint uid || (job.Uid is int jobUid && jobUid >= 0 && (uint)jobUid == uid))
        {
            return null;
        }

        var whose = job.Uid is int u ? "uid " + u.ToString(CultureInfo.InvariantCulture) : "no launch uid (it runs as LocalCue's own user, uid " + Text(OwnUid) + ")";
        return "uid " + Text(uid) + " may not control job " + job.JobName + " (" + method + " on " + Describe(target) + "): the job's launch uid is " + whose +
            "; a user other than root and LocalCue's own user may control only jobs launched with its own uid.";
    }

    /// <summary>The refusal of a control call that names no job, layer, frame or depend, when <see cref="ChecksOwners"/>.</summary>
    /// <param name="caller">Who calls.</param>
    /// <param name="method">The full method name.</param>
    /// <returns>The PERMISSION_DENIED message.</returns>
    public string NoTargetRefusal(PeerIdentity caller, string method) =>
        caller + " may not call " + method + ": the request names no job, layer, frame or depend whose owner LocalCue could check, and a user " +
        "other than root and LocalCue's own user may control only jobs launched with its own uid.";

    /// <summary>Who may launch and control, for messages and the startup log.</summary>
    /// <returns>E.g. <c>uid 0 and its own user (uid 1000)</c>.</returns>
    public string Who()
    {
        if (AnyLocalUser)
        {
            return "every local user";
        }

        var parts = new List<string> { OwnUid == 0 ? "uid 0 (root, its own user)" : "uid 0 and its own user (uid " + Text(OwnUid) + ")" };
        if (_extra.Length > 0)
        {
            parts.Add((_extra.Length == 1 ? "uid " : "uids ") + string.Join(", ", _extra.Select(Text)));
        }

        return string.Join(" and ", parts);
    }

    private static string Describe(JobTarget target) =>
        target.Kind.ToString().ToLowerInvariant() + " " + (target.Id.Length == 0 ? "(no id)" : target.Id);

    private static string Text(uint uid) => uid.ToString(CultureInfo.InvariantCulture);
}
