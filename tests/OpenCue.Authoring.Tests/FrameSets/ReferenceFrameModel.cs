using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenCue.Authoring.Tests.FrameSets;

/// <summary>
/// A deliberately naive model of Cuebot's frame range behaviour, used as an oracle by the
/// property tests: regular expressions, filtering loops and list searches, no cleverness.
/// </summary>
internal static class ReferenceFrameModel
{
    private static readonly Regex SingleForm = new Regex(@"\A(-?[0-9]+)\z", RegexOptions.CultureInvariant);
    private static readonly Regex SimpleForm = new Regex(@"\A(-?[0-9]+)-(-?[0-9]+)\z", RegexOptions.CultureInvariant);
    private static readonly Regex StepForm = new Regex(@"\A(-?[0-9]+)-(-?[0-9]+)([xy])(-?[0-9]+)\z", RegexOptions.CultureInvariant);
    private static readonly Regex InterleaveForm = new Regex(@"\A(-?[0-9]+)-(-?[0-9]+):(-?[0-9]+)\z", RegexOptions.CultureInvariant);

    /// <summary>The frames of a range, or null when the range is invalid.</summary>
    public static List<int>? Parse(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var frames = new List<int>();
        foreach (string section in text.Split(','))
        {
            List<int>? part = ParseSection(section);
            if (part is null)
            {
                return null;
            }

            frames.AddRange(part);
        }

        return frames;
    }

    private static List<int>? ParseSection(string section)
    {
        Match m = SingleForm.Match(section);
        if (m.Success)
        {
            return TryInt(m.Groups[1].Value, out int n) ? new List<int> { n } : null;
        }

        m = SimpleForm.Match(section);
        if (m.Success)
        {
            if (!TryInt(m.Groups[1].Value, out int a) || !TryInt(m.Groups[2].Value, out int b))
            {
                return null;
            }

            return Range(a, b, b >= a ? 1 : -1);
        }

        m = StepForm.Match(section);
        if (m.Success)
        {
            if (!TryInt(m.Groups[1].Value, out int a) || !TryInt(m.Groups[2].Value, out int b)
                || !TryInt(m.Groups[4].Value, out int s) || !StepIsValid(a, b, s))
            {
                return null;
            }

            List<int> stepped = Range(a, b, s);
            if (m.Groups[3].Value == "x")
            {
                return stepped;
            }

            return Range(a, b, s < 0 ? -1 : 1).Where(f => !stepped.Contains(f)).ToList();
        }

        m = InterleaveForm.Match(section);
        if (m.Success)
        {
            if (!TryInt(m.Groups[1].Value, out int a) || !TryInt(m.Groups[2].Value, out int b)
                || !TryInt(m.Groups[3].Value, out int s) || !StepIsValid(a, b, s))
            {
                return null;
            }

            var result = new List<int>();
            for (; s != 0; s /= 2)
            {
                foreach (int f in Range(a, b, s))
                {
                    if (!result.Contains(f))
                    {
                        result.Add(f);
                    }
                }
            }

            return result;
        }

        return null;
    }

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static bool StepIsValid(int a, int b, int s) =>
        s != 0 && !(s > 1 && b < a) && !(s < 0 && b >= a);

    // Every n between the bounds with (n - a) divisible by the step, walked from a.
    private static List<int> Range(int a, int b, int step)
    {
        var list = new List<int>();
        if (step > 0)
        {
            for (long n = a; n <= b; n++)
            {
                if ((n - a) % step == 0)
                {
                    list.Add((int)n);
                }
            }
        }
        else
        {
            for (long n = b; n <= a; n++)
            {
                if ((n - a) % step == 0)
                {
                    list.Add((int)n);
                }
            }

            list.Reverse();
        }

        return list;
    }

    /// <summary>Chunk-start frames: distinct in first-occurrence order, every c-th; c above the raw count gives the first frame.</summary>
    public static List<int> ChunkStarts(IReadOnlyList<int> frames, int chunkSize)
    {
        if (chunkSize > 1 && chunkSize > frames.Count)
        {
            return new List<int> { frames[0] };
        }

        var distinct = new List<int>();
        foreach (int f in frames)
        {
            if (!distinct.Contains(f))
            {
                distinct.Add(f);
            }
        }

        return distinct.Where((f, i) => i % chunkSize == 0).ToList();
    }

    /// <summary>The raw slice a chunk runs: from the first position of the frame, chunkSize entries.</summary>
    public static List<int> ChunkFrames(IReadOnlyList<int> frames, int startFrame, int chunkSize)
    {
        int position = frames.ToList().IndexOf(startFrame);
        return frames.Skip(position).Take(chunkSize).ToList();
    }

    /// <summary>
    /// What Cuebot's chunk encoder writes for a list without repeated frames, or null where
    /// Cuebot's text would describe other frames. Described as observed: greedy runs from the
    /// left; a run of 3+ frames or of step 1 is written as a range; a two-frame run with
    /// another step writes its first frame, after which frames are written on their own until
    /// a frame one above the frame two places back (see below).
    /// </summary>
    public static string? CuebotFormatDistinct(IReadOnlyList<int> frames)
    {
        var parts = new List<string>();
        int i = 0;
        while (i < frames.Count)
        {
            if (i == frames.Count - 1)
            {
                parts.Add(Text(frames[i]));
                break;
            }

            long step = (long)frames[i + 1] - frames[i];
            int j = i + 1;
            while (j + 1 < frames.Count && (long)frames[j + 1] - frames[j] == step)
            {
                j++;
            }

            if (j - i + 1 >= 3 || step == 1)
            {
                parts.Add(Text(frames[i]) + "-" + Text(frames[j]) + (step == 1 ? string.Empty : "x" + step.ToString(CultureInfo.InvariantCulture)));
                i = j + 1;
                continue;
            }

            // Single-number mode: each frame on its own until a frame is one above the frame
            // two places back; Cuebot then writes the two pending frames as "b-c", which is
            // right only when c = b - 1, and starts over with greedy runs.
            parts.Add(Text(frames[i]));
            int k = i + 1;
            while (k < frames.Count)
            {
                if (k + 2 < frames.Count && (long)frames[k + 2] - frames[k] == 1)
                {
                    if ((long)frames[k + 1] != (long)frames[k] - 1)
                    {
                        return null;
                    }

                    parts.Add(Text(frames[k]) + "-" + Text(frames[k + 1]));
                    k += 2;
                    break;
                }

                parts.Add(Text(frames[k]));
                k++;
            }

            i = k;
        }

        return string.Join(",", parts);
    }

    private static string Text(int frame) => frame.ToString(CultureInfo.InvariantCulture);
}
