using System;

namespace OpenCue.Client;

/// <summary>A wait gave up after its timeout (<see cref="WaitOptions.Timeout"/>, <see cref="LaunchOptions.WaitTimeout"/>); the job goes on.</summary>
public sealed class JobWaitTimeoutException : CueException
{
    /// <summary>Creates the exception.</summary>
    public JobWaitTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public JobWaitTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public JobWaitTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a job.</summary>
    /// <param name="jobName">The job.</param>
    /// <param name="timeout">How long the wait lasted.</param>
    public JobWaitTimeoutException(string jobName, TimeSpan timeout)
        : base("Job '" + jobName + "' did not finish within " + Internal.Durations.Format(timeout) + "; it goes on running")
    {
        JobName = jobName;
        Timeout = timeout;
    }

    /// <summary>The job.</summary>
    public string? JobName { get; }

    /// <summary>How long the wait lasted.</summary>
    public TimeSpan Timeout { get; }
}
