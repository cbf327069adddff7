namespace OpenCue.Cli.Tests.Support;

/// <summary>The stand-alone server's documented exit codes (OpenCue.LocalCue's Program).</summary>
public static class ServerExitCodes
{
    public const int Stopped = 0;

    public const int StopTimedOut = 1;

    public const int Usage = 2;

    public const int StartFailed = 3;
}
