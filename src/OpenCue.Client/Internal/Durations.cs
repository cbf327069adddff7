using System;
using System.Globalization;

namespace OpenCue.Client.Internal;

/// <summary>Durations in messages: <c>0.5 s</c>, <c>2.05 s</c>, <c>61 s</c>.</summary>
internal static class Durations
{
    public static string Format(TimeSpan span) =>
        span.TotalSeconds.ToString(span.TotalSeconds < 10 ? "0.##" : "0", CultureInfo.InvariantCulture) + " s";
}
