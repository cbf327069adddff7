using System;
using System.Diagnostics;
using System.Threading;
using Grpc.Core;

namespace OpenCue.Client.Internal;

/// <summary>
/// How long the server of a poll loop (wait and test modes) has been unreachable, and the rule for
/// giving up: once every poll since the first failed one has failed to reach it for
/// <see cref="LaunchOptions.ServerLostTimeout"/>, the loop stops with <see cref="CueServerLostException"/>.
/// Any answer, even an error, resets the count.
/// </summary>
internal sealed class ServerContact
{
    /// <summary>How often an outage is logged after its first failed poll.</summary>
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);

    private readonly TimeSpan _limit;
    private readonly string _jobName;
    private readonly bool _testing;
    private long? _unreachableSince;
    private long? _reported;

    public ServerContact(CueApi api, string jobName, TimeSpan limit, bool testing)
    {
        Server = string.Join(",", api.Hosts);
        _jobName = jobName;
        _limit = limit;
        _testing = testing;
    }

    /// <summary>The host or hosts polled, <c>host:port</c>, comma-separated.</summary>
    public string Server { get; }

    /// <summary>The limit, as given.</summary>
    public TimeSpan Limit => _limit;

    /// <summary>How long the server has been unreachable; zero while it answers.</summary>
    public TimeSpan UnreachableFor => _unreachableSince is long since ? Stopwatch.GetElapsedTime(since) : TimeSpan.Zero;

    /// <summary>
    /// Whether an error says the server could not be reached rather than that it answered: unavailable
    /// (refused, no host answered), no answer within the deadline, or the connection broken mid-call
    /// (a transport error, or the stream reset by a server going down).
    /// </summary>
    public static bool IsUnreachable(CueException error) =>
        error is CueConnectionException || error is CueDeadlineExceededException ||
        error.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled ||
        (error.InnerException is RpcException inner && RpcErrors.IsTransportFailure(inner));

    /// <summary>A poll got an answer: the server is reachable.</summary>
    public void Answered()
    {
        _unreachableSince = null;
        _reported = null;
    }

    /// <summary>Records a poll, started at <paramref name="pollStarted"/> (a <see cref="Stopwatch"/> timestamp), that could not reach the server.</summary>
    /// <exception cref="CueServerLostException">The server has been unreachable for the limit.</exception>
    public void Unreachable(CueException error, long pollStarted)
    {
        _unreachableSince ??= pollStarted;
        var unreachableFor = UnreachableFor;
        if (_limit != Timeout.InfiniteTimeSpan && unreachableFor >= _limit)
        {
            throw new CueServerLostException(Server, _jobName, unreachableFor, _testing, error);
        }
    }

    /// <summary>Whether to log the outage now: at its first failed poll, then every 10 seconds, so a long one does not flood the log.</summary>
    public bool ShouldReport()
    {
        if (_reported is long last && Stopwatch.GetElapsedTime(last) < ReportEvery)
        {
            return false;
        }

        _reported = Stopwatch.GetTimestamp();
        return true;
    }
}
