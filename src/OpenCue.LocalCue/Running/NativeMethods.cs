using System;
using System.IO;
using System.Runtime.InteropServices;

namespace OpenCue.LocalCue.Running
{
    /// <summary>The few libc calls the frame runner needs (Linux).</summary>
    internal static class NativeMethods
    {
        /// <summary>SIGKILL, RQD's <c>KILL_SIGNAL</c>.</summary>
        internal const int SigKill = 9;

        /// <summary>ESRCH: no such process or process group.</summary>
        internal const int NoSuchProcess = 3;

        /// <summary>Sends SIGKILL to the process group <paramref name="processGroupId"/> (<c>killpg</c>).</summary>
        /// <param name="processGroupId">The group id, which is the leader's process id.</param>
        /// <param name="error">The errno of the failure (<see cref="NoSuchProcess"/> when the group does not exist), 0 on success.</param>
        /// <returns><see langword="true"/> when the signal was sent.</returns>
        internal static bool KillProcessGroup(int processGroupId, out int error)
        {
            if (processGroupId <= 1)
            {
                error = NoSuchProcess;
                return false;
            }

            if (Kill(-processGroupId, SigKill) == 0)
            {
                error = 0;
                return true;
            }

            error = Marshal.GetLastPInvokeError();
            return false;
        }

        /// <summary>EEXIST: the file or directory exists.</summary>
        internal const int AlreadyExists = 17;

        /// <summary>ENOENT: no such file or directory.</summary>
        internal const int NotFound = 2;

        /// <summary>ERANGE: a buffer is too small.</summary>
        private const int OutOfRange = 34;

        private const int AtCurrentDirectory = -100;
        private const int AtSymlinkNoFollow = 0x100;
        private const uint StatxBasicStats = 0x7FF;
        private const int StatxSize = 256;

        /// <summary>The effective user id of this process.</summary>
        /// <returns>The uid.</returns>
        internal static int GetEffectiveUserId() => (int)GetEuid();

        /// <summary>The effective group id of this process.</summary>
        /// <returns>The gid.</returns>
        internal static int GetEffectiveGroupId() => (int)GetEgid();

        /// <summary>Creates a directory that must not exist yet (<c>mkdir</c>; the mode is reduced by the umask).</summary>
        /// <param name="path">The directory.</param>
        /// <param name="mode">The mode.</param>
        /// <returns>0, or the errno (<see cref="AlreadyExists"/> when it exists).</returns>
        internal static int MakeDirectory(string path, UnixFileMode mode) =>
            MkDir(path, (uint)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

        /// <summary>Changes the owner of a file without following a symbolic link (<c>lchown</c>).</summary>
        /// <param name="path">The file.</param>
        /// <param name="uid">The owner.</param>
        /// <param name="gid">The group.</param>
        /// <returns>0, or the errno.</returns>
        internal static int ChangeOwner(string path, int uid, int gid) =>
            LChown(path, (uint)uid, (uint)gid) == 0 ? 0 : Marshal.GetLastPInvokeError();

        /// <summary>The type, mode and owner of a path itself, a symbolic link not followed (<c>lstat</c>, through <c>statx</c>, whose layout is the same on every architecture).</summary>
        /// <param name="path">The path.</param>
        /// <param name="status">What was read.</param>
        /// <returns>0, or the errno (<see cref="NotFound"/> when it does not exist).</returns>
        internal static int LinkStatus(string path, out FileStatus status)
        {
            var buffer = new byte[StatxSize];
            if (Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
            {
                status = default;
                return Marshal.GetLastPInvokeError();
            }

            // struct statx: stx_uid at 20, stx_gid at 24, stx_mode (16 bits) at 28.
            status = new FileStatus(BitConverter.ToUInt16(buffer, 28), (int)BitConverter.ToUInt32(buffer, 20), (int)BitConverter.ToUInt32(buffer, 24));
            return 0;
        }

        /// <summary>The passwd database entry of a uid (<c>getpwuid_r</c>, so NSS sources count too).</summary>
        /// <param name="uid">The uid.</param>
        /// <returns>The entry, or <see langword="null"/> when the uid has none.</returns>
        internal static PasswdEntry? GetPasswdEntry(int uid)
        {
            for (int size = 1024; size <= 1 << 20; size *= 4)
            {
                var buffer = new byte[size];
                int error = GetPwUidR((uint)uid, out Passwd entry, buffer, (nuint)size, out IntPtr result);
                if (error == OutOfRange)
                {
                    continue;
                }

                if (error != 0 || result == IntPtr.Zero)
                {
                    return null;
                }

                // The strings live in buffer, which stays reachable until they are copied.
                var found = new PasswdEntry(
                    Marshal.PtrToStringUTF8(entry.Name) ?? string.Empty,
                    (int)entry.Uid,
                    (int)entry.Gid,
                    Marshal.PtrToStringUTF8(entry.Directory) ?? string.Empty);
                GC.KeepAlive(buffer);
                return found;
            }

            return null;
        }

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);

        [DllImport("libc", EntryPoint = "geteuid")]
        private static extern uint GetEuid();

        [DllImport("libc", EntryPoint = "getegid")]
        private static extern uint GetEgid();

        [DllImport("libc", EntryPoint = "mkdir", SetLastError = true, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int MkDir([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

        [DllImport("libc", EntryPoint = "lchown", SetLastError = true, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int LChown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint uid, uint gid);

        [DllImport("libc", EntryPoint = "statx", SetLastError = true, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int Statx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

        [DllImport("libc", EntryPoint = "getpwuid_r")]
        private static extern int GetPwUidR(uint uid, out Passwd entry, [Out] byte[] buffer, nuint size, out IntPtr result);

        /// <summary>struct passwd (LP64).</summary>
        [StructLayout(LayoutKind.Sequential)]
        private struct Passwd
        {
            public IntPtr Name;
            public IntPtr Password;
            public uint Uid;
            public uint Gid;
            public IntPtr Gecos;
            public IntPtr Directory;
            public IntPtr Shell;
        }
    }
}
