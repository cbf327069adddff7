namespace OpenCue.Authoring.FrameSets.Internal;

/// <summary>The shape of one comma-separated section of a frame range.</summary>
internal enum FrameRangeSectionKind
{
    /// <summary><c>N</c>, or <c>A-B</c> / <c>A-BxS</c>: A toward B by S.</summary>
    Stepped,

    /// <summary><c>A-ByS</c>: the unit-step frames of A..B that <c>A-BxS</c> would not list.</summary>
    InverseStepped,

    /// <summary><c>A-B:S</c>: passes of step S, S/2, ... 1 from A, each adding unseen frames (Cuebot order).</summary>
    Interleaved,
}

/// <summary>
/// One validated section of a frame range. Knows how many frames it expands to and writes
/// them straight into a shared destination array, so parsing never allocates per frame.
/// </summary>
internal readonly struct FrameRangeSection
{
    private readonly FrameRangeSectionKind _kind;
    private readonly int _start;
    private readonly int _end;
    private readonly int _step;

    private FrameRangeSection(FrameRangeSectionKind kind, int start, int end, int step)
    {
        _kind = kind;
        _start = start;
        _end = end;
        _step = step;
        Count = ComputeCount(kind, start, end, step);
    }

    /// <summary>The number of frames this section expands to.</summary>
    public long Count { get; }

    public static FrameRangeSection Single(int frame) =>
        new FrameRangeSection(FrameRangeSectionKind.Stepped, frame, frame, 1);

    /// <summary><c>A-B</c>: unit step in the direction of B (no validation, never empty).</summary>
    public static FrameRangeSection Simple(int start, int end) =>
        new FrameRangeSection(FrameRangeSectionKind.Stepped, start, end, end >= start ? 1 : -1);

    /// <summary>A section whose step has already been validated (non-zero, direction checked).</summary>
    public static FrameRangeSection WithStep(FrameRangeSectionKind kind, int start, int end, int step) =>
        new FrameRangeSection(kind, start, end, step);

    /// <summary>
    /// Whether a step points from start toward end. Only a step of exactly 1 with end below
    /// start survives validation while pointing the wrong way; such a section is empty.
    /// </summary>
    private static bool PointsTowardEnd(int start, int end, int step) =>
        step > 0 ? end >= start : end <= start;

    private static long Span(int start, int end) => System.Math.Abs((long)end - start);

    private static long ComputeCount(FrameRangeSectionKind kind, int start, int end, int step)
    {
        if (!PointsTowardEnd(start, end, step))
        {
            return 0;
        }

        long span = Span(start, end);
        long stride = System.Math.Abs((long)step);
        long stepped = (span / stride) + 1;
        switch (kind)
        {
            case FrameRangeSectionKind.Stepped:
                return stepped;
            case FrameRangeSectionKind.InverseStepped:
                return span + 1 - stepped;
            default:
                // The last pass always has stride 1, so every frame of the span is listed once.
                return span + 1;
        }
    }

    /// <summary>Writes the <see cref="Count"/> frames of this section at <paramref name="offset"/>.</summary>
    public void CopyTo(int[] destination, int offset)
    {
        if (Count == 0)
        {
            return;
        }

        long direction = _step > 0 ? 1 : -1;
        long stride = System.Math.Abs((long)_step);
        long span = Span(_start, _end);
        int position = offset;
        switch (_kind)
        {
            case FrameRangeSectionKind.Stepped:
                for (long distance = 0; distance <= span; distance += stride)
                {
                    destination[position++] = (int)(_start + (direction * distance));
                }

                break;

            case FrameRangeSectionKind.InverseStepped:
                for (long distance = 0; distance <= span; distance++)
                {
                    if (distance % stride != 0)
                    {
                        destination[position++] = (int)(_start + (direction * distance));
                    }
                }

                break;

            default:
                CopyInterleaved(destination, position, direction, stride, (int)span);
                break;
        }
    }

    private void CopyInterleaved(int[] destination, int position, long direction, long stride, int span)
    {
        // Cuebot restarts every pass at the start frame and halves the step (toward zero)
        // until it reaches zero; a frame keeps the place of its first listing.
        var listed = new bool[span + 1];
        for (long pass = stride; pass > 0; pass /= 2)
        {
            for (long distance = 0; distance <= span; distance += pass)
            {
                if (!listed[distance])
                {
                    listed[distance] = true;
                    destination[position++] = (int)(_start + (direction * distance));
                }
            }
        }
    }
}
