using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.Client;

namespace OpenCue.Samples.Tutorial.Running;

/// <summary>A frame as it ended up.</summary>
/// <param name="Job">The job name.</param>
/// <param name="Layer">The layer name (conformed: <c>asset_prep</c>).</param>
/// <param name="Number">The frame number.</param>
/// <param name="State">The state.</param>
/// <param name="ExitStatus">The exit status of the last run (-1 before any).</param>
/// <param name="RetryCount">How many times it was retried.</param>
/// <param name="LogFile">Its log file.</param>
public sealed record FrameOutcome(string Job, string Layer, int Number, FrameState State, int ExitStatus, int RetryCount, string LogFile);

/// <summary>How a followed job ended.</summary>
public sealed class FollowOutcome
{
    /// <summary>Whether every frame of the job, and of its post jobs, succeeded.</summary>
    public bool Succeeded { get; init; }

    /// <summary>Whether the job was killed because a frame was DEAD.</summary>
    public bool Killed { get; init; }

    /// <summary>The job's frames at the end.</summary>
    public IReadOnlyList<FrameOutcome> Frames { get; init; } = Array.Empty<FrameOutcome>();

    /// <summary>The post jobs' frames at the end (the fault-tolerant pipeline's cleanup-temp).</summary>
    public IReadOnlyList<FrameOutcome> PostFrames { get; init; } = Array.Empty<FrameOutcome>();

    /// <summary>The post jobs' names.</summary>
    public IReadOnlyList<string> PostJobs { get; init; } = Array.Empty<string>();
}

/// <summary>
/// Follows a launched job: prints each layer's counts when they change (plain lines), until the job
/// is FINISHED or a frame is DEAD. A DEAD frame never finishes a job on Cuebot (it stays PENDING
/// until the frame is retried, eaten, or the job killed), so waiting longer would be waiting forever:
/// the follower reports it and, when asked to (the local run), kills the job, which finishes it and
/// starts its post job. Post jobs are then followed the same way.
/// </summary>
public static class JobFollower
{
    /// <summary>Follows a job and its post jobs.</summary>
    /// <param name="api">The API.</param>
    /// <param name="job">The job.</param>
    /// <param name="hasPostJob">Whether the job has Post layers (so a post job will start when it finishes).</param>
    /// <param name="killOnDead">Kill the job when a frame is DEAD (the local run); otherwise leave it pending.</param>
    /// <param name="pollInterval">How often to poll.</param>
    /// <param name="output">Where progress is printed.</param>
    /// <param name="cancellationToken">Cancels following.</param>
    /// <returns>How it ended.</returns>
    public static async Task<FollowOutcome> FollowAsync(
        CueApi api, CueJob job, bool hasPostJob, bool killOnDead, TimeSpan pollInterval, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(output);

        var (finished, killed) = await FollowOneAsync(job, killOnDead, pollInterval, output, cancellationToken).ConfigureAwait(false);
        var frames = await FramesAsync(job, cancellationToken).ConfigureAwait(false);
        var succeeded = finished && !killed && frames.All(f => f.State == FrameState.Succeeded);

        var postFrames = new List<FrameOutcome>();
        var postJobs = new List<string>();
        if (hasPostJob && finished)
        {
            foreach (var post in await PostJobsAsync(api, job, cancellationToken).ConfigureAwait(false))
            {
                postJobs.Add(post.Name);
                await output.WriteLineAsync("Post job " + post.Name + " (runs once the job has finished, whatever its frames did):").ConfigureAwait(false);
                var (postFinished, postKilled) = await FollowOneAsync(post, killOnDead, pollInterval, output, cancellationToken).ConfigureAwait(false);
                var these = await FramesAsync(post, cancellationToken).ConfigureAwait(false);
                postFrames.AddRange(these);
                succeeded &= postFinished && !postKilled && these.All(f => f.State == FrameState.Succeeded);
            }
        }

        return new FollowOutcome { Succeeded = succeeded, Killed = killed, Frames = frames, PostFrames = postFrames, PostJobs = postJobs };
    }

    /// <summary>The job's frames, with their log files.</summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The frames in dispatch order.</returns>
    public static async Task<IReadOnlyList<FrameOutcome>> FramesAsync(CueJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var list = new List<FrameOutcome>();
        await foreach (var frame in job.GetFramesAsync(null, cancellationToken).ConfigureAwait(false))
        {
            list.Add(new FrameOutcome(job.Name, frame.LayerName, frame.Number, frame.State, frame.ExitStatus, frame.RetryCount, LogFile(job, frame)));
        }

        return list;
    }

    /// <summary>Where a frame's log is: <c>&lt;job log dir&gt;/&lt;job&gt;.&lt;frame&gt;.rqlog</c>, as RQD names it.</summary>
    /// <param name="job">The job.</param>
    /// <param name="frame">The frame.</param>
    /// <returns>The path.</returns>
    public static string LogFile(CueJob job, CueFrame frame)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(frame);
        return job.GetFrameLogPath(frame.Name);
    }

    /// <summary>Returns (finished, killed).</summary>
    private static async Task<(bool Finished, bool Killed)> FollowOneAsync(CueJob job, bool killOnDead, TimeSpan pollInterval, TextWriter output, CancellationToken cancellationToken)
    {
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await job.RefreshAsync(cancellationToken).ConfigureAwait(false);
            var layers = await job.GetLayersAsync(cancellationToken).ConfigureAwait(false);
            var width = Math.Max(12, layers.Count == 0 ? 0 : layers.Max(l => l.Name.Length));
            foreach (var layer in layers)
            {
                var s = layer.Stats;
                var line = string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} {1,4}/{2,-4} succeeded  {3,2} running  {4,4} waiting  {5,4} depend  {6,2} dead",
                    layer.Name.PadRight(width), s.SucceededFrames, s.TotalFrames, s.RunningFrames, s.WaitingFrames, s.DependFrames, s.DeadFrames);
                if (!last.TryGetValue(layer.Name, out var previous) || previous != line)
                {
                    last[layer.Name] = line;
                    await output.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, "  [{0,6:0.0}s] {1}", clock.Elapsed.TotalSeconds, line)).ConfigureAwait(false);
                }
            }

            if (job.State == JobState.Finished)
            {
                await output.WriteLineAsync("  " + job.Name + " finished: " + job.Stats.SucceededFrames + " of " + job.Stats.TotalFrames + " frames succeeded.").ConfigureAwait(false);
                return (true, false);
            }

            if (job.Stats.DeadFrames > 0)
            {
                await output.WriteLineAsync("  A frame is DEAD (it failed on every allowed attempt). On Cuebot a dead frame keeps the job pending until it").ConfigureAwait(false);
                await output.WriteLineAsync("  is retried, eaten, or the job is killed:").ConfigureAwait(false);
                await foreach (var frame in job.GetFramesAsync(FrameSearch.InStates(FrameState.Dead), cancellationToken).ConfigureAwait(false))
                {
                    await output.WriteLineAsync("    dead: " + frame.Name + " exit " + frame.ExitStatus + " after " + (frame.RetryCount + 1) + " attempt(s); log " + LogFile(job, frame)).ConfigureAwait(false);
                }

                if (!killOnDead)
                {
                    await output.WriteLineAsync("  The job stays pending; retry, eat or kill it (e.g. `cuerun retry|eat|kill`).").ConfigureAwait(false);
                    return (false, false);
                }

                // Killing (always with a reason: Cuebot ignores a kill without one) finishes the job,
                // which starts its post job.
                await job.KillAsync("OpenCue tutorial sample: a frame is dead", cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync("  Killed " + job.Name + ", so that it finishes and its post job (if any) runs.").ConfigureAwait(false);
                while ((await job.RefreshAsync(cancellationToken).ConfigureAwait(false)).State != JobState.Finished)
                {
                    await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
                }

                return (true, true);
            }

            await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The post job of a job: Cuebot names it <c>&lt;job&gt;_post_job_&lt;epoch ms&gt;</c> with the first
    /// occurrence of the user replaced by <c>monitor</c>.
    /// </summary>
    private static async Task<IReadOnlyList<CueJob>> PostJobsAsync(CueApi api, CueJob job, CancellationToken cancellationToken)
    {
        var index = job.Name.IndexOf(job.User, StringComparison.Ordinal);
        var prefix = (index < 0 ? job.Name : job.Name.Substring(0, index) + "monitor" + job.Name.Substring(index + job.User.Length)) + "_post_job_";
        var search = new JobSearch { IncludeFinished = true };
        search.Substrings.Add(prefix);
        var all = await api.GetJobsAsync(search, cancellationToken).ConfigureAwait(false);

        // A job launched again under the same name has post jobs of earlier launches: the newest is this one's.
        return all.Where(j => j.Name.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(j => long.TryParse(j.Name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : 0)
            .Take(1)
            .ToList();
    }
}
