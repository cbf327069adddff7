using System;
using System.Collections.Generic;

namespace OpenCue.LocalCue.Intake;

/// <summary>A service (Cuebot's <c>service</c> table row): the defaults a layer naming it starts from.</summary>
internal sealed class ServiceDefinition
{
    /// <summary>Creates a service with Cuebot's column defaults (one core, 3355443 KB, nothing else).</summary>
    /// <param name="name">The service name, matched exactly.</param>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public ServiceDefinition(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A service needs a name.", nameof(name));
        }

        Name = name;
    }

    /// <summary>The service name.</summary>
    public string Name { get; }

    /// <summary>Whether layers of this service are threadable.</summary>
    public bool Threadable { get; init; }

    /// <summary>Min core points (100 = one core).</summary>
    public int MinCorePoints { get; init; } = 100;

    /// <summary>Max core points (0 = no limit).</summary>
    public int MaxCorePoints { get; init; }

    /// <summary>Min memory in KB.</summary>
    public long MinMemoryKb { get; init; } = 3355443;

    /// <summary>Min GPUs.</summary>
    public int MinGpus { get; init; }

    /// <summary>Max GPUs.</summary>
    public int MaxGpus { get; init; }

    /// <summary>Min GPU memory in KB.</summary>
    public long MinGpuMemoryKb { get; init; }

    /// <summary>Tags, e.g. <c>general</c>, <c>util</c>.</summary>
    public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>();

    /// <summary>Frame timeout in minutes (0 = none).</summary>
    public int TimeoutMinutes { get; init; }

    /// <summary>Timeout since the last log update in minutes (0 = none).</summary>
    public int TimeoutLluMinutes { get; init; }
}
