using System;

namespace OpenCue.LocalCue;

/// <summary>
/// The state directory's database was written by a LocalCue with another table layout; it is left
/// untouched.
/// </summary>
public sealed class StoreLayoutException : InvalidOperationException
{
    /// <summary>Creates the exception with its explanation.</summary>
    public StoreLayoutException(string message)
        : base(message)
    {
    }
}
