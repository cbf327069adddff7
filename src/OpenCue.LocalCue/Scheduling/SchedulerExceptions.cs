using System;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>An id the scheduler does not know (gRPC NOT_FOUND).</summary>
internal sealed class NotFoundException : Exception
{
    public NotFoundException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// A launch the scheduler refuses because of what it already holds (a job of the spec is already pending); the spec
/// itself was valid. Nothing was created. The gRPC layer answers it as Cuebot answers a refused launch.
/// </summary>
internal sealed class LaunchRefusedException : Exception
{
    public LaunchRefusedException(string message)
        : base(message)
    {
    }
}
