using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenCue.LocalCue;
using OpenCue.LocalCue.Hosting;

// Microsoft's guidance for libraries: registration methods live in this namespace, so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Runs a LocalCue inside an application's generic host (a test fixture, a studio service, a desktop tool).</summary>
public static class LocalCueServiceCollectionExtensions
{
    /// <summary>
    /// Runs LocalCue as a hosted service: it starts with the host (options validated first; a bad one stops the
    /// start naming it) and stops with it, leaving signals to the host. Inject <see cref="LocalCueEndpoint"/>
    /// for its address once started. Unset <see cref="LocalCueOptions.LoggerFactory"/> and
    /// <see cref="LocalCueOptions.MeterFactory"/> are the container's.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (port, state directory, cores ...).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddLocalCue(this IServiceCollection services, Action<LocalCueOptions> configure)
    {
        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        AddCore(services).Configure(configure);
        return services;
    }

    /// <summary>
    /// Runs LocalCue as a hosted service with its options bound from a configuration section (<c>Port</c>,
    /// <c>StateDirectory</c>, <c>Cores</c>, <c>AllowedUsers</c> as an array ...); otherwise as
    /// <see cref="AddLocalCue(IServiceCollection, Action{LocalCueOptions})"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="LocalCueOptions"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddLocalCue(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration is null)
        {
            throw new ArgumentNullException(nameof(configuration));
        }

        AddCore(services).Bind(configuration);
        return services;
    }

    private static OptionsBuilder<LocalCueOptions> AddCore(IServiceCollection services)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        var options = services.AddOptions<LocalCueOptions>();
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<LocalCueOptions>, LocalCueOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalCueOptions>, LocalCueOptionsSetup>());
        services.TryAddSingleton(_ => new LocalCueEndpoint());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LocalCueHostedService>());
        return options;
    }
}
