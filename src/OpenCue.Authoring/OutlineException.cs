using System;

namespace OpenCue.Authoring;

/// <summary>An operation on an outline or layer that cannot be carried out (PyOutline's <c>OutlineException</c>).</summary>
public class OutlineException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OutlineException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public OutlineException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public OutlineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
