using System.Xml;
using OpenCue.LocalCue.Intake;
using OpenCue.Tests.Shared;

namespace OpenCue.LocalCue.Tests.Intake.Support;

/// <summary>DTD validation against Cuebot's real DTD files (<see cref="CuebotDtd"/>) or the DTD text <see cref="CjslSchema"/> generates.</summary>
public static class RealCuebotDtd
{
    public static string Folder => CuebotDtd.Folder;

    /// <summary>The DTD errors of the spec against Cuebot's real DTD file.</summary>
    public static IReadOnlyList<string> ValidateWithRealDtd(string spec) => CuebotDtd.Validate(spec);

    /// <summary>The DTD errors of the spec against the generated DTD.</summary>
    public static IReadOnlyList<string> ValidateWithGeneratedDtd(string spec) =>
        CuebotDtd.Validate(spec, file => CjslSchema.TryGetMinor(CjslSchema.SystemIdPrefix + file, out var minor)
            ? CjslSchema.GenerateDtd(minor)
            : throw new XmlException("no DTD " + file));

    /// <summary>Reads a real DTD file (for comparisons of declarations).</summary>
    public static string ReadRealDtd(int minor) => File.ReadAllText(Path.Combine(Folder, CjslSchema.FileName(minor)));
}
