using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace OpenCue.LocalCue.Intake;

/// <summary>
/// The cjsl job spec grammar Cuebot validates against, versions 1.5 to 1.15, kept here as data
/// (element content models, attributes, the version each piece appeared in) and turned into DTD
/// text on demand. Cuebot's own DTD files are not copied; the content models were written from
/// the documented per-version changes: 1.6 job <c>os</c>; 1.7 layer <c>gpu</c>; 1.8 job
/// <c>localbook</c>; 1.9 optional <c>uid</c>; 1.10 layer timeouts; 1.11 job <c>priority</c>;
/// 1.12 layer <c>gpus</c>/<c>gpu_memory</c>; 1.13 job <c>maxcores</c>/<c>maxgpus</c>; 1.14 layer
/// <c>outputs</c> (and the loss of the <c>onframe</c> declaration, restored in 1.15).
/// </summary>
internal static class CjslSchema
{
    /// <summary>The start every DTD system id must have; Cuebot maps what follows to its bundled files.</summary>
    public const string SystemIdPrefix = "http://localhost:8080/spcue/dtd/";

    /// <summary>The oldest minor version Cuebot bundles (1.5).</summary>
    public const int OldestMinor = 5;

    /// <summary>The newest minor version Cuebot bundles (1.15).</summary>
    public const int NewestMinor = 15;

    /// <summary>Cuebot's depend types, as the <c>depend@type</c> enumeration lists them (the same in every version).</summary>
    public static IReadOnlyList<string> DependTypes => OpenCue.Authoring.DependTypeNames.CuebotTypes;

    /// <summary>The layer types the DTD allows (case-sensitive).</summary>
    public static IReadOnlyList<string> LayerTypes { get; } = new[] { "Render", "Util", "Post" };

    /// <summary>The versions Cuebot bundles: <c>1.5</c> ... <c>1.15</c>.</summary>
    public static IReadOnlyList<string> Versions { get; } =
        Enumerable.Range(OldestMinor, NewestMinor - OldestMinor + 1).Select(m => "1." + m.ToString(CultureInfo.InvariantCulture)).ToArray();

    // Last minor version any piece of the grammar exists in (all of them still do).
    private const int Always = int.MaxValue;

    // Children of each element with children, in the required order: (parent, child with its
    // occurrence mark, first minor version, last minor version).
    private static readonly (string Parent, string Child, int Since, int Until)[] Children =
    {
        ("spec", "facility?", 5, Always), ("spec", "dept?", 5, Always), ("spec", "show", 5, Always),
        ("spec", "shot", 5, Always), ("spec", "user", 5, Always), ("spec", "email?", 5, Always),
        ("spec", "uid", 5, 8), ("spec", "uid?", 9, Always), ("spec", "job*", 5, Always), ("spec", "depends*", 5, Always),

        ("job", "paused?", 5, Always), ("job", "priority?", 11, Always), ("job", "maxretries?", 5, Always),
        ("job", "maxcores?", 13, Always), ("job", "maxgpus?", 13, Always), ("job", "autoeat?", 5, Always),
        ("job", "localbook?", 8, Always), ("job", "os?", 6, Always), ("job", "env*", 5, Always), ("job", "layers?", 5, Always),

        ("layers", "layer+", 5, Always),

        ("layer", "cmd", 5, Always), ("layer", "range", 5, Always), ("layer", "chunk", 5, Always),
        ("layer", "cores?", 5, Always), ("layer", "threadable?", 5, Always), ("layer", "memory?", 5, Always),
        ("layer", "gpus?", 12, Always), ("layer", "gpu?", 7, Always), ("layer", "gpu_memory?", 12, Always),
        ("layer", "timeout?", 10, Always), ("layer", "timeout_llu?", 10, Always), ("layer", "tags?", 5, Always),
        ("layer", "limits?", 5, Always), ("layer", "env*", 5, Always), ("layer", "services?", 5, Always),
        ("layer", "outputs*", 14, Always),

        ("limits", "limit+", 5, Always), ("services", "service+", 5, Always), ("outputs", "output*", 14, Always),
        ("env", "key*", 5, Always), ("depends", "depend*", 5, Always),

        ("depend", "depjob", 5, Always), ("depend", "deplayer?", 5, Always), ("depend", "depframe?", 5, Always),
        ("depend", "onjob", 5, Always), ("depend", "onlayer?", 5, Always), ("depend", "onframe?", 5, Always),
    };

    // Text-only elements, content (#PCDATA)*: (name, first minor version, a version lacking the declaration or 0).
    private static readonly (string Name, int Since, int MissingIn)[] TextElements =
    {
        ("facility", 5, 0), ("dept", 5, 0), ("show", 5, 0), ("shot", 5, 0), ("user", 5, 0), ("email", 5, 0), ("uid", 5, 0),
        ("paused", 5, 0), ("priority", 11, 0), ("maxretries", 5, 0), ("maxcores", 13, 0), ("maxgpus", 13, 0),
        ("autoeat", 5, 0), ("os", 6, 0), ("localbook", 8, 0),
        ("cmd", 5, 0), ("range", 5, 0), ("chunk", 5, 0), ("cores", 5, 0), ("threadable", 5, 0), ("memory", 5, 0),
        ("gpus", 12, 0), ("gpu", 7, 0), ("gpu_memory", 12, 0), ("timeout", 10, 0), ("timeout_llu", 10, 0), ("tags", 5, 0),
        ("service", 5, 0), ("output", 14, 0), ("limit", 5, 0), ("key", 5, 0),
        ("depjob", 5, 0), ("onjob", 5, 0), ("deplayer", 5, 0), ("onlayer", 5, 0), ("depframe", 5, 0),
        ("onframe", 5, 14), // cjsl-1.14 references onframe in depend's model but does not declare it
    };

    // Attributes: (element, attribute, type, default declaration, first minor version). A type of
    // "enum:layer" or "enum:depend" stands for the enumerations above.
    private static readonly (string Element, string Name, string Type, string Default, int Since)[] Attributes =
    {
        ("job", "name", "NMTOKEN", "#REQUIRED", 5),
        ("localbook", "host", "NMTOKEN", "#REQUIRED", 8), ("localbook", "cores", "NMTOKEN", "#REQUIRED", 8),
        ("localbook", "memory", "NMTOKEN", "#REQUIRED", 8), ("localbook", "threads", "NMTOKEN", "#REQUIRED", 8),
        ("localbook", "gpu", "NMTOKEN", "#REQUIRED", 8),
        ("layer", "name", "NMTOKEN", "#REQUIRED", 5), ("layer", "type", "enum:layer", "#REQUIRED", 5),
        ("output", "name", "NMTOKEN", "#REQUIRED", 14),
        ("key", "name", "NMTOKEN", "#REQUIRED", 5),
        ("depend", "anyframe", "NMTOKEN", "#IMPLIED", 5), ("depend", "type", "enum:depend", "#REQUIRED", 5),
    };

    /// <summary>The DTD file name Cuebot bundles for a version, e.g. <c>cjsl-1.15.dtd</c>.</summary>
    /// <param name="minor">The minor version (5 to 15).</param>
    /// <returns>The file name.</returns>
    public static string FileName(int minor) => "cjsl-1." + minor.ToString(CultureInfo.InvariantCulture) + ".dtd";

    /// <summary>The full system id of a version's DTD, as PyOutline writes it.</summary>
    /// <param name="minor">The minor version (5 to 15).</param>
    /// <returns>The system id.</returns>
    public static string SystemId(int minor) => SystemIdPrefix + FileName(minor);

    /// <summary>
    /// The minor version a DOCTYPE system id names, when Cuebot bundles a DTD for it: the id must be
    /// <see cref="SystemIdPrefix"/> followed by exactly one of the bundled file names.
    /// </summary>
    /// <param name="systemId">The system id as written in the DOCTYPE.</param>
    /// <param name="minor">The minor version, when known.</param>
    /// <returns><see langword="true"/> when Cuebot would find the DTD.</returns>
    public static bool TryGetMinor(string? systemId, out int minor)
    {
        minor = 0;
        if (systemId is null || !systemId.StartsWith(SystemIdPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var file = systemId.Substring(SystemIdPrefix.Length);
        for (int m = OldestMinor; m <= NewestMinor; m++)
        {
            if (string.Equals(file, FileName(m), StringComparison.Ordinal))
            {
                minor = m;
                return true;
            }
        }

        return false;
    }

    /// <summary>Generates the DTD text of a version from the grammar data.</summary>
    /// <param name="minor">The minor version (5 to 15).</param>
    /// <returns>The DTD, one declaration a line.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a version Cuebot bundles.</exception>
    public static string GenerateDtd(int minor)
    {
        if (minor < OldestMinor || minor > NewestMinor)
        {
            throw new ArgumentOutOfRangeException(nameof(minor), minor, "Cuebot bundles cjsl-1.5 to cjsl-1.15.");
        }

        var text = new StringBuilder();
        text.Append("<!-- cjsl-1.").Append(minor.ToString(CultureInfo.InvariantCulture))
            .Append(", generated by OpenCue.LocalCue from its own grammar data -->\n");
        foreach (var parent in Children.Select(c => c.Parent).Distinct())
        {
            var model = Children.Where(c => c.Parent == parent && c.Since <= minor && minor <= c.Until).Select(c => c.Child).ToList();
            if (model.Count > 0)
            {
                text.Append("<!ELEMENT ").Append(parent).Append(" (").Append(string.Join(",", model)).Append(")>\n");
            }
        }

        foreach (var (name, since, missingIn) in TextElements)
        {
            if (since <= minor && minor != missingIn)
            {
                text.Append("<!ELEMENT ").Append(name).Append(" (#PCDATA)*>\n");
            }
        }

        foreach (var element in Attributes.Where(a => a.Since <= minor).Select(a => a.Element).Distinct())
        {
            text.Append("<!ATTLIST ").Append(element);
            foreach (var attribute in Attributes.Where(a => a.Element == element && a.Since <= minor))
            {
                text.Append("\n    ").Append(attribute.Name).Append(' ').Append(AttributeType(attribute.Type)).Append(' ').Append(attribute.Default);
            }

            text.Append(">\n");
        }

        return text.ToString();
    }

    private static string AttributeType(string type) => type switch
    {
        "enum:layer" => "(" + string.Join("|", LayerTypes) + ")",
        "enum:depend" => "(" + string.Join("|", DependTypes) + ")",
        _ => type,
    };
}
