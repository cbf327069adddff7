using System;

namespace OpenCue.Cli.Internal;

/// <summary>Invalid input or usage: the message goes to stderr and the exit code is <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UsageException(string message, bool suggestHelp)
        : base(message)
    {
        SuggestHelp = suggestHelp;
    }

    /// <summary>Whether to add "Run 'cuerun COMMAND --help' for usage." (not for an invalid outline).</summary>
    public bool SuggestHelp { get; } = true;
}
