using System;

namespace OpenCue.Client;

/// <summary>A call did not finish within its deadline (gRPC DEADLINE_EXCEEDED).</summary>
public class CueDeadlineExceededException : CueException
{
    /// <summary>Creates the exception.</summary>
    public CueDeadlineExceededException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public CueDeadlineExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public CueDeadlineExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
