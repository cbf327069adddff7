using System;
using System.Globalization;

namespace OpenCue.Outline.Validation.Internal
{
    /// <summary>Cores, memory, GPUs and timeouts, read the way Cuebot reads them.</summary>
    internal static class ResourceRules
    {
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
                var text = cores.ToString(CultureInfo.InvariantCulture);
                if (double.IsNaN(cores) || double.IsInfinity(cores) || Math.Abs(cores) > 1e6)
                {
                    context.Error(ValidationCodes.Cores, layer, text, "Min cores must be a finite number of cores.");
                    return;
                }

                var written = CueUnits.FormatCores(cores);
                CueUnits.TryParseCores(written, out var points);
                if (written != cores.ToString("0.0", CultureInfo.InvariantCulture) || Math.Abs(Math.Round(cores, 1) - cores) > 1e-9)
                {
                    context.Warning(ValidationCodes.Cores, layer, text, "Cores are written with one decimal, as PyOutline does: " + written + ".");
                }

                if (cores > 0 && points <= 0)
                {
                    context.Error(ValidationCodes.Cores, layer, text, "Written as " + written + ", which Cuebot reads as 'book a whole idle host'; use at least 0.1 cores, or 0 to mean a whole host.");
                }
                else if (points >= CueUnits.CorePointsReservedMax && cores > CueUnits.CorePointsReservedMax / 100.0)
                {
                    context.Warning(ValidationCodes.Cores, layer, text, "Cuebot lowers min cores above 24 to 24.");
                }
                else if (cores == 0)
                {
                    context.Warning(ValidationCodes.Cores, layer, text, "Min cores 0 books a whole, idle host for each frame.");
                }
                else if (cores < 0)
                {
                    context.Warning(ValidationCodes.Cores, layer, text, "Negative min cores book all of an idle host's cores but " + (-cores).ToString(CultureInfo.InvariantCulture) + ".");
                }
            }

            if (layer.MaxCores is double max)
            {
                var text = max.ToString(CultureInfo.InvariantCulture);
                if (double.IsNaN(max) || double.IsInfinity(max) || max < 0)
                {
                    context.Error(ValidationCodes.Cores, layer, text, "Max cores must be zero (no limit) or a positive number of cores.");
                }
                else if (layer.MinCores is double min && min > 0 && max > 0 && max < min)
                {
                    context.Error(ValidationCodes.Cores, layer, text, "Max cores is below min cores (" + min.ToString(CultureInfo.InvariantCulture) + ").");
                }
            }
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

            var lower = memory.Trim().ToLowerInvariant();
            if (lower.IndexOf('m') < 0 && lower.IndexOf('g') < 0)
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
}
