using OpenCue.Authoring;

namespace OpenCue.Samples.Tutorial.Pipelines;

/// <summary>
/// "Error Handling and Recovery / Robust Pipeline Design": validate-inputs, main-render with retries
/// and a timeout, verify-outputs frame by frame, and cleanup-temp.
/// </summary>
public static class FaultTolerantPipeline
{
    /// <summary>Pipeline with error handling and recovery mechanisms (the tutorial's <c>create_fault_tolerant_pipeline</c>).</summary>
    /// <returns>The job.</returns>
    public static Outline CreateFaultTolerantPipeline()
    {
        var job = new Outline(
            name: "fault-tolerant-v001",
            shot: "shot010",
            show: "demo-project",
            user: "artist01");

        // Validation layer - checks prerequisites
        var validationLayer = new Shell(
            "validate-inputs",
            new[]
            {
                "python", "/shared/scripts/validate_inputs.py",
                "--shot", "shot010",
                "--check-assets", "--check-scene", "--check-textures",
            })
            .SetFrameRange("1-1");

        // Main processing with error handling
        var mainLayer = new Shell(
            "main-render",
            new[]
            {
                "timeout", "3600", // 1 hour timeout
                "python", "/shared/scripts/robust_render.py",
                "--frame", "#IFRAME#",
                "--max-retries", "3",
                "--fallback-quality", "draft",
            })
            .SetFrameRange("1-100");

        // Every frame must wait for the validation, not only frame 1: the tutorial's depend_on (PyOutline's
        // default FrameByFrame) between a 1-1 layer and a 1-100 layer makes only frame 1 wait, so
        // this is a LayerOnLayer depend (DependAll).
        mainLayer.DependAll(validationLayer);

        // Automatic retries. OpenCue has no per-layer retry count: retries are job-wide. The spec's
        // <maxretries> is clamped to 0..1 by Cuebot, so the launcher applies the largest RetryCount of
        // the job's layers after launch with JobInterface.SetMaxRetries (0..16): here 3, for every
        // layer of this job. A frame then runs at most 4 times before it is DEAD.
        mainLayer.SetRetryCount(3);

        // OpenCue's own frame timeout, in minutes (<timeout>): Cuebot kills a frame running longer and
        // marks it DEAD without retrying it. The command's `timeout 3600` fires first (exit 124, a
        // failure that is retried); this is the backstop for a render that ignores SIGTERM.
        mainLayer.SetTimeout(60);

        // Verification layer - checks outputs
        var verifyLayer = new Shell(
            "verify-outputs",
            new[]
            {
                "python", "/shared/scripts/verify_frames.py",
                "--frame", "#IFRAME#",
                "--input", "/shared/renders/",
                "--report", "/shared/reports/frame_#IFRAME#_report.json",
            })
            .SetFrameRange("1-100");
        verifyLayer.DependOn(mainLayer, DependType.FrameByFrame);

        // Cleanup layer - runs regardless of main success/failure.
        //
        // The tutorial makes it a 1-1 layer depending LAYER_ON_LAYER on main-render. In OpenCue that
        // cannot work as promised: a LayerOnLayer depend is satisfied only when every frame of
        // main-render SUCCEEDED; a DEAD frame never satisfies it, so on failure the cleanup would wait
        // forever (and eating the dead frame does not release it either).
        //
        // OpenCue's real means is a Post layer (PyOutline's OutlinePostCommand): Cuebot moves it into a
        // separate post job (user "monitor") that starts when this job finishes, whether every frame
        // succeeded or the job was killed. Note that a DEAD frame by itself does not finish a job: it
        // stays PENDING until the frame is retried to success, eaten, or the job is killed (with a
        // reason). The sample's --local run does the last: when a frame is DEAD it reports it, kills
        // the job, waits for this cleanup to run, and exits 1. On a real Cuebot, kill the job (CueGUI,
        // cueadmin, `cuerun kill`), or eat its dead frames and the frames still waiting on them, and
        // the cleanup runs.
        //
        // A post command is a single frame: its range is ignored (it runs on the first frame of the
        // job's range, or 1000 when the job has none), and it takes no depends (it already runs after
        // the whole job).
        var cleanupLayer = new OutlinePostCommand(
            "cleanup-temp",
            new[]
            {
                "python", "/shared/scripts/cleanup_temp.py",
                "--shot", "shot010",
                "--keep-days", "7",
            });

        job.AddLayer(validationLayer);
        job.AddLayer(mainLayer);
        job.AddLayer(verifyLayer);
        job.AddLayer(cleanupLayer);

        return job;
    }
}
