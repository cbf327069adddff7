namespace OpenCue.Client;

/// <summary>The state of a frame on the Cuebot (<see cref="CueFrame.State"/>).</summary>
public enum FrameState
{
    /// <summary>May be dispatched.</summary>
    Waiting,

    /// <summary>Only while the job is being created.</summary>
    Setup,

    /// <summary>Running on a host.</summary>
    Running,

    /// <summary>Exited 0.</summary>
    Succeeded,

    /// <summary>Held by at least one active depend.</summary>
    Depend,

    /// <summary>Failed and out of retries (or timed out); it keeps its job pending until retried or eaten.</summary>
    Dead,

    /// <summary>Given up on; counts as done for the job's completion and for depends.</summary>
    Eaten,

    /// <summary>Checkpointing.</summary>
    Checkpoint,
}
