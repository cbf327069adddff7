using System;

namespace OpenCue.Client;

/// <summary>Cuebot refused a job spec; the message is Cuebot's reason (for example an unknown show or an invalid name).</summary>
public class JobLaunchException : CueException
{
    /// <summary>Creates the exception.</summary>
    public JobLaunchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public JobLaunchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public JobLaunchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
