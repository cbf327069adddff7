using System;
using System.Globalization;

namespace OpenCue.Authoring.Specs;

/// <summary>A cjsl DTD version this library writes: 1.10 to 1.15 (default <see cref="Latest"/>).</summary>
public readonly struct SpecVersion : IEquatable<SpecVersion>, IComparable<SpecVersion>
{
    private readonly int _minor;

    private SpecVersion(int minor) => _minor = minor;

    /// <summary>The oldest version written: 1.10 (frame timeouts).</summary>
    public static SpecVersion Oldest => new SpecVersion(10);

    /// <summary>The newest version: 1.15 (layer outputs); PyOutline's default.</summary>
    public static SpecVersion Latest => new SpecVersion(15);

    /// <summary>The minor number (10 to 15); the major is always 1. <c>default(SpecVersion)</c> is the latest.</summary>
    public int Minor => _minor == 0 ? 15 : _minor;

    /// <summary>Whether layers can carry <c>timeout</c> and <c>timeout_llu</c> (1.10+).</summary>
    public bool SupportsTimeouts => Minor >= 10;

    /// <summary>Whether the job can carry <c>priority</c> (1.11+).</summary>
    public bool SupportsPriority => Minor >= 11;

    /// <summary>Whether layers can carry <c>gpus</c> and <c>gpu_memory</c> (1.12+).</summary>
    public bool SupportsGpus => Minor >= 12;

    /// <summary>Whether the job can carry <c>maxcores</c> and <c>maxgpus</c> (1.13+).</summary>
    public bool SupportsJobMaxCores => Minor >= 13;

    /// <summary>Whether layers carry <c>outputs</c>: PyOutline writes them from 1.15 only.</summary>
    public bool SupportsOutputs => Minor >= 15;

    /// <summary>Whether depends may use <c>onframe</c>: its declaration is missing from cjsl-1.14.</summary>
    public bool SupportsOnFrame => Minor != 14;

    /// <summary>Reads <c>1.10</c> ... <c>1.15</c>.</summary>
    /// <param name="text">The version text.</param>
    /// <returns>The version.</returns>
    /// <exception cref="FormatException">Not a version this library writes.</exception>
    public static SpecVersion Parse(string text)
    {
        if (text != null && text.StartsWith("1.", StringComparison.Ordinal) &&
            int.TryParse(text.Substring(2), NumberStyles.None, CultureInfo.InvariantCulture, out var minor) &&
            minor >= 10 && minor <= 15 && text.Length == 4)
        {
            return new SpecVersion(minor);
        }

        throw new FormatException("Spec version '" + text + "' is not supported; use 1.10, 1.11, 1.12, 1.13, 1.14 or 1.15.");
    }

    /// <inheritdoc />
    public int CompareTo(SpecVersion other) => Minor.CompareTo(other.Minor);

    /// <inheritdoc />
    public bool Equals(SpecVersion other) => Minor == other.Minor;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SpecVersion other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Minor;

    /// <summary>The version as written in the DTD name, e.g. <c>1.15</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => "1." + Minor.ToString(CultureInfo.InvariantCulture);

    /// <summary>Equality.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether equal.</returns>
    public static bool operator ==(SpecVersion left, SpecVersion right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether different.</returns>
    public static bool operator !=(SpecVersion left, SpecVersion right) => !left.Equals(right);

    /// <summary>Ordering.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is older.</returns>
    public static bool operator <(SpecVersion left, SpecVersion right) => left.Minor < right.Minor;

    /// <summary>Ordering.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is newer.</returns>
    public static bool operator >(SpecVersion left, SpecVersion right) => left.Minor > right.Minor;

    /// <summary>Ordering.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is not newer.</returns>
    public static bool operator <=(SpecVersion left, SpecVersion right) => left.Minor <= right.Minor;

    /// <summary>Ordering.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>Whether left is not older.</returns>
    public static bool operator >=(SpecVersion left, SpecVersion right) => left.Minor >= right.Minor;
}
