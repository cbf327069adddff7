using Microsoft.Extensions.Logging;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>
/// A job's states: it finishes when no frame is left to run (its dependents released, its post job started), and is
/// pending again when frames of a finished job are retried. Used under the scheduler's lock only.
/// </summary>
internal sealed class JobLifecycle
{
    private readonly CueBook _book;
    private readonly DependEngine _depends;
    private readonly StoreWriter _store;
    private readonly ILogger _logger;
    private readonly System.Action _wake;

    public JobLifecycle(CueBook book, DependEngine depends, StoreWriter store, ILogger logger, System.Action wake)
    {
        _book = book;
        _depends = depends;
        _store = store;
        _logger = logger;
        _wake = wake;
    }

    /// <summary>A pending job with no frame waiting, running, dead or held finishes.</summary>
    public void CheckComplete(CueJob job)
    {
        if (job.State != PbJob.JobState.Pending || job.Counts.Unfinished != 0)
        {
            return;
        }

        Finish(job);
    }

    /// <summary>Finishes a job (complete, or killed): its job depends are satisfied and its post job starts.</summary>
    public void Finish(CueJob job)
    {
        job.State = PbJob.JobState.Finished;
        job.StopTime = _book.Now();
        _book.Active.Remove(job);
        _store.Update(job);
        SchedulerLog.JobFinished(_logger, job.Name);
        _depends.OnJobFinished(job);
        if (job.PostJobId != null && _book.Jobs.TryGetValue(job.PostJobId, out var post) && post.State == PbJob.JobState.Posted)
        {
            post.State = PbJob.JobState.Pending;
            post.StartTime = _book.Now();
            _store.Update(post);
            SchedulerLog.PostJobStarts(_logger, post.Name);
            CheckComplete(post);
        }

        _wake();
    }

    /// <summary>A finished job with frames to run again is pending again.</summary>
    public void Reopen(CueJob job)
    {
        if (job.State == PbJob.JobState.Finished && job.Counts.Unfinished > 0)
        {
            job.State = PbJob.JobState.Pending;
            job.StopTime = 0;
            _store.Update(job);
            _book.Active.Add(job);
            _book.SortActive();
        }
    }

    /// <summary>After a restart: finishes complete jobs and starts post jobs whose parent finished.</summary>
    public void Repair()
    {
        foreach (var job in new System.Collections.Generic.List<CueJob>(_book.Jobs.Values))
        {
            CheckComplete(job);
            if (job.State == PbJob.JobState.Posted && job.ParentJobId != null && _book.Jobs[job.ParentJobId].State == PbJob.JobState.Finished)
            {
                job.State = PbJob.JobState.Pending;
                _store.Update(job);
                CheckComplete(job);
            }
        }
    }
}
