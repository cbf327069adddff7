using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OpenCue.Authoring.FrameSets.Internal;

/// <summary>
/// Parses Cuebot's frame range grammar: comma-separated sections, each <c>N</c>, <c>A-B</c>,
/// <c>A-BxS</c>, <c>A-ByS</c> or <c>A-B:S</c>, integers with an optional leading <c>-</c>,
/// ASCII digits only, nothing else (no whitespace, no <c>+</c>, no empty section).
/// </summary>
internal static class FrameRangeParser
{
    public static bool TryParse(
        string text,
        int maxCount,
        [NotNullWhen(true)] out int[]? frames,
        [NotNullWhen(false)] out string? error)
    {
        frames = null;
        if (text.Length == 0)
        {
            error = "frame range is empty";
            return false;
        }

        var sections = new List<FrameRangeSection>();
        long total = 0;
        int sectionStart = 0;
        int sectionNumber = 0;
        while (true)
        {
            int sectionEnd = text.IndexOf(',', sectionStart);
            if (sectionEnd < 0)
            {
                sectionEnd = text.Length;
            }

            sectionNumber++;
            if (sectionEnd == sectionStart)
            {
                error = string.Format(
                    CultureInfo.InvariantCulture,
                    "empty frame range section (section {0}) in {1}",
                    sectionNumber,
                    ErrorText.Quote(text));
                return false;
            }

            if (!SectionParser.TryParse(text, sectionStart, sectionEnd, out FrameRangeSection section, out error))
            {
                return false;
            }

            total += section.Count;
            if (total > maxCount)
            {
                error = string.Format(
                    CultureInfo.InvariantCulture,
                    "frame range {0} expands to more than {1} frames",
                    ErrorText.Quote(text),
                    maxCount);
                return false;
            }

            sections.Add(section);
            if (sectionEnd == text.Length)
            {
                break;
            }

            sectionStart = sectionEnd + 1;
        }

        if (total == 0)
        {
            frames = System.Array.Empty<int>();
            error = null;
            return true;
        }

        var result = new int[total];
        int offset = 0;
        foreach (FrameRangeSection section in sections)
        {
            section.CopyTo(result, offset);
            offset += (int)section.Count;
        }

        frames = result;
        error = null;
        return true;
    }
}
