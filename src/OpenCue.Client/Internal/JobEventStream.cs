using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client.Internal;

/// <summary>
/// Follows a job as a stream of <see cref="JobEvent"/>s: looks at it every poll interval
/// (<see cref="FrameFeed"/>), turns the differences into events (<see cref="FrameEventRule"/>), reports
/// progress, and ends with <see cref="JobEventKind.JobFinished"/> or <see cref="JobEventKind.JobKilled"/>.
/// The first look reports only frames already dead (a dead frame holds the job for ever); later
/// looks report what changed. Errors are logged and the next look tried, until the server has been
/// unreachable for <see cref="WaitOptions.ServerLostTimeout"/> (<see cref="CueServerLostException"/>).
/// </summary>
internal static class JobEventStream
{
    public static async IAsyncEnumerable<JobEvent> RunAsync(
        CueApi api, CueJob job, WaitOptions options, ILogger logger, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var contact = new ServerContact(api, job.Name, options.ServerLostTimeout, testing: false);
        var feed = new FrameFeed(api, job, logger);
        Dictionary<string, PbJob.Frame>? seen = null;
        var finishedLayers = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var look = await LookAsync(feed, contact, job, logger, cancellationToken).ConfigureAwait(false);
            if (look != null)
            {
                var killed = look.State == PbJob.JobState.Finished && !look.Frames.All(FrameEventRule.IsDone);
                foreach (var frame in look.Frames)
                {
                    var kinds = seen is null
                        ? (frame.State == PbJob.FrameState.Dead ? new[] { JobEventKind.FrameDied } : Array.Empty<JobEventKind>())
                        : seen.TryGetValue(frame.Id, out var before) ? FrameEventRule.Between(before, frame, killed) : Array.Empty<JobEventKind>();
                    foreach (var kind in kinds)
                    {
                        var handle = new CueFrame(api, frame);
                        yield return new JobEvent(kind, job, frame.LayerName, handle, job.GetFrameLogPath(frame.Name));
                    }
                }

                foreach (var layer in look.Frames.GroupBy(f => f.LayerName, StringComparer.Ordinal))
                {
                    if (layer.All(FrameEventRule.IsDone) && finishedLayers.Add(layer.Key) && seen != null)
                    {
                        yield return new JobEvent(JobEventKind.LayerFinished, job, layer.Key);
                    }
                }

                seen = look.Frames.ToDictionary(f => f.Id, StringComparer.Ordinal);
                await ReportAsync(job, options.Progress, clock, logger, cancellationToken).ConfigureAwait(false);
                if (look.State == PbJob.JobState.Finished)
                {
                    await RefreshQuietlyAsync(job, logger, cancellationToken).ConfigureAwait(false);
                    yield return new JobEvent(killed ? JobEventKind.JobKilled : JobEventKind.JobFinished, job);
                    yield break;
                }
            }

            await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One look; null when it failed and the next poll should try again.</summary>
    private static async Task<JobLook?> LookAsync(FrameFeed feed, ServerContact contact, CueJob job, ILogger logger, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var look = await feed.LookAsync(cancellationToken).ConfigureAwait(false);
            contact.Answered();
            return look;
        }
        catch (CueException e) when (ServerContact.IsUnreachable(e) && !cancellationToken.IsCancellationRequested)
        {
            contact.Unreachable(e, started);
            JobWatcher.LogUnreachable(logger, job, contact, e);
            return null;
        }
        catch (CueException e) when (!cancellationToken.IsCancellationRequested)
        {
            contact.Answered();
            WatchLog.PollFailed(logger, job.Name, e.Message);
            return null;
        }
    }

    /// <summary>Reports the job's progress (fetched again, with its layers) to a sink, if any; a failure only skips the report.</summary>
    public static async Task ReportAsync(CueJob job, IProgress<JobProgress>? progress, Stopwatch clock, ILogger logger, CancellationToken cancellationToken)
    {
        if (progress is null)
        {
            return;
        }

        try
        {
            await job.RefreshAsync(cancellationToken).ConfigureAwait(false);
            var layers = (await job.GetLayersAsync(cancellationToken).ConfigureAwait(false)).Select(l => new LayerProgress(l.Name, l.Stats)).ToList();
            progress.Report(new JobProgress(job.Name, job.State, job.Stats, layers, clock.Elapsed));
        }
        catch (CueException e) when (!cancellationToken.IsCancellationRequested)
        {
            WatchLog.ProgressUnavailable(logger, job.Name, e.Message);
        }
    }

    private static async Task RefreshQuietlyAsync(CueJob job, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await job.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CueException e) when (!cancellationToken.IsCancellationRequested)
        {
            WatchLog.ProgressUnavailable(logger, job.Name, e.Message);
        }
    }
}
