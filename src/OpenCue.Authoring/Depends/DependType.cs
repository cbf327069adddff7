namespace OpenCue.Authoring;

/// <summary>
/// The dependency types an outline can express between two of its layers, as PyOutline's
/// <c>outline.depend.DependType</c>. The default type of <see cref="Layer.DependOn(Layer, DependType, bool, bool)"/>
/// is <see cref="FrameByFrame"/>, as in PyOutline.
/// </summary>
public enum DependType
{
    /// <summary>Each frame waits for the matching frame of the other layer (Cuebot <c>FRAME_BY_FRAME</c>).</summary>
    FrameByFrame,

    /// <summary>Every frame waits for the whole other layer (Cuebot <c>LAYER_ON_LAYER</c>; require kind <c>all</c>).</summary>
    LayerOnLayer,

    /// <summary>The frame at position i waits for the other layer's frame at position i-1 (Cuebot <c>PREVIOUS_FRAME</c>; require kind <c>prev</c>).</summary>
    PreviousFrame,

    /// <summary>Every frame waits for the first frame of the other layer, e.g. a simulation's first frame (Cuebot <c>LAYER_ON_SIM_FRAME</c>; require kind <c>sim</c>).</summary>
    LayerOnSimFrame,

    /// <summary>
    /// "Any frame": never sent to Cuebot. PyOutline converts it when the depend is created
    /// (see <see cref="Layer.DependOn(Layer, DependType, bool, bool)"/>); require kind <c>any</c>.
    /// </summary>
    LayerOnAny,
}
