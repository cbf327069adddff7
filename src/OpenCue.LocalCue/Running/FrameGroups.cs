namespace OpenCue.LocalCue.Running
{
    /// <summary>The supplementary groups a frame runs with.</summary>
    internal enum FrameGroups
    {
        /// <summary>LocalCue's own (it does not switch users).</summary>
        Inherited,

        /// <summary>The user's groups from the group database (<c>setpriv --init-groups</c>).</summary>
        InitGroups,

        /// <summary>None (<c>setpriv --clear-groups</c>): the uid has no passwd entry.</summary>
        ClearGroups,
    }
}
