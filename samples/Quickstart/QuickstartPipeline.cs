using System.Globalization;
using OpenCue.Authoring;

namespace OpenCue.Samples.Quickstart;

/// <summary>
/// The Quickstart job: prepare -> render (chunks of 4) -> comp (frame by frame) -> contact-sheet.
/// Every command is a POSIX shell script using only standard tools; the frames are SVG images.
/// </summary>
public static class QuickstartPipeline
{
    /// <summary>Builds the outline.</summary>
    /// <param name="outputDirectory">Where the scripts are and the images go.</param>
    /// <param name="frames">How many frames to render.</param>
    /// <returns>The outline.</returns>
    public static Outline Build(string outputDirectory, int frames)
    {
        var q = ShellQuoting.Quote(outputDirectory);
        var scripts = ShellQuoting.Quote(System.IO.Path.Combine(outputDirectory, "scripts"));
        var range = "1-" + frames.ToString(CultureInfo.InvariantCulture);
        var job = new Outline("quickstart", shot: "sh010", show: "testing");

        var prepare = job.AddLayer(new ShellCommand("prepare", "mkdir -p " + q + "/render " + q + "/comp && echo \"prepared " + range + " in \"" + q)
            .SetMinCores(1).SetMinMemory(256));

        // A chunk of 4 frames per task: #FRAME_START# and #FRAME_END# are the chunk's first and last frame.
        var render = job.AddLayer(new Shell("render", "sh " + scripts + "/render.sh " + q + " #FRAME_START# #FRAME_END#")
            .SetFrameRange(range).SetChunk(4).SetMinCores(1).SetMinMemory(256));
        render.DependAll(prepare);

        // Frame N of comp waits for the render chunk holding frame N (FrameByFrame across chunk sizes).
        var comp = job.AddLayer(new Shell("comp", "sh " + scripts + "/comp.sh " + q + " #IFRAME#")
            .SetFrameRange(range).SetMinCores(1).SetMinMemory(256));
        comp.DependOn(render);

        var contact = job.AddLayer(new ShellCommand("contact-sheet", "sh " + scripts + "/contact.sh " + q + " 1 " + frames.ToString(CultureInfo.InvariantCulture))
            .SetMinCores(1).SetMinMemory(256));
        contact.DependAll(comp);
        return job;
    }
}
