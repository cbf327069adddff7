using System;

namespace OpenCue.Client;

/// <summary>A frame died while a wait asked to fail on dead frames (<see cref="WaitOptions.FailOnDead"/>, <see cref="LaunchOptions.FailOnDead"/>).</summary>
public sealed class FrameDiedException : CueException
{
    /// <summary>Creates the exception.</summary>
    public FrameDiedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public FrameDiedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public FrameDiedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a dead frame.</summary>
    /// <param name="jobName">The job.</param>
    /// <param name="frameName">The frame, such as <c>0003-render</c>.</param>
    /// <param name="exitStatus">The exit status of its last run.</param>
    /// <param name="logPath">Where its log is.</param>
    public FrameDiedException(string jobName, string frameName, int exitStatus, string logPath)
        : base("Frame " + frameName + " of job '" + jobName + "' died (exit " + exitStatus + "); log: " + logPath)
    {
        JobName = jobName;
        FrameName = frameName;
        ExitStatus = exitStatus;
        LogPath = logPath;
    }

    /// <summary>The job.</summary>
    public string? JobName { get; }

    /// <summary>The dead frame.</summary>
    public string? FrameName { get; }

    /// <summary>The exit status of its last run.</summary>
    public int ExitStatus { get; }

    /// <summary>Where its log is.</summary>
    public string? LogPath { get; }
}
