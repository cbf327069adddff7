using System.Collections.Generic;
using System.Linq;

namespace OpenCue.Authoring.Validation;

/// <summary>Everything validation found, errors and warnings, in the order checked.</summary>
public sealed class ValidationResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="problems">The problems.</param>
    public ValidationResult(IReadOnlyList<ValidationProblem> problems)
    {
        Problems = problems;
    }

    /// <summary>Every problem.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <summary>The errors.</summary>
    public IReadOnlyList<ValidationProblem> Errors => Problems.Where(p => p.Severity == ValidationSeverity.Error).ToList();

    /// <summary>The warnings.</summary>
    public IReadOnlyList<ValidationProblem> Warnings => Problems.Where(p => p.Severity == ValidationSeverity.Warning).ToList();

    /// <summary>Whether there is no error (warnings allowed).</summary>
    public bool IsValid => Problems.All(p => p.Severity != ValidationSeverity.Error);

    /// <summary>Throws <see cref="OutlineValidationException"/> when there are errors.</summary>
    /// <exception cref="OutlineValidationException">There are errors.</exception>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new OutlineValidationException(Problems);
        }
    }

    /// <summary>One problem per line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join("\n", Problems.Select(p => p.ToString()));
}
