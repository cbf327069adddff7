using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;

namespace OpenCue.Authoring;

/// <summary>
/// Cuebot's command tokens (<c>#IFRAME#</c>, <c>#FRAMESPEC#</c>, ...) and their substitution when a
/// frame is dispatched (<c>DispatchSupportService.prepareRqdRunFrame</c>): plain textual
/// replacement over the layer command, one token after the other in <see cref="All"/>'s order.
/// </summary>
/// <remarks>
/// The order matters: <c>#FRAME_END#</c> and <c>#FRAMESPEC#</c> are replaced before
/// <c>#FRAME#</c>, and a value inserted by one token is seen by the tokens replaced after it,
/// exactly as Cuebot's chain of <c>replaceAll</c> calls does. Cuebot's replacement strings are
/// regular-expression replacements, which only differs from plain text for values containing
/// <c>$</c> or <c>\</c>; conformed layer and job names, frame numbers and frame specs never do.
/// </remarks>
public static class DispatchTokens
{
    /// <summary><c>#ZFRAME#</c>: the chunk-start frame number, zero-padded as Java's <c>%04d</c>.</summary>
    public const string ZFrame = "#ZFRAME#";

    /// <summary><c>#IFRAME#</c>: the chunk-start frame number.</summary>
    public const string IFrame = "#IFRAME#";

    /// <summary><c>#FRAME_START#</c>: the chunk-start frame number.</summary>
    public const string FrameStart = "#FRAME_START#";

    /// <summary><c>#FRAME_END#</c>: the last frame of the chunk in list order.</summary>
    public const string FrameEnd = "#FRAME_END#";

    /// <summary><c>#FRAME_CHUNK#</c>: the layer's chunk size (not the number of frames in this chunk).</summary>
    public const string FrameChunk = "#FRAME_CHUNK#";

    /// <summary><c>#LAYER#</c>: the conformed layer name.</summary>
    public const string Layer = "#LAYER#";

    /// <summary><c>#JOB#</c>: the conformed job name.</summary>
    public const string Job = "#JOB#";

    /// <summary><c>#FRAMESPEC#</c>: the chunk's frames in Cuebot's compact notation.</summary>
    public const string FrameSpec = "#FRAMESPEC#";

    /// <summary><c>#FRAME#</c>: the frame name, e.g. <c>0001-render</c>.</summary>
    public const string Frame = "#FRAME#";

    private static readonly ReadOnlyCollection<string> Tokens = new ReadOnlyCollection<string>(new[]
    {
        ZFrame, IFrame, FrameStart, FrameEnd, FrameChunk, Layer, Job, FrameSpec, Frame,
    });

    /// <summary>Every token, in the order Cuebot substitutes them.</summary>
    public static IReadOnlyList<string> All => Tokens;

    /// <summary>
    /// Replaces every token in <paramref name="command"/> with its value for one dispatched frame,
    /// in Cuebot's order (<see cref="All"/>). Text that is not a token is left as is.
    /// </summary>
    /// <param name="command">The layer command as stored in the job spec.</param>
    /// <param name="context">The values for the frame being dispatched.</param>
    /// <returns>The command RQD runs.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="command"/> or <paramref name="context"/> is null.</exception>
    internal static string Substitute(string command, DispatchContext context)
    {
        if (command is null)
        {
            throw new ArgumentNullException(nameof(command));
        }

        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        string frameNumber = context.FrameNumber.ToString(CultureInfo.InvariantCulture);
        return command
            .Replace(ZFrame, CueNames.PadFrame(context.FrameNumber))
            .Replace(IFrame, frameNumber)
            .Replace(FrameStart, frameNumber)
            .Replace(FrameEnd, context.EndFrame.ToString(CultureInfo.InvariantCulture))
            .Replace(FrameChunk, context.Chunk.ToString(CultureInfo.InvariantCulture))
            .Replace(Layer, context.LayerName)
            .Replace(Job, context.JobName)
            .Replace(FrameSpec, context.FrameSpec)
            .Replace(Frame, context.FrameName);
    }
}

/// <summary>
/// The values Cuebot substitutes for the command tokens of one dispatched frame
/// (<see cref="DispatchTokens.Substitute"/>). Usually made by <see cref="For(string, int, int, string, string)"/>.
/// </summary>
internal sealed class DispatchContext
{
    /// <summary>Creates a context from values already computed.</summary>
    /// <param name="frameNumber">The chunk-start frame number.</param>
    /// <param name="endFrame">The last frame of the chunk in list order.</param>
    /// <param name="chunk">The layer's chunk size.</param>
    /// <param name="layerName">The conformed layer name.</param>
    /// <param name="jobName">The conformed job name.</param>
    /// <param name="frameSpec">The chunk's frames in compact notation.</param>
    /// <param name="frameName">The frame name, e.g. <c>0001-render</c>.</param>
    /// <exception cref="ArgumentNullException">A string argument is null.</exception>
    public DispatchContext(int frameNumber, int endFrame, int chunk, string layerName, string jobName, string frameSpec, string frameName)
    {
        FrameNumber = frameNumber;
        EndFrame = endFrame;
        Chunk = chunk;
        LayerName = layerName ?? throw new ArgumentNullException(nameof(layerName));
        JobName = jobName ?? throw new ArgumentNullException(nameof(jobName));
        FrameSpec = frameSpec ?? throw new ArgumentNullException(nameof(frameSpec));
        FrameName = frameName ?? throw new ArgumentNullException(nameof(frameName));
    }

    /// <summary>The chunk-start frame number: <c>#IFRAME#</c>, <c>#FRAME_START#</c>, and <c>#ZFRAME#</c> zero-padded.</summary>
    public int FrameNumber { get; }

    /// <summary><c>#FRAME_END#</c>: the last frame of the chunk in list order (not the largest).</summary>
    public int EndFrame { get; }

    /// <summary><c>#FRAME_CHUNK#</c>: the layer's chunk size.</summary>
    public int Chunk { get; }

    /// <summary><c>#LAYER#</c>: the conformed layer name.</summary>
    public string LayerName { get; }

    /// <summary><c>#JOB#</c>: the conformed job name.</summary>
    public string JobName { get; }

    /// <summary><c>#FRAMESPEC#</c>: the chunk's frames in Cuebot's compact notation, e.g. <c>4-6</c>.</summary>
    public string FrameSpec { get; }

    /// <summary><c>#FRAME#</c>: the frame name, e.g. <c>0004-render</c>.</summary>
    public string FrameName { get; }

    /// <summary>
    /// Computes the context Cuebot uses when it dispatches the chunk starting at
    /// <paramref name="frameNumber"/>: the chunk from the raw layer range
    /// (<see cref="Chunking.GetChunk"/>) gives <see cref="FrameSpec"/> and <see cref="EndFrame"/>,
    /// and <see cref="CueNames.FrameName"/> the frame name.
    /// </summary>
    /// <param name="layerRange">The layer's frame range as launched.</param>
    /// <param name="frameNumber">The chunk-start frame number.</param>
    /// <param name="chunk">The layer's chunk size, at least 1.</param>
    /// <param name="layerName">The conformed layer name.</param>
    /// <param name="jobName">The conformed job name.</param>
    /// <returns>The context.</returns>
    /// <exception cref="ArgumentNullException">A string argument is null.</exception>
    /// <exception cref="FormatException"><paramref name="layerRange"/> is not a valid frame range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunk"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="frameNumber"/> is not in the range.</exception>
    public static DispatchContext For(string layerRange, int frameNumber, int chunk, string layerName, string jobName)
    {
        if (layerRange is null)
        {
            throw new ArgumentNullException(nameof(layerRange));
        }

        return For(FrameSet.Parse(layerRange), frameNumber, chunk, layerName, jobName);
    }

    /// <summary>
    /// <see cref="For(string, int, int, string, string)"/> with the layer range already parsed (a
    /// scheduler parses each layer's range once, not once a frame).
    /// </summary>
    /// <param name="layerRange">The layer's frame range as launched, parsed.</param>
    /// <param name="frameNumber">The chunk-start frame number.</param>
    /// <param name="chunk">The layer's chunk size, at least 1.</param>
    /// <param name="layerName">The conformed layer name.</param>
    /// <param name="jobName">The conformed job name.</param>
    /// <returns>The context.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunk"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="frameNumber"/> is not in the range.</exception>
    public static DispatchContext For(FrameSet layerRange, int frameNumber, int chunk, string layerName, string jobName)
    {
        if (layerRange is null)
        {
            throw new ArgumentNullException(nameof(layerRange));
        }

        if (layerName is null)
        {
            throw new ArgumentNullException(nameof(layerName));
        }

        if (jobName is null)
        {
            throw new ArgumentNullException(nameof(jobName));
        }

        FrameChunk frames = Chunking.GetChunk(layerRange, frameNumber, chunk);
        return new DispatchContext(
            frameNumber,
            frames.EndFrame,
            chunk,
            layerName,
            jobName,
            frames.FrameSpec,
            CueNames.FrameName(frameNumber, layerName));
    }
}
