namespace OpenCue.Cli;

/// <summary>The exit codes of <c>cuerun</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary><c>validate</c>: the outline has errors.</summary>
    public const int ValidationFailed = 1;

    /// <summary><c>launch --test</c>: frames died or were eaten; <c>launch --wait</c>: the job ended with frames that did not succeed.</summary>
    public const int Failed = 1;

    /// <summary>Invalid input or usage: the message is on stderr and nothing is on stdout.</summary>
    public const int Usage = 2;

    /// <summary>
    /// The Cuebot could not be reached, did not answer within a deadline or answered with an error; or
    /// <c>launch --wait/--test</c> lost it (unreachable for <c>--server-lost-timeout</c>); or the embedded scheduler could not start.
    /// </summary>
    public const int CueError = 3;

    /// <summary>Interrupted by Ctrl+C while waiting or serving work in progress.</summary>
    public const int Interrupted = 130;
}
