using System;

namespace OpenCue.Authoring;

/// <summary>A parsed PyOutline require string, <c>layer</c> or <c>layer:kind</c>.</summary>
internal readonly struct RequireString : IEquatable<RequireString>
{
    /// <summary>Creates a require.</summary>
    /// <param name="layerName">The layer required.</param>
    /// <param name="type">The dependency type.</param>
    public RequireString(string layerName, DependType type)
    {
        LayerName = layerName;
        Type = type;
    }

    /// <summary>The layer required.</summary>
    public string LayerName { get; }

    /// <summary>The dependency type: FrameByFrame when the string names no kind.</summary>
    public DependType Type { get; }

    /// <summary>
    /// Parses <c>layer</c> (FrameByFrame) or <c>layer:kind</c>, where kind is <c>all</c>, <c>any</c>,
    /// <c>sim</c>, <c>prev</c> or a <see cref="DependType"/> name, as PyOutline's <c>parse_require_str</c>.
    /// </summary>
    /// <param name="text">The require string, e.g. <c>prep:all</c>.</param>
    /// <returns>The parsed require.</returns>
    /// <exception cref="FormatException">The text is empty or the kind is unknown.</exception>
    public static RequireString Parse(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new FormatException("A require string names a layer, optionally followed by ':kind'; it is empty.");
        }

        var parts = text.Split(':');
        if (parts.Length == 1)
        {
            return new RequireString(parts[0], DependType.FrameByFrame);
        }

        if (!DependTypeNames.TryParse(parts[1], out var type))
        {
            throw new FormatException("Unknown depend kind '" + parts[1] + "' in require '" + text +
                "'; use all, any, sim, prev, FrameByFrame, LayerOnLayer, PreviousFrame, LayerOnSimFrame or LayerOnAny.");
        }

        return new RequireString(parts[0], type);
    }

    /// <inheritdoc />
    public bool Equals(RequireString other) => string.Equals(LayerName, other.LayerName, StringComparison.Ordinal) && Type == other.Type;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RequireString other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (LayerName ?? string.Empty).GetHashCode() ^ (int)Type;

    /// <inheritdoc />
    public override string ToString() => LayerName + ":" + Type;
}
