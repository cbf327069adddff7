using System;
using System.Globalization;
using System.Text;

namespace OpenCue.Authoring.FrameSets.Internal;

/// <summary>
/// Writes a frame list the way Cuebot writes a chunk's <c>#FRAMESPEC#</c>: greedy arithmetic
/// runs in list order, <c>a-b</c> for step 1, <c>a-bxS</c> for any other step (negative too),
/// <c>n</c> for a lone frame, and a two-frame run whose step is not 1 as two numbers.
/// </summary>
/// <remarks>
/// Cuebot's encoder has a quirk that is reproduced here because it shows in real command
/// lines: once a two-frame run with a step other than 1 has been broken, it keeps writing
/// single numbers (<c>91,103,104</c>, not <c>91,103-104</c>) until a frame is one above the
/// first of the two pending ones, which then become <c>b-c</c> (<c>13,11-10,12-2x-5</c>).
/// Where Cuebot's encoder loses or invents frames (repeated frames, some unsorted lists) this
/// one writes single numbers instead, so that parsing the output always gives back the same
/// frames in the same order.
/// <para>
/// A list that is one arithmetic run (every chunk of an ordinary range) is written straight
/// into a small per-thread buffer; anything else goes through one reused per-thread builder.
/// Numbers are written digit by digit, so nothing is allocated but the result.
/// </para>
/// </remarks>
internal static class CompactFrameFormatter
{
    // Builders that grew beyond this many characters (a long irregular list) are not kept.
    private const int MaxKeptBuilderCapacity = 4096;

    // "-2147483648--2147483648x-4294967295" is 35 characters; longs up to 20 digits and a sign.
    private const int BufferLength = 64;

    [ThreadStatic]
    private static char[]? t_buffer;

    [ThreadStatic]
    private static StringBuilder? t_builder;

    private enum State
    {
        /// <summary>One frame pending: <c>runStart</c>.</summary>
        Fresh,

        /// <summary>An arithmetic run <c>runStart..runLast</c> of <c>runCount</c> (at least 2) frames, non-zero step.</summary>
        Run,

        /// <summary>Two frames pending after a broken two-frame run: <c>runStart</c>, <c>runLast</c>.</summary>
        Pairs,
    }

    public static string Format(int[] frames, int start, int count)
    {
        if (count <= 0)
        {
            return string.Empty;
        }

        if (count == 1)
        {
            return frames[start].ToString(CultureInfo.InvariantCulture);
        }

        return TryFormatRun(frames, start, count) ?? FormatGeneral(frames, start, count);
    }

    // The list is one arithmetic run with a non-zero step: what the state machine below writes
    // for it ("a-b", "a-bxS", or "a,b" for two frames whose step is not 1), else null.
    private static string? TryFormatRun(int[] frames, int start, int count)
    {
        long first = frames[start];
        long previous = frames[start + 1];
        long step = previous - first;
        if (step == 0)
        {
            return null;
        }

        int end = start + count;
        for (int i = start + 2; i < end; i++)
        {
            long frame = frames[i];
            if (frame - previous != step)
            {
                return null;
            }

            previous = frame;
        }

        char[] buffer = Buffer();
        int length = WriteNumber(buffer, 0, first);
        if (count == 2 && step != 1)
        {
            buffer[length++] = ',';
            length = WriteNumber(buffer, length, previous);
        }
        else
        {
            buffer[length++] = '-';
            length = WriteNumber(buffer, length, previous);
            if (step != 1)
            {
                buffer[length++] = 'x';
                length = WriteNumber(buffer, length, step);
            }
        }

        return new string(buffer, 0, length);
    }

    private static string FormatGeneral(int[] frames, int start, int count)
    {
        StringBuilder builder = t_builder ?? new StringBuilder(64);
        t_builder = null;
        builder.Clear();
        State state = State.Fresh;
        long runStart = frames[start];
        long runLast = runStart;
        long step = 0;
        int runCount = 1;
        int end = start + count;
        for (int i = start + 1; i < end; i++)
        {
            long frame = frames[i];
            switch (state)
            {
                case State.Fresh:
                    if (frame == runStart)
                    {
                        AppendSingle(builder, runStart);
                        runStart = frame;
                    }
                    else
                    {
                        state = State.Run;
                        step = frame - runStart;
                        runLast = frame;
                        runCount = 2;
                    }

                    break;

                case State.Run:
                    if (frame - runLast == step)
                    {
                        runLast = frame;
                        runCount++;
                    }
                    else if (runCount >= 3 || step == 1)
                    {
                        AppendRun(builder, runStart, runLast, step);
                        state = State.Fresh;
                        runStart = frame;
                    }
                    else
                    {
                        AppendSingle(builder, runStart);
                        state = State.Pairs;
                        runStart = runLast;
                        runLast = frame;
                    }

                    break;

                default:
                    // Cuebot leaves this mode only when a frame is one above the first of
                    // the pending two, writing those two as "b-c"; that text is right only
                    // when they are adjacent (b+1 repeated, or b then b-1).
                    if (frame == runStart + 1 && (runLast == runStart + 1 || runLast == runStart - 1))
                    {
                        AppendRun(builder, runStart, runLast, 1);
                        state = State.Fresh;
                        runStart = frame;
                    }
                    else
                    {
                        AppendSingle(builder, runStart);
                        runStart = runLast;
                        runLast = frame;
                    }

                    break;
            }
        }

        if (state == State.Fresh)
        {
            AppendSingle(builder, runStart);
        }
        else if (state == State.Pairs || (runCount == 2 && step != 1))
        {
            AppendSingle(builder, runStart);
            AppendSingle(builder, runLast);
        }
        else
        {
            AppendRun(builder, runStart, runLast, step);
        }

        string text = builder.ToString();
        if (builder.Capacity <= MaxKeptBuilderCapacity)
        {
            t_builder = builder;
        }

        return text;
    }

    private static void AppendSingle(StringBuilder builder, long frame)
    {
        if (builder.Length > 0)
        {
            builder.Append(',');
        }

        AppendNumber(builder, frame);
    }

    private static void AppendRun(StringBuilder builder, long first, long last, long step)
    {
        AppendSingle(builder, first);
        builder.Append('-');
        AppendNumber(builder, last);
        if (step != 1)
        {
            builder.Append('x');
            AppendNumber(builder, step);
        }
    }

    private static void AppendNumber(StringBuilder builder, long value)
    {
        char[] buffer = Buffer();
        builder.Append(buffer, 0, WriteNumber(buffer, 0, value));
    }

    private static char[] Buffer() => t_buffer ??= new char[BufferLength];

    // Writes value in invariant decimal (a leading '-' when negative) at position; returns the end.
    // Values here are frames or differences of frames, far from long.MinValue.
    private static int WriteNumber(char[] buffer, int position, long value)
    {
        ulong magnitude;
        if (value < 0)
        {
            buffer[position++] = '-';
            magnitude = (ulong)(-value);
        }
        else
        {
            magnitude = (ulong)value;
        }

        int digits = 1;
        for (ulong rest = magnitude / 10; rest != 0; rest /= 10)
        {
            digits++;
        }

        int end = position + digits;
        int p = end;
        do
        {
            buffer[--p] = (char)('0' + (int)(magnitude % 10));
            magnitude /= 10;
        }
        while (magnitude != 0);

        return end;
    }
}
