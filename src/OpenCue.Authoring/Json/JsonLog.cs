using Microsoft.Extensions.Logging;

namespace OpenCue.Authoring.Json;

// Event ids 13xx (every range of this assembly: LogEventIds.cs).

/// <summary>What reading PyOutline JSON (<see cref="PyOutlineJson"/>) logs.</summary>
internal static partial class JsonLog
{
    [LoggerMessage(EventId = 1301, EventName = nameof(CoresAndThreads), Level = LogLevel.Warning, Message = "Layer {Layer} has both cores and threads; using cores")]
    public static partial void CoresAndThreads(ILogger logger, string layer);
}
