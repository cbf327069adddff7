using Microsoft.Extensions.Logging;

namespace OpenCue.Authoring.Specs.Internal;

// Event ids 14xx (every range of this assembly: LogEventIds.cs).

/// <summary>What writing the XML job spec (<see cref="SpecWriter"/>) logs.</summary>
internal static partial class SpecLog
{
    [LoggerMessage(EventId = 1401, EventName = nameof(ValidationWarning), Level = LogLevel.Warning, Message = "{Problem}")]
    public static partial void ValidationWarning(ILogger logger, string problem);

    [LoggerMessage(EventId = 1402, EventName = nameof(LayerOutsideRange), Level = LogLevel.Information, Message = "Skipping layer {Layer}: its range {Range} does not intersect the outline range {OutlineRange}")]
    public static partial void LayerOutsideRange(ILogger logger, string layer, string? range, string? outlineRange);
}
