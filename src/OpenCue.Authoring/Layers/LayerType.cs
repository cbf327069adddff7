namespace OpenCue.Authoring;

/// <summary>
/// The general purpose of a layer, written as the <c>type</c> attribute of the spec's
/// <c>&lt;layer&gt;</c> element (<c>Render</c>, <c>Util</c> or <c>Post</c>, case-sensitive in the DTD).
/// </summary>
public enum LayerType
{
    /// <summary>A general-purpose rendering layer (PyOutline's default).</summary>
    Render,

    /// <summary>A setup, cleanup or other trivial utility layer.</summary>
    Util,

    /// <summary>
    /// A post layer: Cuebot moves it into a separate post job that starts when the parent job
    /// finishes, whether the parent succeeded or was killed.
    /// </summary>
    Post,
}
