namespace OpenCue.LocalCue.Running;

/// <summary>Where a frame's supplementary groups come from.</summary>
internal enum FrameGroups
{
    /// <summary>LocalCue's own (it does not switch users).</summary>
    Inherited,

    /// <summary>
    /// The user's groups from the group database less group 0 (<c>setpriv --groups=...</c>;
    /// <see cref="FrameIdentity.SupplementaryGroups"/>); none left: <c>--clear-groups</c>.
    /// </summary>
    Listed,
}
