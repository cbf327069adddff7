using System.Globalization;
using OpenCue.Authoring.Internal;

namespace OpenCue.Authoring;

/// <summary>
/// A layer that is always a single frame (PyOutline's <c>outline.layer.Frame</c>): its own range is
/// ignored; it runs on the first frame of the outline range, or <c>1000</c> when the outline has none.
/// </summary>
public abstract class FrameLayer : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="name">The layer name.</param>
    protected FrameLayer(string name)
        : base(name)
    {
    }

    /// <summary>Ignored, as in PyOutline: a frame layer's range is always one frame.</summary>
    public override string? Range
    {
        get => null;
        set { }
    }

    /// <inheritdoc />
    public override bool IsSingleFrame => true;

    /// <inheritdoc />
    public override string? GetFrameRange(bool explicitList = false)
    {
        var outlineRange = Outline?.FrameRange;
        if (string.IsNullOrEmpty(outlineRange))
        {
            return Defaults.FrameRange;
        }

        var frames = FrameSet.Parse(outlineRange!);
        return frames.IsEmpty ? Defaults.FrameRange : frames[0].ToString(CultureInfo.InvariantCulture);
    }
}
