namespace OpenCue.Client;

/// <summary>
/// The type of a depend on the Cuebot (<see cref="CueDepend.Type"/>): what waits on what. Authoring's
/// <see cref="OpenCue.Authoring.DependType"/> names the few an outline can write; the Cuebot knows these.
/// </summary>
public enum CueDependType
{
    /// <summary>A job waits for another job.</summary>
    JobOnJob,

    /// <summary>A job waits for a layer.</summary>
    JobOnLayer,

    /// <summary>A job waits for a frame.</summary>
    JobOnFrame,

    /// <summary>A layer waits for a job.</summary>
    LayerOnJob,

    /// <summary>A layer waits for another layer.</summary>
    LayerOnLayer,

    /// <summary>A layer waits for a frame.</summary>
    LayerOnFrame,

    /// <summary>A frame waits for a job.</summary>
    FrameOnJob,

    /// <summary>A frame waits for a layer.</summary>
    FrameOnLayer,

    /// <summary>A frame waits for another frame.</summary>
    FrameOnFrame,

    /// <summary>Each frame waits for the matching frame of another layer.</summary>
    FrameByFrame,

    /// <summary>Each frame waits for the other layer's previous frame.</summary>
    PreviousFrame,

    /// <summary>Every frame waits for the first frame of another layer (a simulation).</summary>
    LayerOnSimFrame,
}
