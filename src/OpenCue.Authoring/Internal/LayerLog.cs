using Microsoft.Extensions.Logging;

namespace OpenCue.Authoring.Internal;

// Event ids 12xx (every range of this assembly: LogEventIds.cs).

/// <summary>What <see cref="Layer"/> logs.</summary>
internal static partial class LayerLog
{
    [LoggerMessage(EventId = 1201, EventName = nameof(EnvOverwritten), Level = LogLevel.Warning, Message = "Overwriting env var {Key} of layer {Layer}: {Old} -> {New}")]
    public static partial void EnvOverwritten(ILogger logger, string key, string layer, string old, string @new);

    [LoggerMessage(EventId = 1202, EventName = nameof(DuplicateDependSkipped), Level = LogLevel.Information, Message = "Skipping duplicated depend {Layer} on {OnLayer}")]
    public static partial void DuplicateDependSkipped(ILogger logger, string layer, string onLayer);

    [LoggerMessage(EventId = 1203, EventName = nameof(SelfDependSkipped), Level = LogLevel.Information, Message = "Skipping depend of {Layer} on itself")]
    public static partial void SelfDependSkipped(ILogger logger, string layer);

    [LoggerMessage(EventId = 1204, EventName = nameof(AddingDepend), Level = LogLevel.Information, Message = "Adding depend {Layer} on {OnLayer}")]
    public static partial void AddingDepend(ILogger logger, string layer, string onLayer);

    [LoggerMessage(EventId = 1205, EventName = nameof(PropagatingDepend), Level = LogLevel.Information, Message = "Propagating depend {Layer} -> {OnLayer}")]
    public static partial void PropagatingDepend(ILogger logger, string layer, string onLayer);

    [LoggerMessage(EventId = 1206, EventName = nameof(NoSuchDepend), Level = LogLevel.Warning, Message = "Layer {Layer} has no depend {Depend} to remove")]
    public static partial void NoSuchDepend(ILogger logger, string layer, Depend depend);
}
