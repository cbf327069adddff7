using System;
using System.Collections.Generic;

namespace OpenCue.Authoring;

/// <summary>Cuebot's and PyOutline's names for <see cref="DependType"/> values.</summary>
internal static class DependTypeNames
{
    /// <summary>
    /// Every depend type Cuebot creates, by its constant, in the order the cjsl DTD's <c>depend@type</c> lists them (the
    /// same in every version): the one table of these names (LocalCue's DTD and intake read it).
    /// </summary>
    public static IReadOnlyList<string> CuebotTypes { get; } = new[]
    {
        "LAYER_ON_SIM_FRAME", "PREVIOUS_FRAME", "JOB_ON_JOB", "JOB_ON_LAYER", "JOB_ON_FRAME", "LAYER_ON_JOB",
        "LAYER_ON_FRAME", "LAYER_ON_LAYER", "FRAME_ON_JOB", "FRAME_ON_LAYER", "FRAME_ON_FRAME", "FRAME_BY_FRAME",
    };

    /// <summary>The spec/Cuebot name: <c>FRAME_BY_FRAME</c>, <c>LAYER_ON_LAYER</c>, ...</summary>
    /// <param name="type">The depend type.</param>
    /// <returns>The upper-case Cuebot constant PyOutline writes into <c>depend@type</c>.</returns>
    public static string ToCuebotName(this DependType type) => type switch
    {
        DependType.FrameByFrame => "FRAME_BY_FRAME",
        DependType.LayerOnLayer => "LAYER_ON_LAYER",
        DependType.PreviousFrame => "PREVIOUS_FRAME",
        DependType.LayerOnSimFrame => "LAYER_ON_SIM_FRAME",
        DependType.LayerOnAny => "LAYER_ON_ANY",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown depend type."),
    };

    /// <summary>
    /// Reads a depend type the way PyOutline's require strings and <c>DependType</c> attributes
    /// do: the attribute names (<c>FrameByFrame</c>, <c>LayerOnLayer</c>, ...), the short
    /// aliases (<c>all</c>, <c>any</c>, <c>sim</c>, <c>prev</c>) and the Cuebot constants
    /// (<c>FRAME_BY_FRAME</c>, ...). Case-sensitive, as Python attribute lookup is, except that
    /// the Cuebot constants are accepted in upper case only.
    /// </summary>
    /// <param name="text">The name to read.</param>
    /// <param name="type">The depend type, when the name is known.</param>
    /// <returns><see langword="true"/> when the name is known.</returns>
    public static bool TryParse(string? text, out DependType type)
    {
        switch (text)
        {
            case "FrameByFrame":
            case "FRAME_BY_FRAME":
                type = DependType.FrameByFrame;
                return true;
            case "LayerOnLayer":
            case "LAYER_ON_LAYER":
            case "all":
                type = DependType.LayerOnLayer;
                return true;
            case "PreviousFrame":
            case "PREVIOUS_FRAME":
            case "prev":
                type = DependType.PreviousFrame;
                return true;
            case "LayerOnSimFrame":
            case "LAYER_ON_SIM_FRAME":
            case "sim":
                type = DependType.LayerOnSimFrame;
                return true;
            case "LayerOnAny":
            case "LAYER_ON_ANY":
            case "any":
                type = DependType.LayerOnAny;
                return true;
            default:
                type = default;
                return false;
        }
    }
}
