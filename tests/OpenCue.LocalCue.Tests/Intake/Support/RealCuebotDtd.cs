using System.Xml;
using System.Xml.Schema;
using OpenCue.LocalCue.Intake;

namespace OpenCue.LocalCue.Tests.Intake.Support;

/// <summary>
/// DTD validation of a spec with .NET's validating reader, against either Cuebot's real DTD files (the
/// workspace's shared/dtd folder, found from OPENCUE_DTD_DIR or by walking up from the test binaries,
/// as tests/OpenCue.Outline.Tests/Support/CuebotDtd.cs does; never copied into the repository) or the
/// DTD text <see cref="CjslSchema"/> generates.
/// </summary>
public static class RealCuebotDtd
{
    private static readonly Lazy<string> FolderValue = new(Locate);

    public static string Folder => FolderValue.Value;

    /// <summary>The DTD errors of the spec against Cuebot's real DTD file.</summary>
    public static IReadOnlyList<string> ValidateWithRealDtd(string spec) =>
        Validate(spec, file => File.ReadAllText(Path.Combine(Folder, file)));

    /// <summary>The DTD errors of the spec against the generated DTD.</summary>
    public static IReadOnlyList<string> ValidateWithGeneratedDtd(string spec) =>
        Validate(spec, file => CjslSchema.TryGetMinor(CjslSchema.SystemIdPrefix + file, out var minor)
            ? CjslSchema.GenerateDtd(minor)
            : throw new XmlException("no DTD " + file));

    private static IReadOnlyList<string> Validate(string spec, Func<string, string> dtdForFile)
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

    /// <summary>Reads a real DTD file (for comparisons of declarations).</summary>
    public static string ReadRealDtd(int minor) => File.ReadAllText(Path.Combine(Folder, CjslSchema.FileName(minor)));

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
            if (!text.StartsWith(CjslSchema.SystemIdPrefix, StringComparison.Ordinal))
            {
                throw new XmlException("Refusing to resolve " + text);
            }

            return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(dtdForFile(text.Substring(CjslSchema.SystemIdPrefix.Length))));
        }
    }
}
