using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using OpenCue.LocalCue.Intake;
using OpenCue.LocalCue.Interop;
using OpenCue.LocalCue.Running;
using OpenCue.LocalCue.Scheduling;

namespace OpenCue.LocalCue;

/// <summary>
/// Cuebot's launch of a spec text: intake parses and checks it (outside the scheduler's lock: however large or slow a
/// spec is, queries and dispatch go on meanwhile), the launch uid and frame user rules apply, and the scheduler creates
/// what intake resolved.
/// </summary>
internal sealed class SpecLauncher
{
    private readonly CueScheduler _scheduler;
    private readonly FrameUserOptions _frameUsers;
    private readonly TimeProvider _clock;

    public SpecLauncher(CueScheduler scheduler, FrameUserOptions frameUsers, TimeProvider? clock = null)
    {
        _scheduler = scheduler;
        _frameUsers = frameUsers;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Parses and launches a spec (Cuebot's <c>LaunchSpecAndWait</c>). A refused spec creates nothing.</summary>
    /// <param name="spec">The spec XML.</param>
    /// <param name="callerUid">The caller's uid, checked against the spec's by <see cref="Access.LaunchUidRule"/>; null: not checked.</param>
    /// <param name="cancellationToken">Stops parsing when the caller gives up.</param>
    /// <returns>The ids of the parent jobs.</returns>
    /// <exception cref="SpecRejectedException">The spec breaks one of Cuebot's rules.</exception>
    /// <exception cref="LaunchRefusedException">A job of the spec became pending while it was parsed.</exception>
    /// <exception cref="Access.AccessDeniedException">A caller other than root launches for another uid.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while parsing.</exception>
    public IReadOnlyList<string> Launch(string spec, int? callerUid = null, CancellationToken cancellationToken = default)
    {
        using var activity = SchedulerTelemetry.StartLaunch();
        // The parse only reads the scheduler through IsJobPending; the scheduler checks again under its lock.
        var parsed = SpecIntake.Parse(spec, new IntakeOptions
        {
            IsJobPending = _scheduler.IsJobPending,
            Clock = () => _clock.GetUtcNow(),
            CancellationToken = cancellationToken,
        });
        Access.LaunchUidRule.Apply(parsed, callerUid);

        // A job whose frames could never run (root, or a uid outside RQD's range while frames switch users) is refused whole.
        int ownUid = NativeMethods.GetEffectiveUserId();
        if (parsed.Jobs.Select(j => FrameUserPolicy.Refusal(j.Uid, _frameUsers, ownUid)).FirstOrDefault(r => r != null) is { } refusal)
        {
            throw new SpecRejectedException(refusal);
        }

        var ids = _scheduler.Launch(parsed);
        activity?.SetTag("opencue.job.count", ids.Count);
        return ids;
    }
}
