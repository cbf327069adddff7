namespace OpenCue.Authoring;

/// <summary>
/// A dependency of one layer (the depend-er) on another layer of the same outline, as
/// PyOutline's <c>outline.depend.Depend</c>. Created by <see cref="Layer.DependOn(Layer, DependType, bool, bool)"/>
/// and its shortcuts; removed with <see cref="Layer.Undepend(Depend)"/>.
/// </summary>
public sealed class Depend
{
    internal Depend(Layer dependErLayer, Layer dependOnLayer, DependType type, bool propagate, bool anyFrame)
    {
        DependErLayer = dependErLayer;
        DependOnLayer = dependOnLayer;
        Type = type;
        IsPropagated = propagate;
        IsAnyFrame = anyFrame;
    }

    /// <summary>The layer that waits.</summary>
    public Layer DependErLayer { get; }

    /// <summary>The layer waited on.</summary>
    public Layer DependOnLayer { get; }

    /// <summary>The dependency type.</summary>
    public DependType Type { get; }

    /// <summary>
    /// Whether the depend propagates: when another layer later depends on <see cref="DependErLayer"/>,
    /// the layers it depends on also get a LayerOnLayer depend on <see cref="DependOnLayer"/>.
    /// </summary>
    public bool IsPropagated { get; }

    /// <summary>Whether a single succeeded frame of the on-layer satisfies the whole depend (written as <c>anyframe</c>).</summary>
    public bool IsAnyFrame { get; }

    /// <inheritdoc />
    public override string ToString() =>
        DependErLayer.Name + " -> " + DependOnLayer.Name + " (" + Type.ToCuebotName() + (IsAnyFrame ? ", any frame" : string.Empty) + ")";
}
