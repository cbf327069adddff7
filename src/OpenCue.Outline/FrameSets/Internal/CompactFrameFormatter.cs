using System.Globalization;
using System.Text;

namespace OpenCue.Outline.FrameSets.Internal
{
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
    /// </remarks>
    internal static class CompactFrameFormatter
    {
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

            var builder = new StringBuilder(count * 4);
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

            return builder.ToString();
        }

        private static void AppendSingle(StringBuilder builder, long frame)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(frame.ToString(CultureInfo.InvariantCulture));
        }

        private static void AppendRun(StringBuilder builder, long first, long last, long step)
        {
            AppendSingle(builder, first);
            builder.Append('-').Append(last.ToString(CultureInfo.InvariantCulture));
            if (step != 1)
            {
                builder.Append('x').Append(step.ToString(CultureInfo.InvariantCulture));
            }
        }
    }
}
