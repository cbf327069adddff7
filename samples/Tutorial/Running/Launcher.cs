using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.Authoring;
using OpenCue.Client;

namespace OpenCue.Samples.Tutorial.Running;

/// <summary>Launching a tutorial pipeline, to the local scheduler or a Cuebot.</summary>
public static class Launcher
{
    /// <summary>
    /// Launches paused and resumes once <see cref="Cuerun"/> has applied what the spec cannot carry.
    /// Cuerun holds a job back by itself only for layer max cores; the job-wide retry count
    /// (<c>SetRetryCount</c>, sent with <c>SetMaxRetries</c> after launch) has the same race: launched
    /// running, a quick frame could fail twice and be DEAD under the spec's clamped one retry before
    /// the count arrives.
    /// </summary>
    /// <param name="outline">The job.</param>
    /// <param name="launch">The launch options (<see cref="LaunchOptions.Pause"/> is set here).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The job, resumed.</returns>
    public static async Task<CueJob> LaunchAsync(Outline outline, LaunchOptions launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        launch.Pause = true;
        var job = (await Cuerun.LaunchAsync(outline, launch, cancellationToken).ConfigureAwait(false)).Single();
        await job.ResumeAsync(cancellationToken).ConfigureAwait(false);
        return job;
    }
}
