using Microsoft.Extensions.Logging;

namespace OpenCue.Client.Internal;

// Event ids 22xx (every range of this assembly: LogEventIds.cs).

/// <summary>What finding and calling the Cuebot hosts (<see cref="CueConnection"/>, <see cref="CueHostResolver"/>) logs.</summary>
internal static partial class ConnectionLog
{
    [LoggerMessage(EventId = 2201, EventName = nameof(UnknownFacility), Level = LogLevel.Warning, Message = "Facility {Facility} is not in the pycue config ({Source}); using {Default}")]
    public static partial void UnknownFacility(ILogger logger, string facility, string? source, string @default);

    [LoggerMessage(EventId = 2202, EventName = nameof(ConfigRead), Level = LogLevel.Debug, Message = "Read pycue config {File}")]
    public static partial void ConfigRead(ILogger logger, string file);

    [LoggerMessage(EventId = 2203, EventName = nameof(HostsFound), Level = LogLevel.Debug, Message = "Cuebot hosts from {Source}: {Hosts}")]
    public static partial void HostsFound(ILogger logger, string source, string hosts);

    [LoggerMessage(EventId = 2204, EventName = nameof(HostUnavailable), Level = LogLevel.Warning, Message = "Cuebot {Host} unavailable for {Method} ({Detail}); trying the next host")]
    public static partial void HostUnavailable(ILogger logger, string host, string method, string detail);
}
