namespace OpenCue.LocalCue.Running;

/// <summary>Who a frame runs as, decided by <see cref="FrameUserPolicy"/>.</summary>
internal sealed class FrameIdentity
{
    /// <summary>Whether the frame runs as another user than LocalCue (through <c>setpriv</c>).</summary>
    public bool Switches { get; init; }

    /// <summary>The uid the frame runs as.</summary>
    public int Uid { get; init; }

    /// <summary>The gid the frame runs as.</summary>
    public int Gid { get; init; }

    /// <summary>
    /// The supplementary groups when it <see cref="Switches"/>: the user's from the group database less
    /// group 0 (<c>setpriv --groups=...</c>; none left: <c>--clear-groups</c>). Not switching, the frame
    /// keeps LocalCue's own.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<int> SupplementaryGroups { get; init; } = System.Array.Empty<int>();

    /// <summary><c>USER</c> and <c>LOGNAME</c>: the passwd name when switching to a uid that has one, else the job's user.</summary>
    public string UserName { get; init; } = string.Empty;

    /// <summary>
    /// <c>HOME</c> from the passwd entry; <see langword="null"/> when there is none to use: see
    /// <see cref="HomeIsFrameDirectory"/>, else LocalCue's own <c>HOME</c> is passed on.
    /// </summary>
    public string? Home { get; init; }

    /// <summary><c>HOME</c> is the frame's private directory (a switched-to uid without a passwd entry).</summary>
    public bool HomeIsFrameDirectory { get; init; }

    /// <summary>A line for the frame log when the frame does not run as the job's uid; <see langword="null"/> when it does.</summary>
    public string? Warning { get; init; }
}
