namespace OpenCue.LocalCue.Interop;

/// <summary>What <see cref="NativeMethods.LinkStatus"/> reads of a path itself (a symbolic link not followed).</summary>
/// <param name="Mode">The type and permission bits (<c>st_mode</c>).</param>
/// <param name="Uid">The owner.</param>
/// <param name="Gid">The group.</param>
/// <param name="Inode">The inode number.</param>
internal readonly record struct FileStatus(int Mode, int Uid, int Gid, ulong Inode)
{
    /// <summary>A directory (not a symbolic link to one).</summary>
    public bool IsDirectory => (Mode & NativeMethods.FileTypeMask) == NativeMethods.DirectoryType;

    /// <summary>A symbolic link.</summary>
    public bool IsSymbolicLink => (Mode & NativeMethods.FileTypeMask) == NativeMethods.SymbolicLinkType;

    /// <summary>A socket.</summary>
    public bool IsSocket => (Mode & NativeMethods.FileTypeMask) == NativeMethods.SocketType;

    /// <summary>The permission bits (07777; 0600 = 384).</summary>
    public int Permissions => Mode & 0xFFF;
}
