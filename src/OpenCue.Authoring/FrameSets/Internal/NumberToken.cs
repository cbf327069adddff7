namespace OpenCue.Authoring.FrameSets.Internal;

/// <summary>An integer of the frame range grammar: an optional <c>-</c> then ASCII digits.</summary>
internal readonly struct NumberToken
{
    // Magnitudes are clamped just above 2^31, enough to tell whether the value fits an int.
    private const long Clamp = 1L + int.MaxValue + 1L;

    private NumberToken(int start, int end, long value)
    {
        Start = start;
        End = end;
        Value = value;
    }

    /// <summary>Index of the token's first character (the sign, if any).</summary>
    public int Start { get; }

    /// <summary>Index just past the token's last digit.</summary>
    public int End { get; }

    /// <summary>The value, clamped to a magnitude slightly above the 32-bit range.</summary>
    public long Value { get; }

    public bool FitsInt32 => Value >= int.MinValue && Value <= int.MaxValue;

    /// <summary>
    /// Reads a token at <paramref name="position"/> (advanced past it on success). Fails when
    /// there is no digit, e.g. at <c>+5</c>, <c>--5</c>, a space or the end of the section.
    /// </summary>
    public static bool TryScan(string text, ref int position, int end, out NumberToken token)
    {
        int start = position;
        int i = position;
        bool negative = i < end && text[i] == '-';
        if (negative)
        {
            i++;
        }

        int digitsStart = i;
        long magnitude = 0;
        while (i < end && text[i] >= '0' && text[i] <= '9')
        {
            if (magnitude < Clamp)
            {
                magnitude = (magnitude * 10) + (text[i] - '0');
                if (magnitude > Clamp)
                {
                    magnitude = Clamp;
                }
            }

            i++;
        }

        if (i == digitsStart)
        {
            token = default;
            return false;
        }

        position = i;
        token = new NumberToken(start, i, negative ? -magnitude : magnitude);
        return true;
    }
}
