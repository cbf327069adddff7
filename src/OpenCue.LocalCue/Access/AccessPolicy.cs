using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OpenCue.LocalCue.Interop;

namespace OpenCue.LocalCue.Access
{
    /// <summary>
    /// Who may launch and control jobs: root, LocalCue's own user (its euid) and the users of
    /// <see cref="LocalCueOptions.AllowedUsers"/>; every identified local user with
    /// <see cref="LocalCueOptions.AllowAnyLocalUser"/>; remote callers only with
    /// <see cref="LocalCueOptions.AllowRemoteControl"/>. Read-only calls (<see cref="ReadOnlyMethods"/>) are open to all.
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

        private static string Text(uint uid) => uid.ToString(CultureInfo.InvariantCulture);
    }
}
