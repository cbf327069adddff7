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
/// Follows a launched job with the client's <see cref="CueJob.WatchAsync"/>, printing its events, then
/// its post jobs. A DEAD frame keeps a job pending on Cuebot; asked to (the local run), the sample then
/// kills the job, which finishes it and starts its post job.
/// </summary>
public static class Following
{
    /// <summary>Follows a job and its post jobs.</summary>
    /// <param name="api">The API.</param>
    /// <param name="job">The job.</param>
    /// <param name="hasPostJob">Whether the job has Post layers (so a post job will start when it finishes).</param>
    /// <param name="killOnDead">Kill the job when a frame is DEAD (the local run); otherwise stop following and leave it pending.</param>
    /// <param name="pollInterval">How often to look.</param>
    /// <param name="output">Where events are printed.</param>
    /// <param name="cancellationToken">Cancels following.</param>
    /// <returns>How it ended.</returns>
    public static async Task<FollowOutcome> FollowAsync(
        CueApi api, CueJob job, bool hasPostJob, bool killOnDead, TimeSpan pollInterval, TextWriter output, CancellationToken cancellationToken)
    {
        var (finished, killed) = await FollowOneAsync(job, killOnDead, pollInterval, output, cancellationToken).ConfigureAwait(false);
        var frames = await FramesAsync(job, cancellationToken).ConfigureAwait(false);
        var succeeded = finished && !killed && frames.All(f => f.State == FrameState.Succeeded);
        var postFrames = new List<FrameOutcome>();
        var postJobs = new List<string>();
        foreach (var post in hasPostJob && finished ? await PostJobsAsync(api, job, cancellationToken).ConfigureAwait(false) : Array.Empty<CueJob>())
        {
            postJobs.Add(post.Name);
            await output.WriteLineAsync("Post job " + post.Name + " (runs once the job has finished, whatever its frames did):").ConfigureAwait(false);
            var (postFinished, postKilled) = await FollowOneAsync(post, killOnDead, pollInterval, output, cancellationToken).ConfigureAwait(false);
            var these = await FramesAsync(post, cancellationToken).ConfigureAwait(false);
            postFrames.AddRange(these);
            succeeded &= postFinished && !postKilled && these.All(f => f.State == FrameState.Succeeded);
        }

        return new FollowOutcome { Succeeded = succeeded, Killed = killed, Frames = frames, PostFrames = postFrames, PostJobs = postJobs };
    }

    /// <summary>Returns (finished, killed).</summary>
    private static async Task<(bool Finished, bool Killed)> FollowOneAsync(CueJob job, bool killOnDead, TimeSpan pollInterval, TextWriter output, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var killing = false;
        await foreach (var e in job.WatchAsync(new WaitOptions { PollInterval = pollInterval }, cancellationToken).ConfigureAwait(false))
        {
            await output.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, "  [{0,6:0.0}s] {1}", clock.Elapsed.TotalSeconds, e)).ConfigureAwait(false);
            if (e.Kind == JobEventKind.FrameDied && !killing)
            {
                await output.WriteLineAsync("  dead: " + e.Frame!.Name + " exit " + e.Frame.ExitStatus + " after " + (e.Frame.RetryCount + 1) + " attempt(s); log " + e.LogPath).ConfigureAwait(false);
                if (!killOnDead)
                {
                    await output.WriteLineAsync("  A dead frame keeps the job pending; retry, eat or kill it (e.g. `cuerun retry|eat|kill`).").ConfigureAwait(false);
                    return (false, false);
                }

                // Always with a reason: Cuebot ignores a kill without one. Killing finishes the job, which starts its post job.
                await job.KillAsync("OpenCue tutorial sample: a frame is dead", cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync("  Killed " + job.Name + ", so that it finishes and its post job (if any) runs.").ConfigureAwait(false);
                killing = true;
            }
            else if (e.Kind is JobEventKind.JobFinished or JobEventKind.JobKilled)
            {
                await output.WriteLineAsync("  " + job.Name + " finished: " + job.Stats.SucceededFrames + " of " + job.Stats.TotalFrames + " frames succeeded.").ConfigureAwait(false);
                return (true, e.Kind == JobEventKind.JobKilled);
            }
        }

        return (false, false);
    }

    private static async Task<IReadOnlyList<FrameOutcome>> FramesAsync(CueJob job, CancellationToken cancellationToken)
    {
        var list = new List<FrameOutcome>();
        await foreach (var frame in job.GetFramesAsync(null, cancellationToken).ConfigureAwait(false))
        {
            list.Add(new FrameOutcome(job.Name, frame.LayerName, frame.Number, frame.State, frame.ExitStatus, frame.RetryCount, job.GetFrameLogPath(frame.Name)));
        }

        return list;
    }

    /// <summary>The newest post job of a job: Cuebot names it <c>&lt;job&gt;_post_job_&lt;epoch ms&gt;</c>, the user replaced by <c>monitor</c>.</summary>
    private static async Task<IReadOnlyList<CueJob>> PostJobsAsync(CueApi api, CueJob job, CancellationToken cancellationToken)
    {
        var index = job.Name.IndexOf(job.User, StringComparison.Ordinal);
        var prefix = (index < 0 ? job.Name : job.Name.Substring(0, index) + "monitor" + job.Name.Substring(index + job.User.Length)) + "_post_job_";
        var search = new JobSearch { IncludeFinished = true };
        search.Substrings.Add(prefix);
        return (await api.GetJobsAsync(search, cancellationToken).ConfigureAwait(false))
            .Where(j => j.Name.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(j => long.TryParse(j.Name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : 0)
            .Take(1)
            .ToList();
    }
}
