using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Xml;

namespace OpenCue.LocalCue.Intake;

/// <summary>
/// The cheap first pass over a spec, before any DTD validation: characters XML forbids, the
/// DOCTYPE (Cuebot's parser needs one; its system id picks the DTD), and the shape of the document.
/// .NET's DTD validation of deeply nested elements is quadratic in their depth (a 350 KB spec nested
/// 50,000 deep took minutes), so nesting deeper than any cjsl spec can be, too many elements and
/// oversized attribute values are refused here, by a non-validating reader that resolves nothing
/// external and expands at most <see cref="SpecDocument.MaxEntityCharacters"/> characters of
/// internal entities (no billion laughs, no XXE).
/// </summary>
internal static class SpecPrescan
{
    /// <summary>
    /// Deepest element nesting accepted. A cjsl spec nests at most 6 levels
    /// (<c>spec/job/layers/layer/env/key</c>); 64 leaves room for anything valid and keeps DTD validation linear.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Most elements accepted. Cuebot's limits (2000 layers a job, 100,000 frames a spec) keep real
    /// specs far below this (a 2000-layer job is about 40,000 elements).
    /// </summary>
    public const int MaxElements = 1_000_000;

    /// <summary>Longest attribute value accepted (attributes hold names, types and flags).</summary>
    public const int MaxAttributeLength = 65_536;

    private const string Failed = "Failed to parse job spec XML, ";

    /// <summary>Checks the text and the document's shape; returns the cjsl minor version its DOCTYPE names.</summary>
    /// <param name="xml">The spec.</param>
    /// <param name="systemId">The DTD's system id.</param>
    /// <param name="cancellationToken">Checked at every node.</param>
    /// <returns>The minor version N of <c>cjsl-1.N.dtd</c>.</returns>
    /// <exception cref="InvalidSpecTextException">The text holds a character XML forbids.</exception>
    /// <exception cref="SpecRejectedException">Not well-formed, no usable DOCTYPE, or beyond a limit.</exception>
    public static int Scan(string xml, out string systemId, CancellationToken cancellationToken)
    {
        CheckCharacters(xml);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Parse,
            XmlResolver = null,
            MaxCharactersFromEntities = SpecDocument.MaxEntityCharacters,
        };
        string? name = null;
        string? system = null;
        int? minor = null;
        var elements = 0;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.NodeType == XmlNodeType.DocumentType)
                {
                    name = reader.Name;
                    system = reader.GetAttribute("SYSTEM");
                    continue;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                minor ??= Doctype(name, system);
                if (++elements > MaxElements)
                {
                    throw new SpecRejectedException(Failed + "the spec has more than " + Count(MaxElements) + " elements (" + At(reader) +
                        "); no spec within Cuebot's limits has that many.");
                }

                if (reader.Depth >= MaxDepth)
                {
                    throw new SpecRejectedException(Failed + "the spec nests elements more than " + Count(MaxDepth) + " deep (<" +
                        SpecNames.Quote(reader.Name).Trim('\'') + "> " + At(reader) + "); a cjsl spec nests at most 6 deep.");
                }

                if (reader.MoveToFirstAttribute())
                {
                    do
                    {
                        if (reader.Value.Length > MaxAttributeLength)
                        {
                            throw new SpecRejectedException(Failed + "the attribute " + reader.Name + " " + At(reader) + " is " +
                                Count(reader.Value.Length) + " characters long; at most " + Count(MaxAttributeLength) + " are accepted.");
                        }
                    }
                    while (reader.MoveToNextAttribute());

                    reader.MoveToElement();
                }
            }
        }
        catch (XmlException e)
        {
            throw new SpecRejectedException(Failed + e.Message, e);
        }

        minor ??= Doctype(name, system);
        systemId = system!;
        return minor.Value;
    }

    /// <summary>
    /// Refuses characters XML 1.0 does not allow anywhere, not even as <c>&amp;#...;</c>: controls
    /// other than tab, line feed and carriage return, U+FFFE, U+FFFF and unpaired surrogates.
    /// </summary>
    /// <param name="xml">The text.</param>
    /// <exception cref="InvalidSpecTextException">Names the character, its line and column and its offset.</exception>
    public static void CheckCharacters(string xml)
    {
        var text = xml.AsSpan();
        var i = 0;
        while (i < text.Length)
        {
            var next = text.Slice(i).IndexOfAnyExceptInRange('\u0020', '\uD7FF');
            if (next < 0)
            {
                return;
            }

            i += next;
            var c = text[i];
            if (c == '\t' || c == '\n' || c == '\r' || (c >= '\uE000' && c <= '\uFFFD'))
            {
                i++;
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i += 2;
                continue;
            }

            var line = 1;
            var lineStart = 0;
            for (var j = 0; j < i; j++)
            {
                if (text[j] == '\n')
                {
                    line++;
                    lineStart = j + 1;
                }
            }

            throw new InvalidSpecTextException(Failed + "the spec contains the character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) +
                (c == '\0' ? " (NUL)" : char.IsSurrogate(c) ? " (an unpaired surrogate)" : string.Empty) + ", which XML does not allow, at line " +
                Count(line) + ", column " + Count(i - lineStart + 1) + " (character offset " + Count(i) + ").");
        }
    }

    // What Cuebot's validating parser needs before the root element: a DOCTYPE for <spec> whose
    // system id names one of its bundled DTDs.
    private static int Doctype(string? name, string? system)
    {
        if (name is null)
        {
            throw new SpecRejectedException(Failed + "the spec has no DOCTYPE; Cuebot validates every spec against its DTD, e.g. " +
                "<!DOCTYPE spec PUBLIC \"SPI Cue  Specification Language\" \"" + CjslSchema.SystemId(CjslSchema.NewestMinor) + "\">.");
        }

        if (!string.Equals(name, "spec", StringComparison.Ordinal))
        {
            throw new SpecRejectedException(Failed + "the DOCTYPE names the root element '" + name + "'; a job spec's root is <spec>.");
        }

        if (string.IsNullOrEmpty(system))
        {
            throw new SpecRejectedException(Failed + "the DOCTYPE has no system id; it must be " + CjslSchema.SystemIdPrefix + "cjsl-1.N.dtd.");
        }

        if (!system!.StartsWith(CjslSchema.SystemIdPrefix, StringComparison.Ordinal))
        {
            throw new SpecRejectedException(Failed + "the DTD system id '" + system + "' does not start with " + CjslSchema.SystemIdPrefix +
                "; only Cuebot's bundled DTDs are used, nothing is fetched.");
        }

        if (!CjslSchema.TryGetMinor(system, out var minor))
        {
            throw new SpecRejectedException(Failed + "there is no bundled DTD '" + system.Substring(CjslSchema.SystemIdPrefix.Length) +
                "' (Cuebot: java.net.MalformedURLException); supported: cjsl-1." + Count(CjslSchema.OldestMinor) +
                ".dtd to cjsl-1." + Count(CjslSchema.NewestMinor) + ".dtd.");
        }

        return minor;
    }

    private static string At(XmlReader reader) =>
        reader is IXmlLineInfo info && info.HasLineInfo()
            ? "at line " + Count(info.LineNumber) + ", position " + Count(info.LinePosition)
            : "at an unknown position";

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
