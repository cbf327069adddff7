using System;
using System.Collections.Frozen;
using System.Collections.Generic;

namespace OpenCue.LocalCue.Access;

/// <summary>
/// The calls that carry a job spec: the only ones that may send large messages, and the only control calls without
/// a target job (whom they launch for is <see cref="LaunchUidRule"/>'s).
/// </summary>
internal static class LaunchMethods
{
    /// <summary>The full gRPC method names.</summary>
    internal static readonly FrozenSet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "/job.JobInterface/LaunchSpec",
        "/job.JobInterface/LaunchSpecAndWait",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a call launches.</summary>
    /// <param name="method">The full method name (or request path).</param>
    /// <returns><see langword="true"/> only for the methods listed.</returns>
    public static bool Contains(string method) => Names.Contains(method);
}
