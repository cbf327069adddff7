using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenCue.Client;

namespace OpenCue.Client.Internal;

/// <summary>PyOutline's wait and test modes, with progress reporting.</summary>
internal static class JobWatcher
{
    /// <summary>
    /// PyOutline's wait: polls <c>IsJobPending</c> until false (with fail-on-dead or a time limit, the
    /// job's event stream, <see cref="CueJob.WaitAsync(WaitOptions, System.Threading.CancellationToken)"/>, instead). Errors are logged and polling goes on, as PyOutline does,
    /// until the server has been unreachable for <see cref="LaunchOptions.ServerLostTimeout"/>.
    /// </summary>
    /// <exception cref="CueServerLostException">The server was unreachable for the limit.</exception>
    public static async Task WaitAsync(CueApi api, CueJob job, LaunchOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        if (options.FailOnDead || options.WaitTimeout != null)
        {
            // Dead frames and a time limit need the frames, not only IsJobPending: the job's event stream.
            await job.WaitCoreAsync(
                new WaitOptions
                {
                    FailOnDead = options.FailOnDead, Timeout = options.WaitTimeout, PollInterval = options.PollInterval,
                    ServerLostTimeout = options.ServerLostTimeout, Progress = options.Progress,
                },
                logger,
                cancellationToken).ConfigureAwait(false);
            return;
        }

        var clock = Stopwatch.StartNew();
        var contact = new ServerContact(api, job.Name, options.ServerLostTimeout, testing: false);
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var pending = await api.IsJobPendingAsync(job.Name, cancellationToken).ConfigureAwait(false);
                contact.Answered();
                await JobEventStream.ReportAsync(job, options.Progress, clock, logger, cancellationToken).ConfigureAwait(false);
                if (!pending)
                {
                    return;
                }
            }
            catch (CueException e) when (ServerContact.IsUnreachable(e))
            {
                contact.Unreachable(e, started);
                LogUnreachable(logger, job, contact, e);
            }
            catch (CueException e)
            {
                contact.Answered();
                WatchLog.PollFailed(logger, job.Name, e.Message);
            }

            await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Resumes the job and polls it until it finishes; dead or eaten frames fail the test. A server
    /// that cannot be reached is polled again until <see cref="LaunchOptions.ServerLostTimeout"/>.
    /// The job is killed at the end.
    /// </summary>
    /// <exception cref="JobTestFailedException">Frames died or were eaten.</exception>
    /// <exception cref="CueServerLostException">The server was unreachable for the limit.</exception>
    public static async Task TestAsync(CueApi api, CueJob job, LaunchOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var contact = new ServerContact(api, job.Name, options.ServerLostTimeout, testing: true);
        try
        {
            await job.ResumeAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                IReadOnlyList<LayerProgress> layers;
                try
                {
                    // PyOutline polls GetJob with the job *name*, which Cuebot cannot find; the id is used here.
                    await job.RefreshAsync(cancellationToken).ConfigureAwait(false);
                    layers = await LayerProgressAsync(job, cancellationToken).ConfigureAwait(false);
                    contact.Answered();
                }
                catch (CueException e) when (ServerContact.IsUnreachable(e))
                {
                    contact.Unreachable(e, started);
                    LogUnreachable(logger, job, contact, e);
                    await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                Report(job, layers, options, clock);
                if (job.Stats.DeadFrames + job.Stats.EatenFrames > 0)
                {
                    var failed = new List<string>();
                    await foreach (var frame in job.GetFramesAsync(FrameSearch.InStates(FrameState.Dead, FrameState.Eaten), cancellationToken).ConfigureAwait(false))
                    {
                        failed.Add(frame.Name + " (" + frame.State.ToString().ToUpperInvariant() + ", exit " + frame.ExitStatus + ")");
                    }

                    throw new JobTestFailedException(job.Name, failed);
                }

                if (job.State == JobState.Finished)
                {
                    WatchLog.TestPassed(logger, job.Name);
                    return;
                }

                await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            try
            {
                await job.KillAsync("OpenCue.Client test mode is over", CancellationToken.None).ConfigureAwait(false);
            }
            catch (CueException e)
            {
                WatchLog.KillAfterTestFailed(logger, job.Name, e.Message);
            }
        }
    }

    internal static void LogUnreachable(ILogger logger, CueJob job, ServerContact contact, CueException error)
    {
        if (!contact.ShouldReport())
        {
            return;
        }

        if (contact.Limit == Timeout.InfiniteTimeSpan)
        {
            WatchLog.UnreachableForEver(logger, contact.Server, job.Name, Durations.Format(contact.UnreachableFor), error.Message);
        }
        else
        {
            WatchLog.Unreachable(logger, contact.Server, job.Name, Durations.Format(contact.UnreachableFor), Durations.Format(contact.Limit), error.Message);
        }
    }

    private static async Task<IReadOnlyList<LayerProgress>> LayerProgressAsync(CueJob job, CancellationToken cancellationToken) =>
        (await job.GetLayersAsync(cancellationToken).ConfigureAwait(false)).Select(l => new LayerProgress(l.Name, l.Stats)).ToList();

    private static void Report(CueJob job, IReadOnlyList<LayerProgress> layers, LaunchOptions options, Stopwatch clock) =>
        options.Progress?.Report(new JobProgress(job.Name, job.State, job.Stats, layers, clock.Elapsed));
}
