using System;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpenCue.LocalCue.Hosting;

/// <summary>
/// The hosted LocalCue's options: unset loggers and meters are the container's; checked when the host starts
/// by the options' own rules (<see cref="LocalCueOptions.Validate"/>).
/// </summary>
internal sealed class LocalCueOptionsSetup : IPostConfigureOptions<LocalCueOptions>, IValidateOptions<LocalCueOptions>
{
    private readonly ILoggerFactory? _loggers;
    private readonly IMeterFactory? _meters;

    public LocalCueOptionsSetup(ILoggerFactory? loggers = null, IMeterFactory? meters = null)
    {
        _loggers = loggers;
        _meters = meters;
    }

    public void PostConfigure(string? name, LocalCueOptions options)
    {
        options.LoggerFactory ??= _loggers;
        options.MeterFactory ??= _meters;
    }

    public ValidateOptionsResult Validate(string? name, LocalCueOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
