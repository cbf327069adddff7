namespace OpenCue.LocalCue.Access
{
    /// <summary>What <see cref="NativeMethods.LStat"/> found at a path.</summary>
    /// <param name="Mode">Type and permission bits (<c>st_mode</c>).</param>
    /// <param name="Uid">The owner.</param>
    /// <param name="Inode">The inode number.</param>
    internal readonly record struct FileStatus(int Mode, uint Uid, ulong Inode)
    {
        /// <summary>Whether the path is a socket.</summary>
        public bool IsSocket => (Mode & NativeMethods.FileTypeMask) == NativeMethods.SocketType;

        /// <summary>The permission bits (e.g. 0600 = 384).</summary>
        public int Permissions => Mode & 0xFFF;
    }
}
