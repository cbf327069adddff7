using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenCue.Client.Wrappers;
using PbJob = OpenCue.Proto.Job;

namespace OpenCue.Client.Internal
{
    /// <summary>PyOutline's wait and test modes, with progress reporting.</summary>
    internal static class JobWatcher
    {
        /// <summary>Polls <c>IsJobPending</c> until false. Errors are logged and polling goes on, as PyOutline does.</summary>
        public static async Task WaitAsync(CueApi api, Job job, LaunchOptions options, ILogger logger, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    if (!await api.IsJobPendingAsync(job.Name, cancellationToken).ConfigureAwait(false))
                    {
                        await ReportAsync(job, options, clock, logger, cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    await ReportAsync(job, options, clock, logger, cancellationToken).ConfigureAwait(false);
                }
                catch (CueException e)
                {
                    logger.LogWarning("Waiting for {Job}: {Error}; still waiting", job.Name, e.Message);
                }

                await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Resumes the job and polls it until it finishes; dead or eaten frames fail the test. The job is killed at the end.</summary>
        public static async Task TestAsync(CueApi api, Job job, LaunchOptions options, ILogger logger, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                await job.ResumeAsync(cancellationToken).ConfigureAwait(false);
                while (true)
                {
                    // PyOutline polls GetJob with the job *name*, which Cuebot cannot find; the id is used here.
                    await job.RefreshAsync(cancellationToken).ConfigureAwait(false);
                    Report(job, await LayerProgressAsync(job, cancellationToken).ConfigureAwait(false), options, clock);
                    if (job.Stats.DeadFrames + job.Stats.EatenFrames > 0)
                    {
                        var failed = new List<string>();
                        await foreach (var frame in job.GetFramesAsync(FrameSearch.InStates(PbJob.FrameState.Dead, PbJob.FrameState.Eaten), cancellationToken).ConfigureAwait(false))
                        {
                            failed.Add(frame.Name + " (" + frame.State.ToString().ToUpperInvariant() + ", exit " + frame.ExitStatus + ")");
                        }

                        throw new JobTestFailedException(job.Name, failed);
                    }

                    if (job.State == PbJob.JobState.Finished)
                    {
                        logger.LogInformation("Test of {Job} passed", job.Name);
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
                    logger.LogWarning("Could not kill {Job} after its test: {Error}", job.Name, e.Message);
                }
            }
        }

        private static async Task ReportAsync(Job job, LaunchOptions options, Stopwatch clock, ILogger logger, CancellationToken cancellationToken)
        {
            if (options.Progress is null)
            {
                return;
            }

            try
            {
                await job.RefreshAsync(cancellationToken).ConfigureAwait(false);
                Report(job, await LayerProgressAsync(job, cancellationToken).ConfigureAwait(false), options, clock);
            }
            catch (CueException e)
            {
                logger.LogDebug("Progress of {Job} unavailable: {Error}", job.Name, e.Message);
            }
        }

        private static async Task<IReadOnlyList<LayerProgress>> LayerProgressAsync(Job job, CancellationToken cancellationToken) =>
            (await job.GetLayersAsync(cancellationToken).ConfigureAwait(false)).Select(l => new LayerProgress(l.Name, l.Stats)).ToList();

        private static void Report(Job job, IReadOnlyList<LayerProgress> layers, LaunchOptions options, Stopwatch clock) =>
            options.Progress?.Report(new JobProgress(job.Name, job.State, job.Stats, layers, clock.Elapsed));
    }
}
