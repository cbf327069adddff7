namespace OpenCue.LocalCue.Running
{
    /// <summary>What <see cref="NativeMethods.LinkStatus"/> reads of a path.</summary>
    /// <param name="Mode">The type and permission bits (<c>st_mode</c>).</param>
    /// <param name="Uid">The owner.</param>
    /// <param name="Gid">The group.</param>
    internal readonly record struct FileStatus(int Mode, int Uid, int Gid)
    {
        private const int TypeMask = 0xF000;

        /// <summary>A directory (not a symbolic link to one).</summary>
        public bool IsDirectory => (Mode & TypeMask) == 0x4000;

        /// <summary>A symbolic link.</summary>
        public bool IsSymbolicLink => (Mode & TypeMask) == 0xA000;

        /// <summary>The permission bits (07777).</summary>
        public int Permissions => Mode & 0xFFF;
    }
}
