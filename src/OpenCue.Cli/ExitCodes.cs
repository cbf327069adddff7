namespace OpenCue.Cli
{
    /// <summary>The exit codes of <c>cuerun</c>.</summary>
    public static class ExitCodes
    {
        /// <summary>Success.</summary>
        public const int Ok = 0;

        /// <summary><c>validate</c>: the outline has errors.</summary>
        public const int ValidationFailed = 1;

        /// <summary>Invalid input or usage: the message is on stderr and nothing is on stdout.</summary>
        public const int Usage = 2;
    }
}
