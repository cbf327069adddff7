using System;
using System.Runtime.InteropServices;
using System.Text;

namespace OpenCue.LocalCue.Access
{
    /// <summary>The libc calls access control and the Unix socket need (Linux).</summary>
    internal static class NativeMethods
    {
        /// <summary><c>S_IFMT</c>: the file type bits of a mode.</summary>
        internal const int FileTypeMask = 0xF000;

        /// <summary><c>S_IFSOCK</c>: a socket.</summary>
        internal const int SocketType = 0xC000;

        private const int AtCurrentDirectory = -100;
        private const int AtSymlinkNoFollow = 0x100;
        private const uint StatxTypeModeUidIno = 0x1 | 0x2 | 0x8 | 0x100;
        private const int Erange = 34;

        /// <summary>The effective user id of this process.</summary>
        /// <returns>The euid.</returns>
        internal static uint GetEffectiveUserId() => GetEuid();

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
                if (error == Erange)
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

        /// <summary>The type, permission bits, owner and inode of a path, not following a final symlink (<c>statx</c>).</summary>
        /// <param name="path">The path.</param>
        /// <param name="status">What was found.</param>
        /// <returns>0, or the errno (2 = ENOENT).</returns>
        internal static int LStat(string path, out FileStatus status)
        {
            var buffer = new byte[256];
            if (Statx(AtCurrentDirectory, Terminated(path), AtSymlinkNoFollow, StatxTypeModeUidIno, buffer) != 0)
            {
                status = default;
                return Marshal.GetLastPInvokeError();
            }

            // struct statx: stx_uid at 20, stx_mode (u16) at 28, stx_ino at 32; the same layout on every architecture.
            status = new FileStatus(BitConverter.ToUInt16(buffer, 28), BitConverter.ToUInt32(buffer, 20), BitConverter.ToUInt64(buffer, 32));
            return 0;
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

        [DllImport("libc", EntryPoint = "geteuid")]
        private static extern uint GetEuid();

        [DllImport("libc", EntryPoint = "getpwnam_r")]
        private static extern int GetPwNamR(byte[] name, out Passwd entry, byte[] buffer, nuint size, out IntPtr result);

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        private static extern int Statx(int directory, byte[] path, int flags, uint mask, byte[] buffer);

        [DllImport("libc", EntryPoint = "mkdtemp", SetLastError = true)]
        private static extern IntPtr MkdTemp(byte[] template);

        [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
        private static extern int RenameFile(byte[] from, byte[] to);

        /// <summary><c>struct passwd</c> (glibc, 64-bit).</summary>
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
