namespace OpenCue.Cli.Internal;

/// <summary>What a frame range may look like, for error messages and help.</summary>
internal static class FrameRangeHelp
{
    public const string Accepted =
        "Accepted: comma-separated N, A-B, A-BxS (every S-th frame), A-ByS (the others), A-B:S (interleaved), " +
        "with no spaces, e.g. 1-100, 1-100x5, 1-10,20,30-40:2, -5-5.";
}
