namespace OpenCue.Client;

/// <summary>The life cycle of a job on the Cuebot (<see cref="CueJob.State"/>).</summary>
public enum JobState
{
    /// <summary>Active: frames wait, run or are dead. A dead frame keeps the job pending for ever.</summary>
    Pending,

    /// <summary>Every frame succeeded or was eaten, or the job was killed.</summary>
    Finished,

    /// <summary>Being created.</summary>
    Startup,

    /// <summary>Being shut down (not used by Cuebot's life cycle).</summary>
    Shutdown,

    /// <summary>A post job waiting for its parent job to finish.</summary>
    Posted,
}
