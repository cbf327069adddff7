using System;

namespace OpenCue.LocalCue.Intake;

/// <summary>
/// The spec text cannot be XML at all: it holds a character XML forbids (NUL, other control
/// characters, U+FFFE/U+FFFF, an unpaired surrogate). The message names the character and where it
/// is. Unlike <see cref="SpecRejectedException"/> (a spec Cuebot would refuse, answered as Cuebot
/// does), this is a malformed argument: gRPC answers <c>INVALID_ARGUMENT</c>.
/// </summary>
internal sealed class InvalidSpecTextException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public InvalidSpecTextException()
        : base("The job spec text is not valid XML text.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, and where.</param>
    public InvalidSpecTextException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What is wrong, and where.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidSpecTextException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
