using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OpenCue.Authoring;

namespace OpenCue.Client.Tests.Support;

/// <summary>An <see cref="ILogger"/> (and factory) that keeps every entry.</summary>
public sealed class ListLogger : ILogger, ILoggerFactory
{
    private readonly List<(LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToList();
            }
        }
    }

    public IEnumerable<string> Warnings => Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, formatter(state, exception)));
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}

/// <summary>An <see cref="IProgress{T}"/> that records reports on the caller's thread (unlike <see cref="Progress{T}"/>).</summary>
public sealed class SyncProgress<T> : IProgress<T>
{
    private readonly List<T> _reports = new();

    public IReadOnlyList<T> Reports
    {
        get
        {
            lock (_reports)
            {
                return _reports.ToList();
            }
        }
    }

    public void Report(T value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
    }
}

public static class TestNet
{
    /// <summary>A loopback address on which nothing listens (a port that was just free), so connections are refused.</summary>
    public static string DeadHost()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return "127.0.0.1:" + port;
    }

    /// <summary>A client for the given hosts, tried in order, with test-friendly retry settings.</summary>
    public static CueApi Client(params string[] hosts) => Client(_ => { }, hosts);

    public static CueApi Client(Action<CueClientOptions> configure, params string[] hosts)
    {
        var options = new CueClientOptions { ShuffleHosts = false, UnavailableRetries = 0 };
        foreach (var host in hosts)
        {
            options.Hosts.Add(host);
        }

        configure(options);
        return new CueApi(options);
    }

    /// <summary>A guard against hangs: generous, never part of an assertion.</summary>
    public static CancellationToken HangGuard() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}

/// <summary>Outlines used by the launch tests; build a new one for each use (launching mutates it).</summary>
public static class TestOutlines
{
    public const string JobName = "testing-sh010-jdoe_client_test";

    public static Outline TwoLayers(string name = "Client-Test")
    {
        var outline = new Outline(name, shot: "sh010", show: "testing", user: "jdoe");
        outline.AddLayer(new OpenCue.Authoring.Shell("Render-Beauty", new[] { "echo", "#IFRAME#" }).SetFrameRange("1-10"));
        outline.AddLayer(new OpenCue.Authoring.Shell("comp", new[] { "echo", "comp", "#IFRAME#" }).SetFrameRange("1-10").SetChunk(5));
        return outline;
    }

    /// <summary>Launch options through an existing API, with a valid uid and a short poll interval.</summary>
    public static LaunchOptions Options(CueApi api, ILogger? logger = null) => new()
    {
        Api = api,
        Uid = 1000,
        PollInterval = TimeSpan.FromMilliseconds(50),
        Logger = logger,
    };
}
