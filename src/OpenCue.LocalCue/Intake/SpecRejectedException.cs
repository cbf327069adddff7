using System;

namespace OpenCue.LocalCue.Intake;

/// <summary>
/// A spec Cuebot would refuse: invalid XML or DTD violation, a name or value Cuebot cannot read, a
/// limit exceeded, a job already pending, a depend on something the spec does not define. The
/// message says what and, where Cuebot has one, uses Cuebot's wording. Nothing was created.
/// </summary>
internal sealed class SpecRejectedException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public SpecRejectedException()
        : base("The job spec was rejected.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the spec was rejected.</param>
    public SpecRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">Why the spec was rejected.</param>
    /// <param name="innerException">The cause.</param>
    public SpecRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
