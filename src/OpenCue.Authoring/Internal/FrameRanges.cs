using System.Globalization;
using System.Text;

namespace OpenCue.Authoring.Internal;

/// <summary>Range text helpers that are PyOutline's, not Cuebot's.</summary>
internal static class FrameRanges
{
    /// <summary>pycue's <c>str(FrameSet)</c>: every frame, comma-joined.</summary>
    public static string ToExplicitList(FrameSet frames)
    {
        var builder = new StringBuilder(frames.Count * 4);
        for (var i = 0; i < frames.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(frames[i].ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
