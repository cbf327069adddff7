using System;
using System.Globalization;

namespace OpenCue.Cli.Internal;

/// <summary>How values look in tables and messages.</summary>
internal static class Format
{
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Cores: <c>1</c>, <c>0.5</c>, <c>2.25</c>.</summary>
    public static string Cores(double cores) => cores.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Memory given in KB: <c>512M</c>, <c>4G</c>, <c>3.3G</c>.</summary>
    public static string MemoryKb(long kilobytes)
    {
        if (kilobytes <= 0)
        {
            return "0";
        }

        var mb = kilobytes / 1024.0;
        return mb >= 1024
            ? (mb / 1024).ToString("0.#", CultureInfo.InvariantCulture) + "G"
            : Math.Round(mb).ToString("0", CultureInfo.InvariantCulture) + "M";
    }

    /// <summary>A duration as <c>H:MM:SS</c>.</summary>
    public static string Duration(TimeSpan value)
    {
        var seconds = (long)Math.Max(0, Math.Round(value.TotalSeconds));
        return (seconds / 3600).ToString(CultureInfo.InvariantCulture) + ":" + (seconds / 60 % 60).ToString("00", CultureInfo.InvariantCulture) + ":" +
            (seconds % 60).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>An enum value as Cuebot's upper-case name: <c>SUCCEEDED</c>, <c>PENDING</c>.</summary>
    public static string State(Enum state) => state.ToString().ToUpperInvariant();

    /// <summary>The host of Cuebot's <c>last_resource</c> (<c>host/cores/gpus</c>).</summary>
    public static string Host(string? lastResource)
    {
        if (string.IsNullOrEmpty(lastResource))
        {
            return string.Empty;
        }

        var slash = lastResource!.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? lastResource : lastResource.Substring(0, slash);
    }

    /// <summary><c>1 frame</c>, <c>2 frames</c>.</summary>
    public static string Count(int count, string noun) => Number(count) + " " + noun + (count == 1 ? string.Empty : "s");
}
