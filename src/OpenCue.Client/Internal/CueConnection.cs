using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace OpenCue.Client.Internal;

/// <summary>
/// Channels to the Cuebot hosts and the failover rule: calls go to the current host; when it is
/// unavailable or its connection breaks, idempotent calls move on to the next host (and around again,
/// with pycue's backoff, so a host that comes back is used again); non-idempotent calls move on only
/// when the request certainly never left.
/// </summary>
/// <remarks>
/// Why not gRPC's own service-config <c>RetryPolicy</c> with client-side balancing (a static resolver
/// over the hosts) or a resilience library: they cannot do all of this.
/// <list type="bullet">
/// <item>Client-side balancing in Grpc.Net.Client needs <c>SocketsHttpHandler</c> (.NET 5 or later):
/// the netstandard2.0 build (WinHttpHandler on .NET Framework, a Unity handler) could not fail over
/// at all, nor could a caller's own <see cref="CueClientOptions.HttpHandler"/> of another kind.</item>
/// <item>The hosts may mix <c>unix:</c> sockets and TCP hosts, each channel with its own handler; a
/// balancer's subchannels share one.</item>
/// <item>A retry policy decides on the status code alone. UNAVAILABLE means "refused, never sent" or
/// "the connection broke after the request left"; only the first may be retried for a launch, which
/// is not idempotent (a second launch of a job whose answer was lost fails or duplicates work). This
/// class tells them apart (<see cref="RpcErrors.NeverSent"/>), and <c>Cuerun</c> looks a launch up by
/// name before sending it again.</item>
/// <item>pycue keeps one current host for every call and moves on only when it fails, in a shuffled
/// order; round-robin balancing would spread one script's calls over every Cuebot.</item>
/// </list>
/// Deadlines, cancellation and status mapping are gRPC's own; only the choice of host and the
/// between-round backoff are here.
/// </remarks>
internal sealed class CueConnection : IDisposable
{
    private readonly CueClientOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);
    private int _current;
    private bool _disposed;

    public CueConnection(CueClientOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        var (hosts, source) = CueHostResolver.Resolve(options, logger);
        var list = hosts.ToList();
        if (options.ShuffleHosts && list.Count > 1)
        {
            var random = new Random();
            list = list.OrderBy(_ => random.Next()).ToList();
        }

        Hosts = list;
        ConnectionLog.HostsFound(_logger, source, string.Join(", ", Hosts));
    }

    public IReadOnlyList<string> Hosts { get; }

    public string CurrentHost => Hosts[Volatile.Read(ref _current) % Hosts.Count];

    public CallInvoker Invoker(string host) => Channel(host).CreateCallInvoker();

    /// <summary>Runs a call with failover; maps failures to typed exceptions.</summary>
    public async Task<T> CallAsync<T>(string method, bool idempotent, TimeSpan deadline, Func<CallInvoker, CallOptions, Task<T>> call, CancellationToken cancellationToken, bool launch = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var rounds = idempotent ? _options.UnavailableRetries + 1 : 1;
        var attempts = Hosts.Count * rounds;
        RpcException? last = null;
        var lastHost = CurrentHost;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (attempt > 0 && attempt % Hosts.Count == 0)
            {
                var backoff = TimeSpan.FromMilliseconds(Math.Min(1600, 100 * (1 << Math.Min(4, (attempt / Hosts.Count) - 1))));
                await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
            }

            var index = Volatile.Read(ref _current);
            var host = Hosts[index % Hosts.Count];
            lastHost = host;
            var options = new CallOptions(deadline: DateTime.UtcNow + deadline, cancellationToken: cancellationToken);
            try
            {
                return await call(Invoker(host), options).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(method + " was cancelled.", e, cancellationToken);
            }
            catch (RpcException e) when ((e.StatusCode == StatusCode.Unavailable || RpcErrors.IsTransportFailure(e)) && (idempotent || RpcErrors.NeverSent(e)))
            {
                last = e;
                ConnectionLog.HostUnavailable(_logger, host, method, e.Status.Detail);
                Interlocked.CompareExchange(ref _current, index + 1, index);
            }
            catch (RpcException e)
            {
                throw RpcErrors.Map(e, method, host, launch, deadline);
            }
        }

        throw new CueConnectionException("No Cuebot host answered " + method + " (tried " + string.Join(", ", Hosts) + "): " + last?.Status.Detail, last!)
        {
            StatusCode = StatusCode.Unavailable,
            Host = lastHost,
            Method = method,
        };
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        _channels.Clear();
    }

    /// <summary>The handler of a TCP host's channel, and whether the channel owns (disposes) it.</summary>
    private (HttpMessageHandler? Handler, bool Owned) Handler()
    {
        if (_options.HttpHandler is HttpMessageHandler shared)
        {
            return (shared, false);
        }

        if (_options.HttpHandlerFactory is Func<HttpMessageHandler> factory)
        {
            return (factory() ?? throw new CueConnectionException("CueClientOptions.HttpHandlerFactory returned null."), true);
        }

#if NET8_0_OR_GREATER
        return (new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        }, true);
#else
        // gRPC's own choice: WinHttpHandler on .NET Framework; elsewhere (Unity, Mono) it fails the
        // first call saying HTTP/2 is not available, and the README says to set a factory.
        return (null, true);
#endif
    }

    private GrpcChannel Channel(string host) => _channels.GetOrAdd(host, h =>
    {
#if NET8_0_OR_GREATER
        if (UnixSocketHost.IsUnixSocket(h))
        {
            // Plaintext HTTP/2 over the socket; the authority is only a name.
            return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
            {
                MaxReceiveMessageSize = _options.MaxMessageBytes,
                MaxSendMessageSize = _options.MaxMessageBytes,
                HttpHandler = UnixSocketHost.CreateHandler(UnixSocketHost.PathOf(h)),
                DisposeHttpClient = true,
                LoggerFactory = _options.LoggerFactory,
            });
        }
#endif

        var address = new Uri((_options.UseTls ? "https://" : "http://") + h);
        var (handler, owned) = Handler();
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = _options.MaxMessageBytes,
            MaxSendMessageSize = _options.MaxMessageBytes,
            HttpHandler = handler,
            DisposeHttpClient = owned,
            LoggerFactory = _options.LoggerFactory,
        });
    });
}
