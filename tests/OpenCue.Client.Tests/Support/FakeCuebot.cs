using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client.Tests.Support;

/// <summary>One call the fake received: the gRPC method (<c>job.JobInterface/FindJob</c>) and its request.</summary>
public sealed record RecordedCall(string Method, IMessage Request);

/// <summary>How <see cref="FakeCuebot.SwallowLaunchReply"/> loses the answer.</summary>
public enum SwallowMode
{
    /// <summary>Reset the HTTP/2 stream (<c>HttpContext.Abort()</c>): the client sees the call fail mid-flight.</summary>
    Abort,

    /// <summary>Never answer: the client's deadline expires.</summary>
    Hang,
}

/// <summary>
/// A Cuebot test double: a real Kestrel server speaking plaintext HTTP/2 (h2c) on 127.0.0.1, serving
/// JobInterface, LayerInterface, FrameInterface, DependInterface and CueInterface over an in-memory
/// <see cref="FakeModel"/>. Every call is recorded in order; faults (delays, errors, lost launch
/// replies, a dead listener) are injected per method. Method names are the full gRPC names without
/// the leading slash, as in <see cref="Rpc"/>.
/// </summary>
public sealed class FakeCuebot : IAsyncDisposable
{
    private readonly object _sync = new();
    private readonly List<RecordedCall> _calls = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Status Status, int Remaining)> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<Action<int>>> _hooks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _aborts = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Queue<(SwallowMode Mode, bool CreateJob)> _swallows = new();
    private WebApplication? _app;

    private FakeCuebot()
    {
    }

    /// <summary>The in-memory jobs.</summary>
    public FakeModel Model { get; } = new();

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>The calls received so far, in order.</summary>
    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_sync)
            {
                return _calls.ToList();
            }
        }
    }

    /// <summary>The method names of <see cref="Calls"/>.</summary>
    public IReadOnlyList<string> CallNames => Calls.Select(c => c.Method).ToList();

    /// <summary>Every job the fake holds.</summary>
    public IReadOnlyList<FakeJob> Jobs
    {
        get
        {
            lock (Model.Sync)
            {
                return Model.Jobs.ToList();
            }
        }
    }

    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>Starts a fake on a loopback port: <paramref name="port"/>, or a free one for 0 (a restarted server takes its old port again).</summary>
    public static async Task<FakeCuebot> StartAsync(int port = 0)
    {
        var fake = new FakeCuebot();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(FakeCuebot).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(fake);
        var app = builder.Build();
        app.MapGrpcService<FakeJobService>();
        app.MapGrpcService<FakeLayerService>();
        app.MapGrpcService<FakeFrameService>();
        app.MapGrpcService<FakeDependService>();
        app.MapGrpcService<FakeCueService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.Address = new Uri(address).Authority;
        fake._app = app;
        return fake;
    }

    /// <summary>The requests received for one method, in order.</summary>
    public IReadOnlyList<T> Requests<T>(string method)
        where T : IMessage => Calls.Where(c => c.Method == method).Select(c => (T)c.Request).ToList();

    /// <summary>Forgets the calls recorded so far (e.g. after a setup launch).</summary>
    public void ClearCalls()
    {
        lock (_sync)
        {
            _calls.Clear();
        }
    }

    /// <summary>Delays every call of a method (until the client's deadline cancels it).</summary>
    public void Delay(string method, TimeSpan delay) => _delays[method] = delay;

    /// <summary>Makes a method fail with a status, the next <paramref name="times"/> calls (default: always).</summary>
    public void Fail(string method, StatusCode code, string detail, int times = int.MaxValue) => _failures[method] = (new Status(code, detail), times);

    /// <summary>Resets the HTTP/2 stream of the next <paramref name="times"/> calls of a method, as a server going down mid-call: the client gets no answer.</summary>
    public void Abort(string method, int times = 1) => _aborts[method] = times;

    /// <summary>Runs <paramref name="hook"/> at each call of a method, with the 1-based call count, before the call is served.</summary>
    public void OnCall(string method, Action<int> hook) => _hooks.GetOrAdd(method, _ => new List<Action<int>>()).Add(hook);

    /// <summary>
    /// The next <c>LaunchSpecAndWait</c> loses its reply: the job is created first (unless
    /// <paramref name="createJob"/> is false), then the stream is reset or left hanging.
    /// </summary>
    public void SwallowLaunchReply(SwallowMode mode, bool createJob = true)
    {
        lock (_sync)
        {
            _swallows.Enqueue((mode, createJob));
        }
    }

    /// <summary>The job of that (conformed) name, the latest if several.</summary>
    public FakeJob Job(string name)
    {
        lock (Model.Sync)
        {
            return Model.JobByName(name);
        }
    }

    /// <summary>Every frame of the job succeeds and the job becomes FINISHED.</summary>
    public void FinishJob(string name) => Model.FinishJob(Job(name));

    /// <summary>Whether GetUpdatedFrames is served (as Cuebot does); otherwise UNIMPLEMENTED, as LocalCue today.</summary>
    public bool ServesUpdatedFrames { get; set; }

    /// <summary>Sets the state (and exit status) of the job's frames that match.</summary>
    public void SetFrames(string jobName, Func<FakeFrame, bool> which, PbJob.FrameState state, int exitStatus)
    {
        var job = Job(jobName);
        lock (Model.Sync)
        {
            foreach (var frame in job.Frames.Where(which))
            {
                frame.State = state;
                frame.ExitStatus = exitStatus;
            }
        }
    }

    /// <summary>Stops listening: later connections are refused.</summary>
    public async Task StopAsync()
    {
        if (_app is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        var app = _app;
        _app = null;
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }

    /// <summary>Records the call, runs its hooks, then applies its delay and failure, if any.</summary>
    internal async Task EnterAsync(ServerCallContext context, IMessage request)
    {
        var method = context.Method.TrimStart('/');
        int count;
        lock (_sync)
        {
            _calls.Add(new RecordedCall(method, request));
            count = _counts[method] = _counts.GetValueOrDefault(method) + 1;
        }

        if (_hooks.TryGetValue(method, out var hooks))
        {
            foreach (var hook in hooks.ToList())
            {
                hook(count);
            }
        }

        if (_delays.TryGetValue(method, out var delay))
        {
            await WaitAsync(delay, context);
        }

        if (_aborts.TryGetValue(method, out var aborts) && aborts > 0)
        {
            _aborts[method] = aborts - 1;
            context.GetHttpContext().Abort();
            throw new RpcException(new Status(StatusCode.Aborted, "The fake reset the stream."));
        }

        if (_failures.TryGetValue(method, out var failure) && failure.Remaining > 0)
        {
            _failures[method] = (failure.Status, failure.Remaining - 1);
            throw new RpcException(failure.Status);
        }
    }

    /// <summary>The swallow to apply to this launch, if one is queued.</summary>
    internal (SwallowMode Mode, bool CreateJob)? TakeSwallow()
    {
        lock (_sync)
        {
            return _swallows.Count > 0 ? _swallows.Dequeue() : null;
        }
    }

    /// <summary>Waits, ending early (with CANCELLED) when the client gives up or the fake stops.</summary>
    internal async Task WaitAsync(TimeSpan delay, ServerCallContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _stopping.Token);
        try
        {
            await Task.Delay(delay, linked.Token);
        }
        catch (OperationCanceledException)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, "The fake stopped waiting."));
        }
    }
}
