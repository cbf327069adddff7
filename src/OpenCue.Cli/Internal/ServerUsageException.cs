using System;

namespace OpenCue.Cli.Internal;

/// <summary>A bad server argument; the message is one line saying what to give instead.</summary>
internal sealed class ServerUsageException : Exception
{
    public ServerUsageException(string message)
        : base(message)
    {
    }
}
