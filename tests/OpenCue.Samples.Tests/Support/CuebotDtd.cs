using System.IO;
using System.Xml;
using System.Xml.Schema;
using OpenCue.Outline.Specs;

namespace OpenCue.Samples.Tests.Support;

/// <summary>
/// Validates specs against Cuebot's own DTDs, which live in the workspace's shared/dtd folder (they
/// are not copied into this repository). The folder is found from OPENCUE_DTD_DIR or by walking up
/// from the test binaries. (A copy of the object model tests' helper.)
/// </summary>
public static class CuebotDtd
{
    private static readonly Lazy<string> Directory = new(Locate);

    public static string Folder => Directory.Value;

    /// <summary>Every DTD validity error of the spec; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(string spec)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Parse,
            ValidationType = ValidationType.DTD,
            XmlResolver = new LocalDtdResolver(Folder),
        };
        settings.ValidationEventHandler += (_, e) => errors.Add(e.Severity + ": " + e.Message);
        using var reader = XmlReader.Create(new StringReader(spec), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    public static void AssertValid(string spec)
    {
        var errors = Validate(spec);
        errors.Should().BeEmpty("the spec must be valid against Cuebot's DTD:\n" + spec);
    }

    private static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("OPENCUE_DTD_DIR");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "cjsl-1.15.dtd")))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "dtd");
            if (File.Exists(Path.Combine(candidate, "cjsl-1.15.dtd")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "Cuebot's cjsl DTDs were not found: set OPENCUE_DTD_DIR to a folder holding cjsl-1.10.dtd ... cjsl-1.15.dtd " +
            "(the workspace keeps them in shared/dtd beside the repository).");
    }

    private sealed class LocalDtdResolver(string folder) : XmlUrlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            var text = absoluteUri.ToString();
            if (text.StartsWith(SpecWriter.SystemIdPrefix, StringComparison.Ordinal))
            {
                var file = Path.Combine(folder, text.Substring(SpecWriter.SystemIdPrefix.Length));
                if (!File.Exists(file))
                {
                    throw new XmlException("Cuebot bundles no DTD " + text);
                }

                return File.OpenRead(file);
            }

            throw new XmlException("Refusing to resolve " + text);
        }
    }
}
