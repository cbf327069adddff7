using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Xml;

namespace OpenCue.Authoring;

/// <summary>
/// Cuebot's naming rules, in one place: what a show, shot, layer, tag or job name must look
/// like, how Cuebot conforms them (<c>-</c> to <c>_</c>, lower case), how it builds the job name
/// <c>show-shot-user_name</c>, and how frames are named (<c>0001-layer</c>).
/// </summary>
internal static class CueNames
{
    /// <summary>Cuebot's <c>NAME_REGEX</c>: at least three ASCII letters, digits, <c>_</c>, <c>.</c> or <c>-</c>.</summary>
    public const string NamePattern = "^([A-Za-z0-9_.-]{3,})$";

    /// <summary>Cuebot's <c>FRAME_NAME_REGEX</c>: 4 to 6 digits, <c>-</c>, then a layer name of word characters.</summary>
    public const string FrameNamePattern = "^([0-9]{4,6})-([A-Za-z0-9_]+)$";

    /// <summary>Whether <paramref name="name"/> matches Cuebot's <see cref="NamePattern"/> as it stands.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public static bool IsValidName(string? name) => name != null && (IsPlainName(name) || MatchesNamePattern(name));

    /// <summary>
    /// Conforms a show, shot or layer name as Cuebot's <c>conformName</c> does: at least three
    /// characters as given, then <c>-</c> becomes <c>_</c>, lower-cased, and the result must match
    /// <see cref="NamePattern"/>.
    /// </summary>
    /// <param name="kind">What is named, for the message: <c>Show</c>, <c>Shot</c>, <c>Layer</c>.</param>
    /// <param name="name">The name as written.</param>
    /// <param name="conformed">The conformed name, when valid.</param>
    /// <param name="error">Cuebot's reason, when not.</param>
    /// <returns><see langword="true"/> when the name is acceptable.</returns>
    public static bool TryConformName(string kind, string? name, out string conformed, out string error)
    {
        conformed = string.Empty;
        if (name is null || name.Length < 3)
        {
            error = "The " + kind.ToLowerInvariant() + " name must be at least 3 characters.";
            return false;
        }

        var candidate = name.Replace('-', '_').ToLowerInvariant();
        if (!IsPlainName(candidate) && !MatchesNamePattern(candidate))
        {
            error = "The " + kind.ToLowerInvariant() + " name '" + name + "' (conformed '" + candidate +
                "') may only contain letters, digits, '_', '.' and '-'.";
            return false;
        }

        conformed = candidate;
        error = string.Empty;
        return true;
    }

    /// <summary>Conforms a layer, shot or show name, throwing <see cref="FormatException"/> with Cuebot's reason.</summary>
    /// <param name="kind">What is named: <c>Show</c>, <c>Shot</c>, <c>Layer</c>.</param>
    /// <param name="name">The name as written.</param>
    /// <returns>The conformed name.</returns>
    public static string ConformName(string kind, string name) =>
        TryConformName(kind, name, out var conformed, out var error) ? conformed : throw new FormatException(error);

    /// <summary>
    /// Builds the job name Cuebot stores, as <c>conformJobName</c> does: prefix
    /// <c>show-shot-user_</c> (a name that already starts with it keeps only its suffix); the
    /// suffix is lower-cased, runs of <c>_</c> collapsed, then <c>-</c> becomes <c>_</c>; it must
    /// match <see cref="NamePattern"/>; leading <c>_</c> are dropped; the whole is lower-cased.
    /// </summary>
    /// <param name="show">The show, as written (Cuebot does not conform it).</param>
    /// <param name="conformedShot">The shot, already conformed.</param>
    /// <param name="user">The user.</param>
    /// <param name="name">The outline's name.</param>
    /// <param name="jobName">The conformed job name, e.g. <c>testing-sh010-jdoe_my_job</c>.</param>
    /// <param name="error">Cuebot's reason, when the suffix is not acceptable.</param>
    /// <returns><see langword="true"/> when the name is acceptable.</returns>
    public static bool TryConformJobName(string show, string conformedShot, string user, string? name, out string jobName, out string error)
    {
        jobName = string.Empty;
        if (name is null)
        {
            error = "Job names cannot be null.";
            return false;
        }

        var prefix = show + "-" + conformedShot + "-" + user + "_";
        var suffix = ConformJobNameSuffix(name.StartsWith(prefix, StringComparison.Ordinal) ? name.Substring(prefix.Length - 1) : name);
        if (!IsPlainName(suffix) && !MatchesNamePattern(suffix))
        {
            error = "The job name suffix '" + suffix + "' must be at least 3 characters of letters, digits, '.' and '_'.";
            return false;
        }

        suffix = suffix.TrimStart('_');
        prefix = prefix.TrimEnd('_');
        jobName = (prefix + "_" + suffix).ToLowerInvariant();
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// The part of <c>conformJobName</c> that changes a job name's suffix (after <c>show-shot-user_</c>):
    /// lower-cased, runs of <c>_</c> collapsed, then <c>-</c> made <c>_</c> (so <c>a--b</c> stays
    /// <c>a__b</c>). Leading <c>_</c> are kept; the caller checks and trims.
    /// </summary>
    /// <param name="suffix">The suffix as written.</param>
    /// <returns>The conformed suffix.</returns>
    internal static string ConformJobNameSuffix(string suffix)
    {
        suffix = suffix.ToLowerInvariant();
        if (suffix.IndexOf("__", StringComparison.Ordinal) >= 0)
        {
            suffix = CollapseUnderscores(suffix);
        }

        return suffix.Replace('-', '_');
    }

    /// <summary>Cuebot's frame name: the frame number as Java's <c>%04d</c> (<c>0001</c>, <c>12345</c>, <c>-005</c>), <c>-</c>, the layer name.</summary>
    /// <param name="frame">The frame number.</param>
    /// <param name="layerName">The (conformed) layer name.</param>
    /// <returns>The frame name, e.g. <c>0001-render</c>.</returns>
    public static string FrameName(int frame, string layerName) => PadFrame(frame) + "-" + layerName;

    /// <summary>A frame number formatted as Java's <c>%04d</c>: zero-padded to four characters, sign included.</summary>
    /// <param name="frame">The frame number.</param>
    /// <returns>The padded number (<c>#ZFRAME#</c>).</returns>
    public static string PadFrame(int frame)
    {
        if (frame >= 0)
        {
            return frame.ToString("0000", CultureInfo.InvariantCulture);
        }

        var digits = ((long)frame * -1).ToString(CultureInfo.InvariantCulture);
        return "-" + digits.PadLeft(3, '0');
    }

    /// <summary>Whether a frame name can appear in a spec's <c>depframe</c>/<c>onframe</c> (<see cref="FrameNamePattern"/>).</summary>
    /// <param name="frameName">The frame name.</param>
    /// <returns><see langword="true"/> when Cuebot accepts it.</returns>
    public static bool IsValidFrameName(string? frameName) => frameName != null && Patterns.FrameName.IsMatch(frameName);

    /// <summary>
    /// Conforms a frame name from a spec's <c>depframe</c>/<c>onframe</c> as Cuebot's
    /// <c>conformFrameName</c> does: it must match <see cref="FrameNamePattern"/>; the number is
    /// rewritten as <c>%04d</c> (<c>000012-x</c> becomes <c>0012-x</c>) and the layer part is
    /// conformed as a layer name (<see cref="TryConformName"/>, so it needs three characters).
    /// </summary>
    /// <param name="frameName">The frame name as written, e.g. <c>0001-Render</c>.</param>
    /// <param name="conformed">The conformed name, e.g. <c>0001-render</c>, when valid.</param>
    /// <param name="error">Cuebot's reason, when not.</param>
    /// <returns><see langword="true"/> when Cuebot accepts the name.</returns>
    public static bool TryConformFrameName(string? frameName, out string conformed, out string error)
    {
        conformed = string.Empty;
        var match = frameName is null ? null : Patterns.FrameName.Match(frameName);
        if (match is null || !match.Success)
        {
            error = "The frame name: " + frameName + " is not in the proper format (4 to 6 digits, '-', then a layer name " +
                "of letters, digits and '_', e.g. 0001-render).";
            return false;
        }

        if (!TryConformName("Layer", match.Groups[2].Value, out var layer, out error))
        {
            error = "The frame name: " + frameName + " names an invalid layer: " + error;
            return false;
        }

        conformed = FrameName(int.Parse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture), layer);
        error = string.Empty;
        return true;
    }

    /// <summary>Whether <paramref name="value"/> is an XML NMTOKEN (required for job, layer, env key and output names in the spec).</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when it is a valid NMTOKEN.</returns>
    public static bool IsNmToken(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        // Letters, digits, '.', '-', '_' and ':' are name characters in every XML edition.
        foreach (var c in value!)
        {
            if (!IsAsciiLetterOrDigit(c) && c != '.' && c != '-' && c != '_' && c != ':')
            {
                return IsNmTokenByXmlConvert(value);
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="key"/> is a portable environment variable name (<c>[A-Za-z_][A-Za-z0-9_]*</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public static bool IsEnvironmentName(string? key)
    {
        if (key is null)
        {
            return false;
        }

        if (key.Length > 0 && !IsAsciiDigit(key[0]))
        {
            var plain = true;
            foreach (var c in key)
            {
                if (!IsAsciiLetterOrDigit(c) && c != '_')
                {
                    plain = false;
                    break;
                }
            }

            if (plain)
            {
                return true;
            }
        }

        return MatchesEnvironmentPattern(key);
    }

    /// <summary>
    /// Whether <paramref name="c"/> is one of the characters of <see cref="NamePattern"/>: an ASCII
    /// letter or digit, <c>_</c>, <c>.</c> or <c>-</c> (Java's <c>[\w\.-]</c>).
    /// </summary>
    /// <param name="c">The character.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public static bool IsNameCharacter(char c) => IsAsciiLetterOrDigit(c) || c == '_' || c == '.' || c == '-';

    // Three or more of [A-Za-z0-9_.-]: NamePattern matches. Anything else is left to the pattern
    // itself (which also accepts one trailing line feed, as .NET's '$' does).
    private static bool IsPlainName(string name)
    {
        if (name.Length < 3)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsNameCharacter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiDigit(char c) => c >= '0' && c <= '9';

    private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsAsciiDigit(c);

    // Out of line so that plain names never load System.Xml.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsNmTokenByXmlConvert(string value)
    {
        try
        {
            XmlConvert.VerifyNMTOKEN(value);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    // The patterns themselves, out of line so that plain names never load the regex engine.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool MatchesNamePattern(string name) => Patterns.Name.IsMatch(name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool MatchesEnvironmentPattern(string key) => Patterns.EnvironmentName.IsMatch(key);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string CollapseUnderscores(string text) => Patterns.RepeatedUnderscores.Replace(text, "_");

    // Built on first use: most names never need them (see IsPlainName).
    private static class Patterns
    {
        public static readonly Regex Name = new Regex(NamePattern, RegexOptions.CultureInvariant);
        public static readonly Regex FrameName = new Regex(FrameNamePattern, RegexOptions.CultureInvariant);
        public static readonly Regex RepeatedUnderscores = new Regex("_{2,}", RegexOptions.CultureInvariant);
        public static readonly Regex EnvironmentName = new Regex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
    }
}
