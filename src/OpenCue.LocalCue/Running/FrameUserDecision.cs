namespace OpenCue.LocalCue.Running;

/// <summary>What <see cref="FrameUserPolicy.Decide"/> decided: an identity to run as, or a refusal.</summary>
internal sealed class FrameUserDecision
{
    private FrameUserDecision(FrameIdentity? identity, string? refusal)
    {
        Identity = identity;
        Refusal = refusal;
    }

    /// <summary>Who the frame runs as; <see langword="null"/> when refused.</summary>
    public FrameIdentity? Identity { get; }

    /// <summary>Why the frame must not run; <see langword="null"/> when it may.</summary>
    public string? Refusal { get; }

    /// <summary>The frame runs as <paramref name="identity"/>.</summary>
    /// <param name="identity">Who.</param>
    /// <returns>The decision.</returns>
    internal static FrameUserDecision Run(FrameIdentity identity) => new FrameUserDecision(identity, null);

    /// <summary>The frame must not run.</summary>
    /// <param name="message">Why, naming the uid and the allowed range.</param>
    /// <returns>The decision.</returns>
    internal static FrameUserDecision Refuse(string message) => new FrameUserDecision(null, message);
}
