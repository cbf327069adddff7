namespace OpenCue.Authoring.Specs;

/// <summary>A job spec read back by <see cref="SpecReader"/>: the outline and the launch values it carried.</summary>
public sealed class ParsedSpec
{
    /// <summary>Creates the result.</summary>
    /// <param name="outline">The outline.</param>
    /// <param name="options">The spec version and launch values.</param>
    public ParsedSpec(Outline outline, SpecWriterOptions options)
    {
        Outline = outline;
        Options = options;
    }

    /// <summary>The outline: every layer is a <see cref="Shell"/> with its command line and range as written.</summary>
    public Outline Outline { get; }

    /// <summary>The spec version and launch values; writing <see cref="Outline"/> with them reproduces the spec.</summary>
    public SpecWriterOptions Options { get; }
}
