using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using OpenCue.Authoring.Internal;

namespace OpenCue.Authoring;

/// <summary>
/// A single-frame layer that runs after its creator layer completes (PyOutline's
/// <c>LayerPostProcess</c>): named <c>&lt;creator&gt;_postprocess</c>, type Util, with a
/// LayerOnLayer depend on the creator that propagates by default.
/// </summary>
public class LayerPostProcess : FrameLayer
{
    /// <summary>Creates the post-process layer for <paramref name="creator"/>.</summary>
    /// <param name="creator">The layer it follows.</param>
    /// <param name="command">Program and arguments.</param>
    /// <param name="propagate">Whether its depend on the creator propagates (default true, as PyOutline).</param>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = ApiDesign.OptionalArgumentsOfPyOutline)]
    public LayerPostProcess(Layer creator, IEnumerable<string> command, bool propagate = true)
        : this(creator, propagate)
    {
        Command = LayerCommand.FromArguments(command);
    }

    /// <summary>Creates the post-process layer for <paramref name="creator"/> with a command line.</summary>
    /// <param name="creator">The layer it follows.</param>
    /// <param name="commandLine">The command line.</param>
    /// <param name="propagate">Whether its depend on the creator propagates (default true).</param>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = ApiDesign.OptionalArgumentsOfPyOutline)]
    public LayerPostProcess(Layer creator, string commandLine, bool propagate = true)
        : this(creator, propagate)
    {
        Command = LayerCommand.FromText(commandLine);
    }

    private LayerPostProcess(Layer creator, bool propagate)
        : base((creator ?? throw new ArgumentNullException(nameof(creator))).Name + "_postprocess")
    {
        Creator = creator;
        DependOn(creator, DependType.LayerOnLayer, propagate);
        Type = LayerType.Util;
    }

    /// <summary>The layer this one follows.</summary>
    public Layer Creator { get; }
}
