using System;

namespace OpenCue.Client;

/// <summary>
/// Waiting for or testing a job stopped because the Cuebot stayed unreachable (unavailable, refusing
/// connections or not answering within the call deadline, on every poll) for
/// <see cref="LaunchOptions.ServerLostTimeout"/>. The job may still be running there.
/// </summary>
public sealed class CueServerLostException : CueConnectionException
{
    /// <summary>Creates the exception.</summary>
    public CueServerLostException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public CueServerLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public CueServerLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a server lost while following a job.</summary>
    /// <param name="server">The Cuebot host or hosts, <c>host:port</c>, comma-separated.</param>
    /// <param name="jobName">The job being waited for or tested.</param>
    /// <param name="unreachableFor">How long every poll had failed when waiting stopped.</param>
    /// <param name="testing">Whether the job was being tested (test mode) rather than waited for.</param>
    /// <param name="lastError">The last poll's failure (the inner exception).</param>
    public CueServerLostException(string server, string jobName, TimeSpan unreachableFor, bool testing, CueException lastError)
        : base(Describe(server, jobName, unreachableFor, testing), lastError)
    {
        Server = server;
        JobName = jobName;
        UnreachableFor = unreachableFor;
        StatusCode = lastError?.StatusCode ?? Grpc.Core.StatusCode.Unavailable;
        Host = lastError?.Host ?? server;
        Method = lastError?.Method;
    }

    /// <summary>The Cuebot host or hosts that were lost, <c>host:port</c>, comma-separated.</summary>
    public string? Server { get; }

    /// <summary>The job being waited for or tested; it may still be running on the server.</summary>
    public string? JobName { get; }

    /// <summary>How long the server had been unreachable when waiting stopped (at least the limit).</summary>
    public TimeSpan UnreachableFor { get; }

    private static string Describe(string server, string jobName, TimeSpan unreachableFor, bool testing) =>
        "lost the server " + server + ": unreachable for " + Internal.Durations.Format(unreachableFor) + " while " + (testing ? "testing" : "waiting for") + " job " + jobName +
        "; the job may still be running there";

}
