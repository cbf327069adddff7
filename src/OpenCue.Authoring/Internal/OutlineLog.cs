using Microsoft.Extensions.Logging;

namespace OpenCue.Authoring.Internal;

// Event ids 11xx (every range of this assembly: LogEventIds.cs).

/// <summary>What <see cref="Outline"/> logs.</summary>
internal static partial class OutlineLog
{
    [LoggerMessage(EventId = 1101, EventName = nameof(EnvOverwritten), Level = LogLevel.Warning, Message = "Overwriting outline env var {Key}: {Old} -> {New}")]
    public static partial void EnvOverwritten(ILogger logger, string key, string old, string @new);

    [LoggerMessage(EventId = 1102, EventName = nameof(LayerAlreadyAdded), Level = LogLevel.Information, Message = "The layer {Layer} was already added to this outline")]
    public static partial void LayerAlreadyAdded(ILogger logger, string layer);

    [LoggerMessage(EventId = 1103, EventName = nameof(AddingLayer), Level = LogLevel.Information, Message = "Adding layer {Layer}")]
    public static partial void AddingLayer(ILogger logger, string layer);

    [LoggerMessage(EventId = 1104, EventName = nameof(InvalidRequire), Level = LogLevel.Warning, Message = "Invalid layer in depend {Require} of {Layer}, skipping")]
    public static partial void InvalidRequire(ILogger logger, string require, string layer);
}
