using System;
using OpenCue.Authoring.Specs;
using OpenCue.Authoring.Validation.Internal;

namespace OpenCue.Authoring.Validation;

/// <summary>
/// Checks an outline before anything is written or sent: every rule Cuebot enforces when it reads
/// a spec, plus what Cuebot cannot see (dependency cycles, depends on layers left out, frames that
/// do not line up). Every problem is returned at once.
/// </summary>
internal static class OutlineValidator
{
    /// <summary>
    /// Validates <paramref name="outline"/>. Pending require strings are checked, then turned into
    /// depends (<see cref="Outline.SetupDepends"/>), as PyOutline does at launch.
    /// </summary>
    /// <param name="outline">The outline.</param>
    /// <param name="options">The values the spec will carry.</param>
    /// <returns>The problems.</returns>
    public static ValidationResult Validate(Outline outline, SpecWriterOptions options)
    {
        if (outline is null)
        {
            throw new ArgumentNullException(nameof(outline));
        }

        var context = new ValidationContext(outline, options ?? throw new ArgumentNullException(nameof(options)));
        DependRules.CheckRequires(context);
        outline.SetupDepends();
        JobRules.Check(context);
        foreach (var layer in context.Layers)
        {
            LayerRules.Check(context, layer);
        }

        LayerRules.CheckDuplicates(context);
        DependRules.Check(context);
        return new ValidationResult(context.Problems);
    }
}
