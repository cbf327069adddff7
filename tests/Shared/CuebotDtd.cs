using System.Xml;
using System.Xml.Schema;

namespace OpenCue.Tests.Shared;

/// <summary>
/// Validates specs against Cuebot's own cjsl DTDs. They live in the workspace's shared/dtd folder and
/// are not copied into this repository: the folder is found from OPENCUE_DTD_DIR or by walking up
/// from the test binaries. Linked into every test project that checks specs.
/// </summary>
public static class CuebotDtd
{
    /// <summary>The system id prefix Cuebot maps to its bundled DTDs.</summary>
    public const string SystemIdPrefix = "http://localhost:8080/spcue/dtd/";

    private static readonly Lazy<string> FolderValue = new(Locate);

    public static string Folder => FolderValue.Value;

    /// <summary>Every DTD validity error of the spec against Cuebot's real DTD; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(string spec) =>
        Validate(spec, file =>
        {
            var path = Path.Combine(Folder, file);
            return File.Exists(path) ? File.ReadAllText(path) : throw new XmlException("Cuebot bundles no DTD " + file);
        });

    /// <summary>Every DTD validity error of the spec against the DTD text given for each DTD file name.</summary>
    public static IReadOnlyList<string> Validate(string spec, Func<string, string> dtdForFile)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Parse,
            ValidationType = ValidationType.DTD,
            XmlResolver = new Resolver(dtdForFile),
        };
        settings.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
            {
                errors.Add(e.Message);
            }
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(spec), settings);
            while (reader.Read())
            {
            }
        }
        catch (XmlException e)
        {
            errors.Add("fatal: " + e.Message);
        }

        return errors;
    }

    public static void AssertValid(string spec) =>
        Validate(spec).Should().BeEmpty("the spec must be valid against Cuebot's DTD:\n" + spec);

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

    private sealed class Resolver(Func<string, string> dtdForFile) : XmlUrlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            var text = absoluteUri.ToString();
            if (!text.StartsWith(SystemIdPrefix, StringComparison.Ordinal))
            {
                throw new XmlException("Refusing to resolve " + text);
            }

            return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(dtdForFile(text.Substring(SystemIdPrefix.Length))));
        }
    }
}
