using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCue.LocalCue.Access;
using OpenCue.LocalCue.GrpcServices;
using OpenCue.LocalCue.Running;
using OpenCue.LocalCue.Scheduling;
using OpenCue.LocalCue.Storage;

namespace OpenCue.LocalCue;

/// <summary>
/// A running local scheduler: Cuebot's gRPC contract on HTTP/2 (plaintext, 127.0.0.1 by default),
/// frames run as processes on this machine, state in SQLite. Start it with <see cref="StartAsync(LocalCueOptions?, CancellationToken)"/>
/// and point any Cuebot client (OpenCue.Client, pycue) at <see cref="Address"/>.
/// </summary>
public sealed class LocalCuebot : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CueScheduler _scheduler;
    private readonly IJobStore _store;
    private readonly UnixSocketBinding? _socket;
    private readonly IDisposable? _ownedRunner;
    private int _disposed;

    private LocalCuebot(WebApplication app, CueScheduler scheduler, SpecLauncher launcher, IJobStore store, UnixSocketBinding? socket, IDisposable? ownedRunner, string address, LocalCueOptions options)
    {
        _ownedRunner = ownedRunner;
        _app = app;
        _scheduler = scheduler;
        Launcher = launcher;
        _store = store;
        _socket = socket;
        Address = address;
        Options = options;
    }

    /// <summary>Where clients connect, <c>host:port</c> (e.g. <c>127.0.0.1:40123</c>).</summary>
    public string Address { get; }

    /// <summary>Where clients connect over the Unix socket, <c>unix:PATH</c>; <see langword="null"/> without <see cref="LocalCueOptions.UnixSocketPath"/>.</summary>
    public string? UnixSocketAddress => _socket is null ? null : "unix:" + _socket.Path;

    /// <summary>The options it runs with.</summary>
    public LocalCueOptions Options { get; }

    internal CueScheduler Scheduler => _scheduler;

    /// <summary>Launches spec texts into <see cref="Scheduler"/> (what LaunchSpec calls).</summary>
    internal SpecLauncher Launcher { get; }

    /// <summary>The scheduler's options, from the hosting options.</summary>
    internal static SchedulerOptions SchedulerOptionsOf(LocalCueOptions options) => new()
    {
        CapacityCorePoints = (int)Math.Round(options.Cores * 100),
        CapacityMemoryKb = options.MemoryMb * 1024,
        StateDirectory = options.StateDirectory,
        HostName = options.HostName,
        SatisfyOnlyOnFrameSuccess = options.SatisfyOnlyOnFrameSuccess,
        MaxMemoryRetries = options.MaxMemoryRetries,
        FailedLaunchDelay = options.FailedLaunchDelay,
        MaxFailedLaunches = options.MaxFailedLaunches,
        Telemetry = SchedulerTelemetry.For(options.MeterFactory),
    };

    /// <summary>Starts the scheduler and its gRPC server; frames left running by a previous run start again.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running scheduler.</returns>
    /// <exception cref="StoreLayoutException">The state directory holds a database in another table layout (it is left untouched).</exception>
    /// <exception cref="ArgumentException">An option is invalid, or a name in <see cref="LocalCueOptions.AllowedUsers"/> is not a user.</exception>
    /// <exception cref="IOException">The port or the socket path is taken, or the state directory cannot be used: it must be owned by this process's effective uid and not writable by group or others, nor inside a directory others control (created 0700 when missing).</exception>
    public static Task<LocalCuebot> StartAsync(LocalCueOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync(options, null, cancellationToken);

    internal static async Task<LocalCuebot> StartAsync(LocalCueOptions? options, IFrameRunner? runner, CancellationToken cancellationToken)
    {
        options ??= new LocalCueOptions();
        options.Validate();
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("OpenCue.LocalCue");
        if (!IPAddress.TryParse(options.BindAddress, out var bind))
        {
            throw new ArgumentException("LocalCueOptions.BindAddress must be an IP address (was '" + options.BindAddress + "').");
        }

        var policy = AccessPolicy.FromOptions(options);
        if (!IPAddress.IsLoopback(bind))
        {
            HostingLog.NotOnlyThisMachine(logger, options.BindAddress);
            HostingLog.RemoteControl(logger, options.AllowRemoteControl ? "may launch and control jobs, unauthenticated" : "may only query");
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(options.StateDirectory);
        }
        else
        {
            // Refused with the path, its owner and mode and the fix when anyone else controls it.
            StateDirectory.Prepare(options.StateDirectory);
        }
        var socket = options.UnixSocketPath is null ? null : UnixSocketBinding.Prepare(options.UnixSocketPath);
        if (socket?.ReplacesStaleSocket == true)
        {
            HostingLog.StaleSocket(logger, socket.Path);
        }

        IJobStore store;
        try
        {
            store = options.InMemory ? SqliteJobStore.OpenInMemory() : SqliteJobStore.OpenFile(options.StateDirectory);
        }
        catch
        {
            socket?.Dispose();
            throw;
        }

        ProcessFrameRunner? ownedRunner = null;
        runner ??= ownedRunner = new ProcessFrameRunner(new FrameRunnerOptions
        {
            HostName = options.HostName,
            LoggerFactory = options.LoggerFactory,
            Users = options.FrameUsers,
            InstanceKey = options.StateDirectory,
        });
        var scheduler = new CueScheduler(SchedulerOptionsOf(options), store, runner, logger);
        var launcher = new SpecLauncher(scheduler, options.FrameUsers);
        try
        {
            scheduler.Start();
            // No reload of configuration files on change: that watches the content root (the caller's working
            // directory) recursively, and every frame log written below it woke the watcher's thread.
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = new[] { "--hostBuilder:reloadConfigOnChange=false" } });
            builder.Logging.ClearProviders();

            // An embedded scheduler must not take over the host process's Ctrl+C and SIGTERM.
            builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedLifetime>();
            builder.Services.AddSingleton(loggerFactory);
            builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
            builder.Services.AddSingleton(scheduler);
            builder.Services.AddSingleton(launcher);
            builder.Services.AddSingleton(policy);
            builder.Services.AddGrpc(o =>
            {
                // AccessGate decided who may call the method, before reading the body; the interceptor checks the target
                // job's owner, which needs the parsed request.
                o.Interceptors.Add<AccessInterceptor>();
                o.Interceptors.Add<ErrorInterceptor>();
                o.MaxReceiveMessageSize = options.MaxMessageBytes;
                o.MaxSendMessageSize = options.MaxMessageBytes;
            });
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.Listen(bind, options.Port, Configure);
                if (socket != null)
                {
                    k.ListenUnixSocket(socket.BindPath, Configure);
                }

                // One limit for both layers: a request body is one gRPC message and its 5-byte prefix. Kestrel's
                // default (30 MB) would refuse 30-100 MB specs with an UNKNOWN error before gRPC sees them.
                k.Limits.MaxRequestBodySize = (long)options.MaxMessageBytes + MessageSizeGuard.GrpcPrefixBytes;
            });
            var app = builder.Build();
            // Access before size, and both before the body is read: a refused caller's message is never read.
            app.Use(new AccessGate(policy, logger).InvokeAsync);
            app.Use(new MessageSizeGuard(options.MaxMessageBytes, logger).InvokeAsync);
            app.MapGrpcService<JobService>();
            app.MapGrpcService<LayerService>();
            app.MapGrpcService<FrameService>();
            app.MapGrpcService<DependService>();
            app.MapGrpcService<CueService>();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            socket?.Publish();
            var uri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
                .First(a => !a.Contains("unix:", StringComparison.Ordinal)));
            var address = options.BindAddress + ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            HostingLog.Listening(logger, address, options.InMemory ? "memory" : options.StateDirectory);
            if (socket != null)
            {
                HostingLog.SocketListening(logger, "unix:" + socket.Path);
            }

            HostingLog.AccessRule(logger, policy.Who());
            return new LocalCuebot(app, scheduler, launcher, store, socket, ownedRunner, address, options);
        }
        catch
        {
            await scheduler.DisposeAsync().ConfigureAwait(false);
            store.Dispose();
            socket?.Dispose();
            ownedRunner?.Dispose();
            throw;
        }
    }

    /// <summary>Every listener: HTTP/2, and the caller's identity on each connection.</summary>
    private static void Configure(ListenOptions listen)
    {
        listen.Protocols = HttpProtocols.Http2;
        listen.Use(PeerIdentityMiddleware.Create);
    }

    /// <summary>Stops serving, stops running frames (they run again at the next start) and closes the database.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _socket?.Dispose();
        await _scheduler.DisposeAsync().ConfigureAwait(false);
        _store.Dispose();

        // The frames are stopped: the runner's empty base directory of private frame directories goes too.
        _ownedRunner?.Dispose();
    }
}
