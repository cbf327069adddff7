using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using OpenCue.LocalCue.Interop;

namespace OpenCue.LocalCue;

/// <summary>
/// The state directory holds the database (jobs, their environment and uid), the frame logs and the
/// record of the frame directory base: whoever can write it, or replace it, could plant jobs that run
/// as any allowed uid or swap log directories for links. At start it is created 0700 when missing;
/// it must be a real directory owned by LocalCue's effective uid and not writable by group or others,
/// and every directory above it must belong to root or LocalCue's uid and not be writable by others, or
/// by a group other than LocalCue's own, unless sticky (as <c>/tmp</c>), like OpenSSH's StrictModes.
/// Otherwise LocalCue refuses to start.
/// </summary>
internal static class StateDirectory
{
    private const UnixFileMode Mode = (UnixFileMode)0x1C0; // 0700
    private const int GroupOrOtherWritable = 0x12; // 0022
    private const int GroupWritable = 0x10; // 0020
    private const int OtherWritable = 0x2; // 0002
    private const int Sticky = 0x200; // 01000

    /// <summary>Creates the directory if missing (0700) and checks it and the directories above it.</summary>
    /// <param name="path">The state directory.</param>
    /// <exception cref="IOException">It cannot be created, or is unsafe; the message names the path, its owner and mode and the fix.</exception>
    [UnsupportedOSPlatform("windows")]
    internal static void Prepare(string path)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        int uid = NativeMethods.GetEffectiveUserId();
        int gid = NativeMethods.GetEffectiveGroupId();
        if (NativeMethods.LinkStatus(full, out _) == NativeMethods.NotFound)
        {
            Directory.CreateDirectory(full, Mode);
            File.SetUnixFileMode(full, Mode);
        }

        int error = NativeMethods.LinkStatus(full, out FileStatus status);
        if (error != 0)
        {
            throw Refused(full, "it cannot be read (" + Marshal.GetPInvokeErrorMessage(error) + ")", "check the path");
        }

        if (status.IsSymbolicLink)
        {
            throw Refused(full, "it is a symbolic link", "give the real directory's path");
        }

        if (!status.IsDirectory)
        {
            throw Refused(full, "it is not a directory", "choose another state directory");
        }

        if (status.Uid != uid)
        {
            throw Refused(full, "it is owned by uid " + Text(status.Uid) + " (mode " + Octal(status.Permissions) + "), not by LocalCue's uid " + Text(uid),
                "chown " + Text(uid) + " " + full + " if its contents are trusted, or choose another state directory");
        }

        if ((status.Permissions & GroupOrOtherWritable) != 0)
        {
            throw Refused(full, "group or others may write it (owner uid " + Text(status.Uid) + ", mode " + Octal(status.Permissions) + ")",
                "chmod go-w " + full + " (0700 is best) if its contents are trusted, or choose another state directory");
        }

        for (string? parent = Path.GetDirectoryName(full); parent != null; parent = Path.GetDirectoryName(parent))
        {
            if (NativeMethods.LinkStatus(parent, out FileStatus above) != 0)
            {
                continue;
            }

            if (above.Uid != 0 && above.Uid != uid)
            {
                throw Refused(full, "it is inside " + parent + ", owned by uid " + Text(above.Uid) + " (mode " + Octal(above.Permissions) + "), who could replace it",
                    "keep the state in a directory whose parents belong to root or uid " + Text(uid));
            }

            // A group-writable parent of LocalCue's own group (a user private group, umask 002) is no one else's.
            bool othersWrite = (above.Permissions & OtherWritable) != 0
                || ((above.Permissions & GroupWritable) != 0 && above.Gid != gid);
            if (!above.IsSymbolicLink && othersWrite && (above.Permissions & Sticky) == 0)
            {
                throw Refused(full, "it is inside " + parent + " (owner uid " + Text(above.Uid) + ", mode " + Octal(above.Permissions) + "), which group or others may write, so they could replace it",
                    "keep the state in a directory whose parents only root or uid " + Text(uid) + " may write");
            }
        }
    }

    private static IOException Refused(string path, string why, string fix) =>
        new IOException("the state directory " + path + " is not safe: " + why + "; " + fix);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Octal(int permissions) => "0" + Convert.ToString(permissions, 8);
}
