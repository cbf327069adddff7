using System;
using Grpc.Core;

namespace OpenCue.Client;

/// <summary>
/// A call to Cuebot failed. The base of every error the client raises; the public API never lets a
/// raw <see cref="RpcException"/> escape.
/// </summary>
public class CueException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CueException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public CueException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public CueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The gRPC status Cuebot answered with, when the error came from a call.</summary>
    public StatusCode? StatusCode { get; init; }

    /// <summary>The Cuebot host (<c>host:port</c>) the failed call went to, when known.</summary>
    public string? Host { get; init; }

    /// <summary>The RPC that failed, e.g. <c>job.JobInterface/FindJob</c>.</summary>
    public string? Method { get; init; }

    /// <summary>
    /// Whether the request may have reached Cuebot even though no answer came back (deadline
    /// exceeded, connection lost after sending). A launch in that state is looked up before it is retried.
    /// </summary>
    public bool OutcomeUnknown { get; init; }
}
