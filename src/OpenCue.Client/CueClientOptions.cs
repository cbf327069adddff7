using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Net.Http;
using Microsoft.Extensions.Logging;
using OpenCue.Authoring.Internal;

namespace OpenCue.Client;

/// <summary>
/// How to reach Cuebot. Hosts come from <see cref="Hosts"/>, else env <c>CUEBOT_HOSTS</c>, else
/// pycue's <c>opencue.yaml</c> (env <c>OPENCUE_CONFIG_FILE</c>, <c>OPENCUE_CONF</c>, then
/// <c>~/.config/opencue/opencue.yaml</c>) for the facility in <see cref="Facility"/>, env
/// <c>CUEBOT_FACILITY</c> or the file's <c>cuebot.facility_default</c>.
/// </summary>
public sealed class CueClientOptions
{
    /// <summary>Cuebot's gRPC port when a host names none (pycue's <c>cuebot.grpc_port</c>).</summary>
    public const int DefaultGrpcPort = CueGrpc.DefaultPort;

    /// <summary>Cuebot's gRPC message size limit, used for both directions (<c>cuebot.max_message_bytes</c>).</summary>
    public const int DefaultMaxMessageBytes = CueGrpc.MaxMessageBytes;

    /// <summary>
    /// Cuebot hosts, <c>host</c> or <c>host:port</c>, or <c>unix:/path/to/socket</c> for a Unix domain socket
    /// (LocalCue's <c>--socket</c>; plaintext, <see cref="HttpHandler"/> not used); empty to use the environment and pycue's config.
    /// </summary>
    public IList<string> Hosts { get; } = new List<string>();

    /// <summary>The facility whose hosts pycue's config lists; <see langword="null"/> for env <c>CUEBOT_FACILITY</c> or the config default.</summary>
    public string? Facility { get; set; }

    /// <summary>A pycue config file to read instead of the usual locations.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>The port for hosts that name none; <see langword="null"/> uses the config's <c>cuebot.grpc_port</c> (8443).</summary>
    public int? Port { get; set; }

    /// <summary>Use TLS (https). Cuebot serves plaintext HTTP/2 by default.</summary>
    public bool UseTls { get; set; }

    /// <summary>
    /// The default of <see cref="CallDeadline"/>: 20 seconds. Cuebot answers queries and job actions
    /// in milliseconds, and its slowest ordinary call (a page of 500 frames, every job of a show)
    /// in a few seconds even when loaded; 20 s leaves ample room for that while a server that
    /// accepts connections but never answers is reported well within a minute.
    /// </summary>
    public static readonly TimeSpan DefaultCallDeadline = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The default of <see cref="LaunchDeadline"/>: 2 minutes. A launch parses the spec and creates
    /// every layer and frame of the job before it answers: LocalCue launches a 100,000-frame job in
    /// about a second, Cuebot (which writes the frames to PostgreSQL) is slower, so two minutes is
    /// headroom for the largest jobs, not a typical time; a silent server is given up on after it.
    /// </summary>
    public static readonly TimeSpan DefaultLaunchDeadline = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Deadline of each ordinary call (default <see cref="DefaultCallDeadline"/>, 20 s); a call not
    /// answered in time fails with <see cref="CueDeadlineExceededException"/>. pycue's "10000 ms" is
    /// really 10,000 seconds; this is not.
    /// </summary>
    public TimeSpan CallDeadline { get; set; } = DefaultCallDeadline;

    /// <summary>
    /// Deadline of launch calls, which parse and create the whole job (default
    /// <see cref="DefaultLaunchDeadline"/>, 2 minutes). When a launch's answer is lost, the job is
    /// looked up by name before it is sent again; that lookup waits at most the smaller of this
    /// and <see cref="CallDeadline"/>.
    /// </summary>
    public TimeSpan LaunchDeadline { get; set; } = DefaultLaunchDeadline;

    /// <summary>Largest message sent or received (default Cuebot's 100 MiB).</summary>
    public int MaxMessageBytes { get; set; } = DefaultMaxMessageBytes;

    /// <summary>Shuffle the hosts before first use, as pycue does, to spread clients over Cuebots (default true).</summary>
    public bool ShuffleHosts { get; set; } = true;

    /// <summary>
    /// How many extra rounds over the host list an idempotent call makes when every host is
    /// unavailable, with backoff (100, 200, 400 ... 1600 ms, as pycue). Default 3.
    /// </summary>
    public int UnavailableRetries { get; set; } = 3;

    /// <summary>Frames fetched per page when listing frames (pycue's default limit, 500).</summary>
    public int FramePageSize { get; set; } = 500;

    /// <summary>Where the client logs (default: nowhere).</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Where the client's metrics are created (<see cref="CueClientTelemetry"/>); <see langword="null"/> for a
    /// process-wide meter. <c>AddOpenCueClient</c> sets it to the container's factory.
    /// </summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>
    /// One HTTP/2 handler shared by the channels to every TCP host (proxies, certificates, tests). The
    /// caller owns it: the client never disposes it, so it must outlive every <see cref="CueApi"/> using
    /// it. Set this or <see cref="HttpHandlerFactory"/>, not both. When neither is set: a
    /// <c>SocketsHttpHandler</c> on .NET 8 and later; on .NET Framework, gRPC's default
    /// <c>WinHttpHandler</c> (gRPC over WinHTTP needs a Windows with HTTP/2 trailers: Windows 11 or
    /// Windows Server 2022; this client makes unary calls only, which Server 2022's partial support
    /// covers); Unity and Mono have no HTTP/2 handler of their own, so there a factory is required.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>
    /// Makes the HTTP/2 handler of each channel (one channel per TCP host): for example
    /// <c>() =&gt; new WinHttpHandler()</c> on .NET Framework, a Unity-capable HTTP/2 handler, or
    /// gRPC-Web by wrapping a handler in <c>Grpc.Net.Client.Web.GrpcWebHandler</c> (behind a proxy
    /// that translates it). The client owns what it returns and disposes it with the
    /// <see cref="CueApi"/>. Not used for <c>unix:</c> hosts, which have their own handler.
    /// </summary>
    public Func<HttpMessageHandler>? HttpHandlerFactory { get; set; }

    /// <summary>Checks the options; called when a client is created.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (CallDeadline <= TimeSpan.Zero)
        {
            problems.Add("CallDeadline must be positive (was " + CallDeadline + ")");
        }

        if (LaunchDeadline <= TimeSpan.Zero)
        {
            problems.Add("LaunchDeadline must be positive (was " + LaunchDeadline + ")");
        }

        if (MaxMessageBytes < 1024)
        {
            problems.Add("MaxMessageBytes must be at least 1024 (was " + MaxMessageBytes + ")");
        }

        if (Port is int port && (port < 1 || port > 65535))
        {
            problems.Add("Port must be 1-65535 (was " + port + ")");
        }

        if (UnavailableRetries < 0)
        {
            problems.Add("UnavailableRetries cannot be negative (was " + UnavailableRetries + ")");
        }

        if (HttpHandler is not null && HttpHandlerFactory is not null)
        {
            problems.Add("set HttpHandler (shared, the caller's) or HttpHandlerFactory (one per channel, the client's), not both");
        }

        if (FramePageSize < 1)
        {
            problems.Add("FramePageSize must be at least 1 (was " + FramePageSize + "); Cuebot returns nothing for a limit of 0");
        }

        foreach (var host in Hosts)
        {
            if (string.IsNullOrWhiteSpace(host))
            {
                problems.Add("Hosts contains a blank entry");
            }
            else if (Internal.UnixSocketHost.IsUnixSocket(host))
            {
                if (Internal.UnixSocketHost.Problem(host) is string problem)
                {
                    problems.Add("Hosts: " + problem);
                }
            }
            else if (host.Contains("://", StringComparison.Ordinal))
            {
                problems.Add("Hosts are host or host:port, without a scheme (was '" + host + "'; set UseTls for https)");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid CueClientOptions: " + string.Join("; ", problems) + ".");
        }
    }
}
