using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using OpenCue.LocalCue.Interop;

namespace OpenCue.LocalCue.Running
{
    /// <summary>
    /// For programs that embed LocalCue and want frames to write into directories they create (the
    /// samples, tests): when LocalCue switches frames to the job's uid (always as root), those
    /// directories must belong to that uid. The rules are <see cref="FrameUserPolicy"/>'s.
    /// </summary>
    public static class FrameOwnership
    {
        /// <summary>Whether frames of a job launched with <paramref name="uid"/> run as that uid rather than as this process's user.</summary>
        /// <param name="uid">The uid the job is launched with.</param>
        /// <param name="options">The frame user options LocalCue runs with; defaults when null.</param>
        /// <returns><see langword="true"/> when they switch to it.</returns>
        public static bool FramesRunAs(int uid, FrameUserOptions? options = null)
        {
            options ??= new FrameUserOptions();
            int current = NativeMethods.GetEffectiveUserId();
            return uid != current && FrameUserPolicy.Switches(options, current) && FrameUserPolicy.Refusal(uid, options, current) is null;
        }

        /// <summary>
        /// Gives <paramref name="path"/> (with <paramref name="recursive"/>, everything under it, symbolic
        /// links changed themselves and never followed) to <paramref name="uid"/> and the gid its frames
        /// run with. Needs root.
        /// </summary>
        /// <param name="path">A file or directory.</param>
        /// <param name="uid">The uid frames run as.</param>
        /// <param name="recursive">Also what is under a directory.</param>
        /// <param name="except">A path under <paramref name="path"/> left as it is (e.g. LocalCue's own state directory).</param>
        /// <param name="options">The frame user options LocalCue runs with; defaults when null.</param>
        /// <exception cref="IOException">An owner cannot be changed.</exception>
        /// <exception cref="ArgumentException">LocalCue would refuse the uid.</exception>
        public static void GiveTo(string path, int uid, bool recursive = false, string? except = null, FrameUserOptions? options = null)
        {
            ArgumentNullException.ThrowIfNull(path);
            FrameUserDecision decision = FrameUserPolicy.Decide(
                uid, string.Empty, options ?? new FrameUserOptions(), 0, 0, NativeMethods.GetPasswdEntry);
            FrameIdentity identity = decision.Identity ?? throw new ArgumentException(decision.Refusal, nameof(uid));
            string? skipped = except is null ? null : Path.GetFullPath(except);
            Give(Path.GetFullPath(path), identity, recursive, skipped);
        }

        private static void Give(string path, FrameIdentity identity, bool recursive, string? except)
        {
            if (path == except)
            {
                return;
            }

            int error = NativeMethods.ChangeOwner(path, identity.Uid, identity.Gid);
            if (error != 0)
            {
                throw new IOException("Cannot give " + path + " to uid " + identity.Uid.ToString(CultureInfo.InvariantCulture) + ": " + Marshal.GetPInvokeErrorMessage(error));
            }

            if (!recursive || NativeMethods.LinkStatus(path, out FileStatus status) != 0 || !status.IsDirectory)
            {
                return;
            }

            foreach (string entry in Directory.EnumerateFileSystemEntries(path))
            {
                Give(entry, identity, recursive, except);
            }
        }
    }
}
