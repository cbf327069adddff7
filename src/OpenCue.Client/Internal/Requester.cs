using System;

namespace OpenCue.Client.Internal;

/// <summary>Who asks for a kill: pycue sends the login user, the process id and the host name, plus a reason.</summary>
internal static class Requester
{
    public static string User => Environment.GetEnvironmentVariable("USER") is { Length: > 0 } user ? user : Environment.UserName;

    public static string Pid => Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Host => Environment.MachineName;

    /// <summary>Cuebot ignores a kill without a reason (and answers OK), so one is always sent.</summary>
    public static string Reason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "Killed by " + User + " on " + Host + " via OpenCue.Client" : reason!;

    public static DateTimeOffset? Time(int epochSeconds) => epochSeconds <= 0 ? null : DateTimeOffset.FromUnixTimeSeconds(epochSeconds);

    /// <summary>pycue's runTime: 0 before start, now - start while running, stop - start after.</summary>
    public static TimeSpan RunTime(int start, int stop, DateTimeOffset now)
    {
        if (start <= 0)
        {
            return TimeSpan.Zero;
        }

        var end = stop <= 0 ? now.ToUnixTimeSeconds() : stop;
        return TimeSpan.FromSeconds(Math.Max(0, end - start));
    }
}
