using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace OpenCue.LocalCue.Intake;

/// <summary>
/// Loads a spec as Cuebot's validating parser does: the DOCTYPE must name one of Cuebot's cjsl
/// DTDs (<c>http://localhost:8080/spcue/dtd/cjsl-1.N.dtd</c>), whose generated text
/// (<see cref="CjslSchema"/>) the document must be valid against. Nothing is fetched from the
/// network or the file system. Every failure is "Failed to parse job spec XML, ...".
/// </summary>
internal static class SpecDocument
{
    private const string Failed = "Failed to parse job spec XML, ";

    /// <summary>Internal-subset entities cannot blow the document up beyond this many characters.</summary>
    internal const long MaxEntityCharacters = 10_000_000;

    /// <summary>Parses and validates the spec.</summary>
    /// <param name="xml">The spec text.</param>
    /// <param name="cancellationToken">Checked at every node of both passes (the parse deadline, the caller giving up).</param>
    /// <returns>The validated document; its root is <c>spec</c>.</returns>
    /// <exception cref="InvalidSpecTextException">The text holds a character XML forbids.</exception>
    /// <exception cref="SpecRejectedException">The text is not well-formed, beyond a limit of <see cref="SpecPrescan"/>, or not valid.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static XDocument Load(string xml, CancellationToken cancellationToken)
    {
        // The cheap pass first: nothing reaches DTD validation nested deeper than a spec can be.
        var minor = SpecPrescan.Scan(xml, out var systemId, cancellationToken);
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Parse,
            ValidationType = ValidationType.DTD,
            XmlResolver = new BundledDtdResolver(new Uri(systemId), CjslSchema.GenerateDtd(minor)),
            MaxCharactersFromEntities = MaxEntityCharacters,
        };
        settings.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
            {
                errors.Add(Describe(e.Exception));
            }
        };

        XDocument document;
        try
        {
            using var reader = new CancellableXmlReader(XmlReader.Create(new StringReader(xml), settings), cancellationToken);
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new SpecRejectedException(Failed + e.Message);
        }

        if (errors.Count > 0)
        {
            var more = errors.Count > 1
                ? " (and " + (errors.Count - 1).ToString(CultureInfo.InvariantCulture) + " more DTD error(s))"
                : string.Empty;
            throw new SpecRejectedException(Failed + "the spec is not valid against " + CjslSchema.FileName(minor) + ": " + errors[0] + more);
        }

        if (document.Root is null || document.Root.Name != XName.Get("spec"))
        {
            throw new SpecRejectedException(Failed + "the root element must be <spec>.");
        }

        return document;
    }

    private static string Describe(XmlSchemaException e)
    {
        var message = e.Message;
        if (e.LineNumber > 0 && message.IndexOf("line " + e.LineNumber.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) < 0)
        {
            message += " (line " + e.LineNumber.ToString(CultureInfo.InvariantCulture) + ", position " +
                e.LinePosition.ToString(CultureInfo.InvariantCulture) + ")";
        }

        return message;
    }

    // Serves the generated DTD for the spec's system id and refuses every other external entity.
    private sealed class BundledDtdResolver : XmlResolver
    {
        private readonly Uri _systemId;
        private readonly byte[] _dtd;

        public BundledDtdResolver(Uri systemId, string dtd)
        {
            _systemId = systemId;
            _dtd = Encoding.UTF8.GetBytes(dtd);
        }

        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (absoluteUri == _systemId && (ofObjectToReturn is null || ofObjectToReturn == typeof(Stream) || ofObjectToReturn == typeof(object)))
            {
                return new MemoryStream(_dtd, writable: false);
            }

            throw new XmlException("the external entity '" + absoluteUri + "' is not resolved; only the cjsl DTD is.");
        }
    }
}
