using System;
using System.Globalization;
using System.Numerics;
using System.Threading;

namespace OpenCue.Authoring;

/// <summary>
/// Cuebot's units, in one place: memory text to kilobytes, core text to core points, and the
/// limits Cuebot applies when a spec is launched.
/// </summary>
internal static class CueUnits
{
    /// <summary>Kilobytes in a gigabyte (Cuebot's <c>CueUtil.GB</c>).</summary>
    public const long KilobytesPerGigabyte = 1048576;

    /// <summary>The least memory Cuebot reserves for a frame: 256 MB (<c>dispatcher.memory.mem_reserved_min</c>).</summary>
    public const long MemoryReservedMinKb = 262144;

    /// <summary>The most memory Cuebot books for a frame: 50 GB (<c>dispatcher.memory.mem_reserved_max</c>).</summary>
    public const long MemoryReservedMaxKb = 52428800;

    /// <summary>The most GPU memory Cuebot accepts: 100 GB (<c>mem_gpu_reserved_max</c>).</summary>
    public const long GpuMemoryReservedMaxKb = 104857600;

    /// <summary>The least GPU memory Cuebot reserves: 0 KB (<c>dispatcher.memory.mem_gpu_reserved_min</c>).</summary>
    public const long GpuMemoryReservedMinKb = 0;

    /// <summary>Core points below this (and above 0) are replaced by one core (<c>CORE_POINTS_RESERVED_MIN</c>).</summary>
    public const int CorePointsReservedMin = 10;

    /// <summary>Core points Cuebot uses instead of a value under <see cref="CorePointsReservedMin"/> (one core).</summary>
    public const int CorePointsReservedDefault = 100;

    /// <summary>The most core points a layer can ask for: 24 cores (<c>CORE_POINTS_RESERVED_MAX</c>).</summary>
    public const int CorePointsReservedMax = 2400;

    // FormatCores keeps the texts of 0.0 to 99.9 cores once made.
    private const int CachedTenths = 1000;

    private static readonly string?[] s_tenths = new string?[CachedTenths];

    /// <summary>
    /// Reads a memory value as Cuebot's <c>convertMemoryInput</c> does, on the trimmed lower-cased
    /// text: containing <c>m</c> means megabytes (a decimal number before the last <c>m</c>);
    /// else containing <c>g</c> means whole gigabytes; else the bare integer is <b>gigabytes</b>.
    /// </summary>
    /// <param name="text">The memory text as written in the spec (<c>8192m</c>, <c>8g</c>).</param>
    /// <param name="kilobytes">The value in KB, when it can be read.</param>
    /// <param name="error">Why it cannot, otherwise.</param>
    /// <returns><see langword="true"/> when Cuebot can read the value.</returns>
    public static bool TryParseMemory(string? text, out long kilobytes, out string error)
    {
        kilobytes = 0;
        var value = (text ?? string.Empty).Trim().ToLowerInvariant();
        if (value.Length == 0)
        {
            error = "memory is empty";
            return false;
        }

        var m = value.LastIndexOf('m');
        if (m == value.Length - 1 && TryParseWholeMegabytes(value, m, out kilobytes))
        {
            error = string.Empty;
            return true;
        }

        if (m >= 0)
        {
            // Like Java's Double.valueOf on the text before the last 'm' (what follows is ignored).
#if NET
            var number = value.AsSpan(0, m).Trim();
#else
            var number = value.Substring(0, m).Trim();
#endif
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var megabytes) ||
                double.IsNaN(megabytes) || double.IsInfinity(megabytes))
            {
                error = "'" + text + "' is not a number of megabytes (use e.g. 4096m)";
                return false;
            }

            kilobytes = (long)(megabytes * 1024);
            error = string.Empty;
            return true;
        }

        // Java's Long.valueOf does not trim: "4 g" fails on Cuebot.
        var g = value.LastIndexOf('g');
        var integer = g >= 0 ? value.Substring(0, g) : value;
        if (!long.TryParse(integer, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var gigabytes) ||
            gigabytes > long.MaxValue / KilobytesPerGigabyte || gigabytes < long.MinValue / KilobytesPerGigabyte)
        {
            error = g >= 0
                ? "'" + text + "' is not a whole number of gigabytes (Cuebot cannot read fractions of 'g'; use megabytes, e.g. 1536m)"
                : "'" + text + "' is not a memory value (use megabytes, e.g. 4096m, or gigabytes, e.g. 4g)";
            return false;
        }

        kilobytes = gigabytes * KilobytesPerGigabyte;
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// Reads a <c>&lt;cores&gt;</c> value as Cuebot's <c>determineMinimumCores</c> does: text with a
    /// <c>.</c> is cores (rounded to core points); text without one is already core points (so
    /// <c>4</c> means 0.04 cores). Points between 0 and <see cref="CorePointsReservedMin"/> become one
    /// core; points above <see cref="CorePointsReservedMax"/> become 24 cores; zero and negatives are kept.
    /// </summary>
    /// <param name="text">The text of the element.</param>
    /// <param name="corePoints">The core points (100 = one core).</param>
    /// <returns><see langword="true"/> when the text is a number Cuebot can read.</returns>
    public static bool TryParseCores(string? text, out int corePoints)
    {
        corePoints = 0;
        var value = (text ?? string.Empty).Trim();
        int points;
        if (value.IndexOf('.') >= 0)
        {
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var cores))
            {
                return false;
            }

            points = value.IndexOf('-') >= 0 ? (int)(cores * 100 - 0.5) : (int)(cores * 100 + 0.5);
        }
        else if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out points))
        {
            return false;
        }

        corePoints = ClampCorePoints(points);
        return true;
    }

    /// <summary>Cores as core points, rounded as Cuebot rounds a <c>&lt;cores&gt;</c> value with a decimal point, then clamped.</summary>
    /// <param name="cores">Cores (may be fractional or negative).</param>
    /// <returns>Core points.</returns>
    public static int CoresToCorePoints(double cores) =>
        TryParseCores(FormatCores(cores), out var points) ? points : throw new ArgumentOutOfRangeException(nameof(cores), cores, "Not a finite number of cores.");

    /// <summary>Formats cores as PyOutline writes them (<c>"%0.1f"</c>): <c>4</c> becomes <c>4.0</c>.</summary>
    /// <param name="cores">The cores.</param>
    /// <returns>The text for <c>&lt;cores&gt;</c>.</returns>
    public static string FormatCores(double cores)
    {
        if (double.IsNaN(cores) || double.IsInfinity(cores))
        {
            throw new ArgumentOutOfRangeException(nameof(cores), cores, "Not a finite number of cores.");
        }

        return FormatCoresFast(cores) ?? FormatCoresExact(cores);
    }

    /// <summary>
    /// <see cref="FormatCores"/> when <c>cores * 10</c>, rounded to a double, is a whole number below
    /// 2^51, else null. Then the exact product is within an eighth of that whole number, so rounding
    /// it to tenths (half to even or any other way) gives that number: the result is what
    /// <see cref="FormatCoresExact"/> computes, without big integers. Tenths 0.0 to 99.9 are cached.
    /// </summary>
    internal static string? FormatCoresFast(double cores)
    {
        var scaled = cores * 10;
        if (!(Math.Abs(scaled) < 2251799813685248.0) || scaled != Math.Floor(scaled))
        {
            return null;
        }

        var tenths = (long)Math.Abs(scaled);
        if (BitConverter.DoubleToInt64Bits(cores) < 0)
        {
            // Negative, or -0.0: Python keeps the sign ("-0.0").
            return "-" + TenthsText(tenths);
        }

        if (tenths < CachedTenths)
        {
            var cached = Volatile.Read(ref s_tenths[tenths]);
            if (cached is null)
            {
                cached = TenthsText(tenths);
                Volatile.Write(ref s_tenths[tenths], cached);
            }

            return cached;
        }

        return TenthsText(tenths);
    }

    /// <summary>
    /// <see cref="FormatCores"/> the long way: Python rounds the exact binary value half to even, so
    /// 0.15 (really 0.1499...) gives 0.1 and 0.45 gives 0.5, which decimal or double arithmetic
    /// cannot be trusted to reproduce.
    /// </summary>
    internal static string FormatCoresExact(double cores)
    {
        var bits = BitConverter.DoubleToInt64Bits(cores);
        var negative = bits < 0;
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        exponent -= 1075;
        BigInteger tenths;
        if (exponent >= 0)
        {
            tenths = new BigInteger(mantissa) * 10 * BigInteger.Pow(2, exponent);
        }
        else
        {
            var denominator = BigInteger.Pow(2, -exponent);
            var quotient = BigInteger.DivRem(new BigInteger(mantissa) * 10, denominator, out var remainder);
            var twice = remainder * 2;
            if (twice > denominator || (twice == denominator && !quotient.IsEven))
            {
                quotient += 1;
            }

            tenths = quotient;
        }

        var whole = BigInteger.DivRem(tenths, 10, out var fraction);
        return (negative ? "-" : string.Empty) + whole.ToString(CultureInfo.InvariantCulture) + "." + fraction.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Reads a flag as Cuebot's <c>Convert.stringToBool</c> does (spec <c>paused</c>, <c>autoeat</c>,
    /// <c>threadable</c>, <c>depend@anyframe</c>): <c>true</c>, <c>yes</c>, <c>1</c> or <c>on</c> in any
    /// case are true; anything else, including <see langword="null"/> and surrounding spaces, is false.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The flag.</returns>
    public static bool StringToBool(string? text)
    {
        switch (text?.ToLowerInvariant())
        {
            case "true":
            case "yes":
            case "1":
            case "on":
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Whole cores to core points as Cuebot stores a job's <c>&lt;maxcores&gt;</c>
    /// (<c>Convert.coresToWholeCoreUnits</c>): <c>-1</c> stays <c>-1</c>; otherwise
    /// <c>(int)((cores x 100 + 0.5) / 100) x 100</c> in single precision, truncated toward zero
    /// (<c>4</c> gives 400, <c>-5</c> gives -400). Results beyond the range of <see cref="int"/> are
    /// clamped (Java would wrap).
    /// </summary>
    /// <param name="cores">Whole cores.</param>
    /// <returns>Core points.</returns>
    public static int WholeCoresToCorePoints(int cores)
    {
        if (cores == -1)
        {
            return -1;
        }

        float scaled = ((float)cores * 100.0f) + 0.5f;
        float whole = scaled / 100.0f;
        double points = Math.Truncate((double)whole) * 100.0;
        if (points >= int.MaxValue)
        {
            return int.MaxValue;
        }

        return points <= int.MinValue ? int.MinValue : (int)points;
    }

    // "NNNNm" with 1 to 15 digits: what the general path computes, exactly (such numbers are exact
    // doubles, and times 1024 too), without parsing a double.
    private static bool TryParseWholeMegabytes(string value, int digits, out long kilobytes)
    {
        kilobytes = 0;
        if (digits < 1 || digits > 15)
        {
            return false;
        }

        long megabytes = 0;
        for (var i = 0; i < digits; i++)
        {
            var c = value[i];
            if (c < '0' || c > '9')
            {
                return false;
            }

            megabytes = (megabytes * 10) + (c - '0');
        }

        kilobytes = megabytes * 1024;
        return true;
    }

    private static string TenthsText(long tenths) =>
        (tenths / 10).ToString(CultureInfo.InvariantCulture) + "." + (tenths % 10).ToString(CultureInfo.InvariantCulture);

    private static int ClampCorePoints(int points)
    {
        if (points > 0 && points < CorePointsReservedMin)
        {
            return CorePointsReservedDefault;
        }

        return points > CorePointsReservedMax ? CorePointsReservedMax : points;
    }
}
