using System;
using System.Collections.Generic;

namespace OpenCue.Client;

/// <summary>A job launched in test mode ended with dead or eaten frames; they are listed.</summary>
public sealed class JobTestFailedException : CueException
{
    /// <summary>Creates the exception.</summary>
    public JobTestFailedException()
    {
        FailedFrames = Array.Empty<string>();
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public JobTestFailedException(string message)
        : base(message)
    {
        FailedFrames = Array.Empty<string>();
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public JobTestFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        FailedFrames = Array.Empty<string>();
    }

    /// <summary>Creates the exception for a job and its failed frames.</summary>
    /// <param name="jobName">The job.</param>
    /// <param name="failedFrames">Frame names with their state, e.g. <c>0003-render (DEAD, exit 1)</c>.</param>
    public JobTestFailedException(string jobName, IReadOnlyList<string> failedFrames)
        : base("Test of job '" + jobName + "' failed: " + failedFrames.Count + " dead or eaten frame(s): " + string.Join(", ", failedFrames))
    {
        JobName = jobName;
        FailedFrames = failedFrames;
    }

    /// <summary>The job tested.</summary>
    public string? JobName { get; }

    /// <summary>The dead and eaten frames, with state and exit status.</summary>
    public IReadOnlyList<string> FailedFrames { get; }
}
