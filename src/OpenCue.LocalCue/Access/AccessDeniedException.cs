using System;

namespace OpenCue.LocalCue.Access;

/// <summary>The caller may not do this (answered with PERMISSION_DENIED); the message says who may.</summary>
internal sealed class AccessDeniedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AccessDeniedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Who was refused what, and who may.</param>
    public AccessDeniedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Who was refused what, and who may.</param>
    /// <param name="innerException">The cause.</param>
    public AccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
