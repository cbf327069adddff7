using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OpenCue.Authoring.Internal;

namespace OpenCue.Authoring;

/// <summary>
/// A single-frame layer that must finish before its creator layer starts (PyOutline's
/// <c>LayerPreProcess</c>): named <c>&lt;creator&gt;_preprocess</c>, type Util, service
/// <c>preprocess</c>; the creator gets a LayerOnLayer depend on it. It runs on the first frame of
/// the creator's range. Add it to the outline along with its creator.
/// </summary>
public class LayerPreProcess : FrameLayer
{
    /// <summary>Creates the pre-process layer for <paramref name="creator"/>.</summary>
    /// <param name="creator">The layer it prepares.</param>
    /// <param name="command">Program and arguments.</param>
    /// <param name="suffix">The name suffix (default <c>preprocess</c>).</param>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = ApiDesign.OptionalArgumentsOfPyOutline)]
    public LayerPreProcess(Layer creator, IEnumerable<string> command, string suffix = "preprocess")
        : this(creator, suffix)
    {
        Command = LayerCommand.FromArguments(command);
    }

    /// <summary>Creates the pre-process layer for <paramref name="creator"/> with a command line.</summary>
    /// <param name="creator">The layer it prepares.</param>
    /// <param name="commandLine">The command line.</param>
    /// <param name="suffix">The name suffix (default <c>preprocess</c>).</param>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = ApiDesign.OptionalArgumentsOfPyOutline)]
    public LayerPreProcess(Layer creator, string commandLine, string suffix = "preprocess")
        : this(creator, suffix)
    {
        Command = LayerCommand.FromText(commandLine);
    }

    private LayerPreProcess(Layer creator, string suffix)
        : base((creator ?? throw new ArgumentNullException(nameof(creator))).Name + "_" + suffix)
    {
        Creator = creator;
        creator.DependOn(this, DependType.LayerOnLayer);
        creator.AddPreprocessLayer(this);
        Type = LayerType.Util;
        Service = "preprocess";
    }

    /// <summary>The layer this one prepares.</summary>
    public Layer Creator { get; }

    /// <summary>The first frame of the creator's effective range; <see langword="null"/> when the creator is left out.</summary>
    /// <param name="explicitList">Unused: a single frame.</param>
    /// <returns>The frame, or <see langword="null"/>.</returns>
    public override string? GetFrameRange(bool explicitList = false)
    {
        var range = Creator.GetFrameRange();
        if (range is null)
        {
            return null;
        }

        var frames = FrameSet.Parse(range);
        return frames.IsEmpty ? null : frames[0].ToString(CultureInfo.InvariantCulture);
    }
}
