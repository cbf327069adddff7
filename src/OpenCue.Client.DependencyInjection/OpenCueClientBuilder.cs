using System;
using System.Collections.Generic;
using Microsoft.Extensions.DependencyInjection;

namespace OpenCue.Client;

/// <summary>
/// What <c>AddOpenCueClient</c> registered, to refine: the HTTP pipeline of the channels
/// (<see cref="HttpClient"/>) and hosts known only once the application has started (<see cref="UseHosts"/>).
/// </summary>
public sealed class OpenCueClientBuilder
{
    internal OpenCueClientBuilder(IServiceCollection services, IHttpClientBuilder httpClient)
    {
        Services = services;
        HttpClient = httpClient;
    }

    /// <summary>The services the client was added to.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// The named HTTP client (<see cref="OpenCueClientServiceCollectionExtensions.HttpClientName"/>) whose handler
    /// pipeline every channel uses: add delegating handlers (<c>AddHttpMessageHandler</c>) or replace the primary
    /// handler here. Not used for <c>unix:</c> hosts, nor when <see cref="CueClientOptions.HttpHandler"/> is set.
    /// </summary>
    public IHttpClientBuilder HttpClient { get; }

    internal Func<IServiceProvider, IEnumerable<string>>? Hosts { get; private set; }

    /// <summary>
    /// Hosts read when the client makes its first call rather than when the options are built: for a server
    /// whose address is known only once the application has started, such as a LocalCue hosted in it
    /// (<c>UseHosts(sp =&gt; new[] { sp.GetRequiredService&lt;LocalCueEndpoint&gt;().Address })</c>). They are
    /// added to the configured <see cref="CueClientOptions.Hosts"/>; if reading them fails, the call fails and
    /// the next call reads them again.
    /// </summary>
    /// <param name="hosts">The hosts, <c>host:port</c> or <c>unix:PATH</c>.</param>
    /// <returns>This builder.</returns>
    public OpenCueClientBuilder UseHosts(Func<IServiceProvider, IEnumerable<string>> hosts)
    {
        Hosts = hosts ?? throw new ArgumentNullException(nameof(hosts));
        return this;
    }
}
