using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OpenCue.Authoring.FrameSets.Internal;

/// <summary>
/// Parses one section <c>text[start..end)</c> of a frame range. The shape is checked first
/// ("unrecognized frame range syntax"), then each integer's 32-bit range, then the step,
/// which is the order in which Cuebot's <c>FrameRange</c> reports problems.
/// </summary>
internal static class SectionParser
{
    public static bool TryParse(
        string text,
        int start,
        int end,
        out FrameRangeSection section,
        [NotNullWhen(false)] out string? error)
    {
        section = default;
        int position = start;
        if (!NumberToken.TryScan(text, ref position, end, out NumberToken first))
        {
            error = Unrecognized(text, start, end);
            return false;
        }

        if (position == end)
        {
            if (!CheckRange(text, start, end, first, "frame number", out error))
            {
                return false;
            }

            section = FrameRangeSection.Single((int)first.Value);
            return true;
        }

        position++;
        if (text[position - 1] != '-' || !NumberToken.TryScan(text, ref position, end, out NumberToken last))
        {
            error = Unrecognized(text, start, end);
            return false;
        }

        if (position == end)
        {
            if (!CheckRange(text, start, end, first, "frame number", out error)
                || !CheckRange(text, start, end, last, "frame number", out error))
            {
                return false;
            }

            section = FrameRangeSection.Simple((int)first.Value, (int)last.Value);
            return true;
        }

        char separator = text[position++];
        FrameRangeSectionKind kind;
        switch (separator)
        {
            case 'x':
                kind = FrameRangeSectionKind.Stepped;
                break;
            case 'y':
                kind = FrameRangeSectionKind.InverseStepped;
                break;
            case ':':
                kind = FrameRangeSectionKind.Interleaved;
                break;
            default:
                error = Unrecognized(text, start, end);
                return false;
        }

        if (!NumberToken.TryScan(text, ref position, end, out NumberToken step) || position != end)
        {
            error = Unrecognized(text, start, end);
            return false;
        }

        if (!CheckRange(text, start, end, first, "frame number", out error)
            || !CheckRange(text, start, end, last, "frame number", out error)
            || !CheckRange(text, start, end, step, "step", out error))
        {
            return false;
        }

        int a = (int)first.Value;
        int b = (int)last.Value;
        int s = (int)step.Value;
        if (!ValidateStep(text, start, end, a, b, s, out error))
        {
            return false;
        }

        section = FrameRangeSection.WithStep(kind, a, b, s);
        return true;
    }

    // Cuebot's rule: zero is refused; a step above 1 needs end >= start; a negative step needs
    // end < start. A step of exactly 1 is accepted either way (and is empty when end < start).
    private static bool ValidateStep(string text, int start, int end, int a, int b, int s, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (s == 0)
        {
            error = "step cannot be zero in " + Where(text, start, end);
        }
        else if (s > 1 && b < a)
        {
            error = string.Format(
                CultureInfo.InvariantCulture,
                "end frame {0} is less than start frame {1} with positive step {2} in {3}",
                b,
                a,
                s,
                Where(text, start, end));
        }
        else if (s < 0 && b >= a)
        {
            error = string.Format(
                CultureInfo.InvariantCulture,
                "end frame {0} is not less than start frame {1} with negative step {2} in {3}",
                b,
                a,
                s,
                Where(text, start, end));
        }

        return error == null;
    }

    private static bool CheckRange(string text, int start, int end, NumberToken token, string what, [NotNullWhen(false)] out string? error)
    {
        if (token.FitsInt32)
        {
            error = null;
            return true;
        }

        error = what + " " + ErrorText.Quote(text, token.Start, token.End)
            + " is outside the 32-bit integer range in " + Where(text, start, end);
        return false;
    }

    private static string Unrecognized(string text, int start, int end)
    {
        string message = "unrecognized frame range syntax " + ErrorText.Quote(text, start, end)
            + " in " + ErrorText.Quote(text);
        for (int i = start; i < end; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return message + " (whitespace is not allowed)";
            }
        }

        return message;
    }

    // "'1-10x0'" when the section is the whole text, else "section '1-10x0' of '1,1-10x0'".
    private static string Where(string text, int start, int end) =>
        start == 0 && end == text.Length
            ? ErrorText.Quote(text)
            : "section " + ErrorText.Quote(text, start, end) + " of " + ErrorText.Quote(text);
}
