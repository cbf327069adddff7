namespace OpenCue.Client;

/// <summary>What happened in a <see cref="JobEvent"/>.</summary>
public enum JobEventKind
{
    /// <summary>A frame started a run.</summary>
    FrameStarted,

    /// <summary>A frame's run exited 0.</summary>
    FrameSucceeded,

    /// <summary>A frame died: its run failed and no retry is left (or it timed out). It keeps the job pending until retried or eaten.</summary>
    FrameDied,

    /// <summary>A frame went back to waiting after a run or after dying (a retry, automatic or asked for).</summary>
    FrameRetried,

    /// <summary>A frame was eaten (given up on).</summary>
    FrameEaten,

    /// <summary>Every frame of a layer succeeded or was eaten.</summary>
    LayerFinished,

    /// <summary>The job finished: every frame succeeded or was eaten. The last event.</summary>
    JobFinished,

    /// <summary>The job was killed (finished with frames not done). The last event.</summary>
    JobKilled,
}
