using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using OpenCue.LocalCue.Interop;
using OpenCue.LocalCue.Running;

namespace OpenCue.LocalCue;

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
    /// Gives <paramref name="path"/> (with <paramref name="recursive"/>, everything under it) to
    /// <paramref name="uid"/> and the gid its frames run with. Needs root. Symbolic links are changed
    /// themselves (<c>lchown</c>) and never followed or descended into. The walk is bottom-up: a
    /// directory's entries are handled while it still belongs to this process (one owned by someone
    /// else is taken first), and the directory is handed over last, so its new owner cannot swap a
    /// subdirectory for a link while root works in it. A directory writable by group or others is no
    /// such boundary: do not give trees that hold one.
    /// </summary>
    /// <param name="path">A file or directory.</param>
    /// <param name="uid">The uid frames run as.</param>
    /// <param name="recursive">Also what is under a directory.</param>
    /// <param name="except">A path under <paramref name="path"/> left as it is (e.g. LocalCue's own state directory).</param>
    /// <param name="options">The frame user options LocalCue runs with; defaults when null.</param>
    /// <exception cref="IOException">An owner cannot be changed.</exception>
    /// <exception cref="ArgumentException">LocalCue would refuse the uid.</exception>
    public static void GiveTo(string path, int uid, bool recursive = false, string? except = null, FrameUserOptions? options = null) =>
        GiveTo(path, uid, recursive, except, options, null);

    /// <summary><see cref="GiveTo(string, int, bool, string?, FrameUserOptions?)"/>, with <paramref name="entering"/> called for each directory just before its entries are read (tests).</summary>
    internal static void GiveTo(string path, int uid, bool recursive, string? except, FrameUserOptions? options, Action<string>? entering)
    {
        ArgumentNullException.ThrowIfNull(path);
        FrameUserDecision decision = FrameUserPolicy.Decide(
            uid, string.Empty, options ?? new FrameUserOptions(), 0, 0, NativeMethods.GetPasswdEntry);
        FrameIdentity identity = decision.Identity ?? throw new ArgumentException(decision.Refusal, nameof(uid));
        string? skipped = except is null ? null : Path.GetFullPath(except);
        var walk = new OwnershipWalk(identity, skipped, entering, NativeMethods.GetEffectiveUserId(), NativeMethods.GetEffectiveGroupId());
        walk.Give(Path.GetFullPath(path), recursive);
    }

    /// <summary>One bottom-up walk of <see cref="GiveTo(string, int, bool, string?, FrameUserOptions?)"/>.</summary>
    private sealed class OwnershipWalk(FrameIdentity identity, string? except, Action<string>? entering, int currentUid, int currentGid)
    {
        internal void Give(string path, bool recursive)
        {
            if (path == except)
            {
                return;
            }

            int error = NativeMethods.LinkStatus(path, out FileStatus status);
            if (error != 0)
            {
                throw Failure(path, error);
            }

            if (recursive && status.IsDirectory)
            {
                // Its owner could replace entries (and subdirectories) with links while root walks it:
                // it is taken first, so only root can change it until it is handed over below.
                if (status.Uid != currentUid)
                {
                    Change(path, currentUid, currentGid);
                }

                entering?.Invoke(path);
                foreach (string entry in Directory.EnumerateFileSystemEntries(path))
                {
                    Give(entry, recursive);
                }
            }

            Change(path, identity.Uid, identity.Gid);
        }

        private void Change(string path, int uid, int gid)
        {
            int error = NativeMethods.ChangeOwner(path, uid, gid);
            if (error != 0)
            {
                throw Failure(path, error);
            }
        }

        private IOException Failure(string path, int error) =>
            new IOException("Cannot give " + path + " to uid " + identity.Uid.ToString(CultureInfo.InvariantCulture) + ": " + Marshal.GetPInvokeErrorMessage(error));
    }
}
