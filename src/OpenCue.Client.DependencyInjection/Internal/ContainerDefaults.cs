using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpenCue.Client.Internal;

/// <summary>Options left unset take the container's logger and meter factories.</summary>
internal sealed class ContainerDefaults : IPostConfigureOptions<CueClientOptions>
{
    private readonly ILoggerFactory? _loggers;
    private readonly IMeterFactory? _meters;

    public ContainerDefaults(ILoggerFactory? loggers = null, IMeterFactory? meters = null)
    {
        _loggers = loggers;
        _meters = meters;
    }

    public void PostConfigure(string? name, CueClientOptions options)
    {
        options.LoggerFactory ??= _loggers;
        options.MeterFactory ??= _meters;
    }
}
