using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenCue.Authoring.Validation;

/// <summary>An outline with validation errors was written or launched; carries every problem found.</summary>
public sealed class OutlineValidationException : OutlineException
{
    /// <summary>Creates the exception.</summary>
    public OutlineValidationException()
        : this(Array.Empty<ValidationProblem>())
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public OutlineValidationException(string message)
        : base(message)
    {
        Problems = Array.Empty<ValidationProblem>();
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OutlineValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = Array.Empty<ValidationProblem>();
    }

    /// <summary>Creates the exception for a list of problems.</summary>
    /// <param name="problems">Every problem found (errors and warnings).</param>
    public OutlineValidationException(IReadOnlyList<ValidationProblem> problems)
        : base(BuildMessage(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, errors and warnings.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <summary>The errors.</summary>
    public IReadOnlyList<ValidationProblem> Errors => Problems.Where(p => p.Severity == ValidationSeverity.Error).ToList();

    private static string BuildMessage(IReadOnlyList<ValidationProblem> problems)
    {
        var errors = problems.Where(p => p.Severity == ValidationSeverity.Error).ToList();
        var job = problems.Count > 0 ? problems[0].JobName : "?";
        return "Outline '" + job + "' has " + errors.Count + (errors.Count == 1 ? " error" : " errors") + ":\n  " +
            string.Join("\n  ", errors.Select(e => e.ToString()));
    }
}
