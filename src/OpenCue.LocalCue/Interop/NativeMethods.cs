using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace OpenCue.LocalCue.Interop;

/// <summary>The libc calls LocalCue needs (Linux): processes, files, users and the Unix socket. One place for every one of them.</summary>
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

    /// <summary><c>S_IFMT</c>: the file type bits of a mode.</summary>
    internal const int FileTypeMask = 0xF000;

    /// <summary><c>S_IFSOCK</c>: a socket.</summary>
    internal const int SocketType = 0xC000;

    /// <summary><c>S_IFDIR</c>: a directory.</summary>
    internal const int DirectoryType = 0x4000;

    /// <summary><c>S_IFLNK</c>: a symbolic link.</summary>
    internal const int SymbolicLinkType = 0xA000;

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

    /// <summary>Changes the owner of an open file (<c>fchown</c>): no path, nothing to swap.</summary>
    /// <param name="handle">The open file.</param>
    /// <param name="uid">The owner.</param>
    /// <param name="gid">The group.</param>
    /// <returns>0, or the errno.</returns>
    internal static int ChangeOwner(Microsoft.Win32.SafeHandles.SafeFileHandle handle, int uid, int gid) =>
        FChown(handle, (uint)uid, (uint)gid) == 0 ? 0 : Marshal.GetLastPInvokeError();

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

        // struct statx: stx_uid at 20, stx_gid at 24, stx_mode (16 bits) at 28, stx_ino at 32.
        status = new FileStatus(
            BitConverter.ToUInt16(buffer, 28),
            (int)BitConverter.ToUInt32(buffer, 20),
            (int)BitConverter.ToUInt32(buffer, 24),
            BitConverter.ToUInt64(buffer, 32));
        return 0;
    }

    /// <summary>The passwd database entry of a uid (<c>getpwuid_r</c>, so NSS sources count too).</summary>
    /// <param name="uid">The uid.</param>
    /// <returns>The entry, or <see langword="null"/> when the uid has none.</returns>
    internal static PasswdEntry? GetPasswdEntry(int uid)
    {
        for (int size = 1024; size <= 1 << 20; size *= 4)
        {
            // The entry's strings point into the buffer, so it stays pinned until they are copied: an array
            // is pinned only during the call, and the GC may move it before PtrToStringUTF8 reads it.
            var buffer = new byte[size];
            var pin = GCHandle.Alloc(buffer, GCHandleType.Pinned);
            try
            {
                int error = GetPwUidR((uint)uid, out Passwd entry, pin.AddrOfPinnedObject(), (nuint)size, out IntPtr result);
                if (error == OutOfRange)
                {
                    continue;
                }

                if (error != 0 || result == IntPtr.Zero)
                {
                    return null;
                }

                return new PasswdEntry(
                    Marshal.PtrToStringUTF8(entry.Name) ?? string.Empty,
                    (int)entry.Uid,
                    (int)entry.Gid,
                    Marshal.PtrToStringUTF8(entry.Directory) ?? string.Empty);
            }
            finally
            {
                pin.Free();
            }
        }

        return null;
    }

    /// <summary>Looks a user name up in the passwd database (<c>getpwnam_r</c>, so NSS sources count).</summary>
    /// <param name="name">The user name.</param>
    /// <param name="uid">The uid when found.</param>
    /// <returns><see langword="true"/> when the name exists.</returns>
    internal static bool TryGetUserId(string name, out uint uid)
    {
        uid = 0;
        for (var size = 4096; size <= 1 << 20; size *= 4)
        {
            var buffer = new byte[size];
            var error = GetPwNamR(Terminated(name), out var entry, buffer, (nuint)buffer.Length, out var result);
            if (error == OutOfRange)
            {
                continue;
            }

            if (error != 0 || result == IntPtr.Zero)
            {
                return false;
            }

            uid = entry.Uid;
            return true;
        }

        return false;
    }

    /// <summary>Creates a unique directory of mode 0700 from a template ending in XXXXXX (<c>mkdtemp</c>).</summary>
    /// <param name="template">E.g. <c>/run/user/1000/.localcue-XXXXXX</c>.</param>
    /// <param name="error">The errno on failure, else 0.</param>
    /// <returns>The directory created, or <see langword="null"/>.</returns>
    internal static string? MakeTemporaryDirectory(string template, out int error)
    {
        var bytes = Terminated(template);
        if (MkdTemp(bytes) == IntPtr.Zero)
        {
            error = Marshal.GetLastPInvokeError();
            return null;
        }

        error = 0;
        return Encoding.UTF8.GetString(bytes, 0, bytes.Length - 1);
    }

    /// <summary>Renames a path over another atomically (<c>rename</c>): never follows a symlink at either end.</summary>
    /// <param name="from">The path renamed.</param>
    /// <param name="to">Its new name; a file already there is replaced.</param>
    /// <returns>0, or the errno.</returns>
    internal static int Rename(string from, string to) =>
        RenameFile(Terminated(from), Terminated(to)) == 0 ? 0 : Marshal.GetLastPInvokeError();

    private static byte[] Terminated(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, 0, text.Length, bytes, 0);
        return bytes;
    }

    /// <summary>The groups of a user: <paramref name="gid"/> and every group that lists <paramref name="name"/> (<c>getgrouplist</c>, as <c>initgroups</c> would set them).</summary>
    /// <param name="name">The user name.</param>
    /// <param name="gid">The user's primary group, always included.</param>
    /// <returns>The gids.</returns>
    internal static int[] GetGroupList(string name, int gid)
    {
        byte[] user = Terminated(name);
        int count = 32;
        for (int attempt = 0; attempt < 8; attempt++)
        {
            var groups = new uint[count];
            int capacity = count;
            if (GetGroupListNative(user, (uint)gid, groups, ref capacity) >= 0)
            {
                return groups.Take(capacity).Select(g => (int)g).ToArray();
            }

            count = Math.Max(capacity, count * 2);
        }

        return new[] { gid };
    }

    [DllImport("libc", EntryPoint = "getgrouplist")]
    private static extern int GetGroupListNative(byte[] user, uint group, [Out] uint[] groups, ref int count);

    [DllImport("libc", EntryPoint = "getpwnam_r")]
    private static extern int GetPwNamR(byte[] name, out Passwd entry, byte[] buffer, nuint size, out IntPtr result);

    [DllImport("libc", EntryPoint = "mkdtemp", SetLastError = true)]
    private static extern IntPtr MkdTemp(byte[] template);

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int RenameFile(byte[] from, byte[] to);

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

    [DllImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static extern int FChown(Microsoft.Win32.SafeHandles.SafeFileHandle handle, uint uid, uint gid);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Statx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "getpwuid_r")]
    private static extern int GetPwUidR(uint uid, out Passwd entry, IntPtr buffer, nuint size, out IntPtr result);

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
