using System;
using System.Net.Http;
using System.Threading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenCue.Client;
using OpenCue.Client.Internal;

// Microsoft's guidance for libraries: registration methods live in this namespace, so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OpenCue.Client's <see cref="CueApi"/> with a service collection.</summary>
public static class OpenCueClientServiceCollectionExtensions
{
    /// <summary>The name of the HTTP client whose handler pipeline the channels use: <c>OpenCue.Client</c>.</summary>
    public const string HttpClientName = "OpenCue.Client";

    /// <summary>
    /// Registers one <see cref="CueApi"/> for the application (a singleton, disposed with the container) with
    /// the default options, which find Cuebot as pycue does (env <c>CUEBOT_HOSTS</c>, then pycue's
    /// <c>opencue.yaml</c>); options set elsewhere (<c>services.Configure&lt;CueClientOptions&gt;</c>) are
    /// validated when the host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>A builder to refine the registration.</returns>
    public static OpenCueClientBuilder AddOpenCueClient(this IServiceCollection services) => AddCore(services);

    /// <summary>
    /// Registers one <see cref="CueApi"/> for the application (a singleton, disposed with the container),
    /// configured by <paramref name="configure"/> and validated when the host starts: a bad host or deadline
    /// stops the start with an <see cref="OptionsValidationException"/> that names it.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options: hosts, deadlines, TLS.</param>
    /// <returns>A builder to refine the registration.</returns>
    public static OpenCueClientBuilder AddOpenCueClient(this IServiceCollection services, Action<CueClientOptions> configure)
    {
        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        var builder = AddCore(services);
        services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Registers one <see cref="CueApi"/> for the application with its options bound from a configuration
    /// section (e.g. <c>configuration.GetSection("OpenCue")</c>: <c>Hosts</c> as an array, <c>CallDeadline</c>
    /// as <c>00:00:20</c>, ...), then validated when the host starts. A value that cannot be converted, or an
    /// invalid one, stops the start with a message naming it. Code can still adjust the bound options
    /// (<c>services.PostConfigure&lt;CueClientOptions&gt;</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="CueClientOptions"/>.</param>
    /// <returns>A builder to refine the registration.</returns>
    public static OpenCueClientBuilder AddOpenCueClient(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration is null)
        {
            throw new ArgumentNullException(nameof(configuration));
        }

        var builder = AddCore(services);
        services.AddOptions<CueClientOptions>().Bind(configuration);
        services.AddSingleton(new BoundSection(configuration is IConfigurationSection section ? section.Path : "(root)"));
        return builder;
    }

    private static OpenCueClientBuilder AddCore(IServiceCollection services)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        services.AddOptions<CueClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CueClientOptions>, CueClientOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<CueClientOptions>, ContainerDefaults>());

        var httpClient = services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(CueHttpHandler.Create)
            // A channel keeps its handler for the client's life; expiring it would only leak unused copies.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        var existing = FindBuilder(services);
        if (existing is not null)
        {
            return existing;
        }

        var builder = new OpenCueClientBuilder(services, httpClient);
        services.AddSingleton(builder);
        services.TryAddSingleton(sp =>
        {
            // The client's own copy of the options (validated again here): hosts read at first use are added to it.
            var options = sp.GetRequiredService<IOptionsFactory<CueClientOptions>>().Create(Options.Options.DefaultName);
            options.HttpHandler ??= sp.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(HttpClientName);
            var hosts = builder.Hosts;
            return new CueApi(options, hosts is null ? null : () => hosts(sp));
        });
        return builder;
    }

    private static OpenCueClientBuilder? FindBuilder(IServiceCollection services)
    {
        foreach (var service in services)
        {
            if (service.ServiceType == typeof(OpenCueClientBuilder) && service.ImplementationInstance is OpenCueClientBuilder builder)
            {
                return builder;
            }
        }

        return null;
    }
}
