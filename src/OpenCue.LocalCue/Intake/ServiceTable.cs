using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace OpenCue.LocalCue.Intake;

/// <summary>
/// The services a spec's layers can name, looked up by exact name. It always holds a
/// <c>default</c> service: Cuebot gives it to layers none of whose services exist.
/// </summary>
internal sealed class ServiceTable
{
    /// <summary>The name of the service used when none of a layer's services exists.</summary>
    public const string DefaultServiceName = "default";

    private readonly Dictionary<string, ServiceDefinition> _byName;

    /// <summary>Creates a table.</summary>
    /// <param name="services">The services; one of them must be named <c>default</c>.</param>
    /// <exception cref="ArgumentException">A name is repeated or <c>default</c> is missing.</exception>
    public ServiceTable(IEnumerable<ServiceDefinition> services)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        var list = services.ToList();
        _byName = new Dictionary<string, ServiceDefinition>(StringComparer.Ordinal);
        foreach (var service in list)
        {
            if (!_byName.TryAdd(service.Name, service))
            {
                throw new ArgumentException("The service '" + service.Name + "' is defined twice.", nameof(services));
            }
        }

        if (!_byName.ContainsKey(DefaultServiceName))
        {
            throw new ArgumentException("A service table needs a 'default' service.", nameof(services));
        }

        Services = list.AsReadOnly();
    }

    /// <summary>
    /// Cuebot's seed services (<c>seed_data.sql</c>): default, prman, arnold, shell, maya, houdini,
    /// katana, nuke, preprocess, postprocess. Max cores, GPUs, GPU memory and timeouts are 0.
    /// </summary>
    public static ServiceTable Default { get; } = new ServiceTable(new[]
    {
        Seed("default", false, 100, 3355443, "general", "desktop"),
        Seed("prman", false, 100, 3355443, "general", "desktop"),
        Seed("arnold", true, 100, 3355443, "general", "desktop"),
        Seed("shell", false, 100, 3355443, "general", "util"),
        Seed("maya", false, 100, 2097152, "general", "desktop"),
        Seed("houdini", false, 100, 3355443, "general", "desktop"),
        Seed("katana", true, 100, 2097152, "general", "desktop", "util"),
        Seed("nuke", false, 100, 2097152, "general", "desktop"),
        Seed("preprocess", false, 10, 393216, "util"),
        Seed("postprocess", false, 10, 524288, "util"),
    });

    /// <summary>The services, in the order given.</summary>
    public IReadOnlyList<ServiceDefinition> Services { get; }

    /// <summary>Looks a service up by its exact name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="service">The service, when it exists.</param>
    /// <returns><see langword="true"/> when it exists.</returns>
    public bool TryGet(string? name, [NotNullWhen(true)] out ServiceDefinition? service)
    {
        service = null;
        return name != null && _byName.TryGetValue(name, out service);
    }

    /// <summary>A copy of this table with <paramref name="service"/> added, or replacing the one of the same name.</summary>
    /// <param name="service">The service.</param>
    /// <returns>The new table.</returns>
    public ServiceTable With(ServiceDefinition service)
    {
        if (service is null)
        {
            throw new ArgumentNullException(nameof(service));
        }

        var replaced = false;
        var list = new List<ServiceDefinition>();
        foreach (var existing in Services)
        {
            if (string.Equals(existing.Name, service.Name, StringComparison.Ordinal))
            {
                list.Add(service);
                replaced = true;
            }
            else
            {
                list.Add(existing);
            }
        }

        if (!replaced)
        {
            list.Add(service);
        }

        return new ServiceTable(list);
    }

    private static ServiceDefinition Seed(string name, bool threadable, int minCorePoints, long minMemoryKb, params string[] tags) =>
        new ServiceDefinition(name) { Threadable = threadable, MinCorePoints = minCorePoints, MinMemoryKb = minMemoryKb, Tags = tags };
}
