using System;
using System.Globalization;

namespace OpenCue.Authoring.Validation.Internal;

/// <summary>Cores, memory, GPUs and timeouts, read the way Cuebot reads them.</summary>
internal static class ResourceRules
{
    private static readonly char[] UnitLetters = { 'm', 'M', 'g', 'G' };

    public static void Check(ValidationContext context, Layer layer)
    {
        CheckCores(context, layer);
        CheckMemory(context, layer);
        CheckGpus(context, layer);
        CheckTimeout(context, layer, "timeout", layer.Timeout);
        CheckTimeout(context, layer, "timeout_llu", layer.TimeoutLlu);
    }

    private static void CheckCores(ValidationContext context, Layer layer)
    {
        if (layer.MinCores is double cores)
        {
            if (double.IsNaN(cores) || double.IsInfinity(cores) || Math.Abs(cores) > 1e6)
            {
                context.Error(ValidationCodes.Cores, layer, Text(cores), "Min cores must be a finite number of cores.");
                return;
            }

            var written = CueUnits.FormatCores(cores);
            CueUnits.TryParseCores(written, out var points);
            if (Math.Abs(Math.Round(cores, 1) - cores) > 1e-9 || !context.RememberCoresCheck(cores, written, IsOneDecimalText))
            {
                context.Warning(ValidationCodes.Cores, layer, Text(cores), "Cores are written with one decimal, as PyOutline does: " + written + ".");
            }

            if (cores > 0 && points <= 0)
            {
                context.Error(ValidationCodes.Cores, layer, Text(cores), "Written as " + written + ", which Cuebot reads as 'book a whole idle host'; use at least 0.1 cores, or 0 to mean a whole host.");
            }
            else if (points >= CueUnits.CorePointsReservedMax && cores > CueUnits.CorePointsReservedMax / 100.0)
            {
                context.Warning(ValidationCodes.Cores, layer, Text(cores), "Cuebot lowers min cores above 24 to 24.");
            }
            else if (cores == 0)
            {
                context.Warning(ValidationCodes.Cores, layer, Text(cores), "Min cores 0 books a whole, idle host for each frame.");
            }
            else if (cores < 0)
            {
                context.Warning(ValidationCodes.Cores, layer, Text(cores), "Negative min cores book all of an idle host's cores but " + Text(-cores) + ".");
            }
        }

        if (layer.MaxCores is double max)
        {
            if (double.IsNaN(max) || double.IsInfinity(max) || max < 0)
            {
                context.Error(ValidationCodes.Cores, layer, Text(max), "Max cores must be zero (no limit) or a positive number of cores.");
            }
            else if (layer.MinCores is double min && min > 0 && max > 0 && max < min)
            {
                context.Error(ValidationCodes.Cores, layer, Text(max), "Max cores is below min cores (" + Text(min) + ").");
            }
        }
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    // Whether written is what .NET's "0.0" format makes of cores (compared without allocating where the runtime allows).
    private static bool IsOneDecimalText(double cores, string written)
    {
#if NET
        System.Span<char> buffer = stackalloc char[64];
        if (cores.TryFormat(buffer, out var length, "0.0", CultureInfo.InvariantCulture))
        {
            return System.MemoryExtensions.SequenceEqual(buffer.Slice(0, length), written.AsSpan());
        }
#endif
        return written == cores.ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static void CheckMemory(ValidationContext context, Layer layer)
    {
        if (string.IsNullOrEmpty(layer.Memory))
        {
            return;
        }

        var memory = layer.Memory!;
        if (!CueUnits.TryParseMemory(memory, out var kb, out var error))
        {
            context.Error(ValidationCodes.Memory, layer, memory, "Cuebot cannot read the memory value: " + error + ".");
            return;
        }

        // Cuebot looks for 'm' or 'g' in the lower-cased text; nothing but 'M' and 'G' lower-cases to those.
        if (memory.IndexOfAny(UnitLetters) < 0)
        {
            context.Warning(ValidationCodes.Memory, layer, memory,
                "A bare number is gigabytes to Cuebot (" + memory + " GB); write a unit, e.g. " + memory + "m for megabytes.");
        }

        if (kb > CueUnits.MemoryReservedMaxKb)
        {
            context.Error(ValidationCodes.Memory, layer, memory, "More than 50 GB per frame (" + (kb / 1024).ToString(CultureInfo.InvariantCulture) +
                " MB): Cuebot keeps the value but never books such a frame.");
        }
        else if (kb < CueUnits.MemoryReservedMinKb)
        {
            context.Warning(ValidationCodes.Memory, layer, memory, "Cuebot raises min memory below 256 MB to 256 MB.");
        }
    }

    private static void CheckGpus(ValidationContext context, Layer layer)
    {
        var uses = layer.MinGpus.GetValueOrDefault() != 0 || !string.IsNullOrEmpty(layer.GpuMemory);
        if (layer.MinGpus.HasValue && layer.MinGpus.Value < 0)
        {
            context.Error(ValidationCodes.Gpu, layer, layer.MinGpus.Value.ToString(CultureInfo.InvariantCulture), "Min GPUs cannot be negative.");
        }

        if (!string.IsNullOrEmpty(layer.GpuMemory))
        {
            if (!CueUnits.TryParseMemory(layer.GpuMemory, out var kb, out var error))
            {
                context.Error(ValidationCodes.Gpu, layer, layer.GpuMemory, "Cuebot would silently replace an unreadable GPU memory value by 0: " + error + ".");
            }
            else if (kb > CueUnits.GpuMemoryReservedMaxKb)
            {
                context.Error(ValidationCodes.Gpu, layer, layer.GpuMemory, "Cuebot would silently replace GPU memory above 100 GB by 0.");
            }
        }

        if (uses && !context.Options.Version.SupportsGpus)
        {
            context.Warning(ValidationCodes.SpecVersion, layer, context.Options.Version.ToString(), "GPU requirements need cjsl 1.12 or later and are left out.");
        }
    }

    private static void CheckTimeout(ValidationContext context, Layer layer, string what, int? minutes)
    {
        if (minutes.HasValue && minutes.Value < 0)
        {
            context.Error(ValidationCodes.Timeout, layer, minutes.Value.ToString(CultureInfo.InvariantCulture), "The " + what + " (minutes) cannot be negative; 0 means none.");
        }
    }
}
