using OpenCue.Authoring.Specs;
using OpenCue.LocalCue.Intake;

namespace OpenCue.LocalCue.Tests.Intake.Support;

/// <summary>Hand-written cjsl specs for tests, and helpers around <see cref="SpecIntake"/>.</summary>
internal static class Specs
{
    public const string Header = "<facility>local</facility><show>testing</show><shot>sh010</shot><user>jdoe</user><email>jdoe@example.com</email><uid>1000</uid>";

    public static readonly string[] WrittenVersions = { "1.10", "1.11", "1.12", "1.13", "1.14", "1.15" };

    public static string Doctype(string version) =>
        "<!DOCTYPE spec PUBLIC \"SPI Cue Specification Language\" \"http://localhost:8080/spcue/dtd/cjsl-" + version + ".dtd\">";

    /// <summary>A whole spec: declaration, DOCTYPE, header, the given jobs and depends.</summary>
    public static string Spec(string jobs, string depends = "", string version = "1.15", string header = Header) =>
        "<?xml version=\"1.0\"?>" + Doctype(version) + "<spec>" + header + jobs + depends + "</spec>";

    /// <summary>A job; <paramref name="settings"/> are its children before env/layers (in DTD order).</summary>
    public static string Job(string layers, string name = "my-job", string settings = "", string env = "") =>
        "<job name=\"" + name + "\">" + settings + env + "<layers>" + layers + "</layers></job>";

    /// <summary>A layer; <paramref name="extra"/> follows chunk (in DTD order), <paramref name="tail"/> follows env.</summary>
    public static string Layer(string name = "render", string type = "Render", string range = "1-10", string chunk = "1",
        string extra = "", string env = "", string tail = "", string cmd = "echo #IFRAME#") =>
        "<layer name=\"" + name + "\" type=\"" + type + "\"><cmd>" + cmd + "</cmd><range>" + range + "</range><chunk>" + chunk + "</chunk>" +
        extra + env + tail + "</layer>";

    public static string Services(params string[] names) =>
        "<services>" + string.Concat(names.Select(n => "<service>" + n + "</service>")) + "</services>";

    public static string Depends(params string[] depends) => "<depends>" + string.Concat(depends) + "</depends>";

    public static string Depend(string type, string depJob = "my-job", string? depLayer = null, string? depFrame = null,
        string onJob = "my-job", string? onLayer = null, string? onFrame = null, string? anyFrame = null) =>
        "<depend type=\"" + type + "\"" + (anyFrame is null ? string.Empty : " anyframe=\"" + anyFrame + "\"") + ">" +
        "<depjob>" + depJob + "</depjob>" + Optional("deplayer", depLayer) + Optional("depframe", depFrame) +
        "<onjob>" + onJob + "</onjob>" + Optional("onlayer", onLayer) + Optional("onframe", onFrame) + "</depend>";

    private static string Optional(string element, string? value) => value is null ? string.Empty : "<" + element + ">" + value + "</" + element + ">";

    /// <summary>Parses with fixed options (clock 2024-01-02T03:04:05Z = 1704164645000 ms).</summary>
    public static ParsedJobSpec Parse(string xml, IntakeOptions? options = null) => SpecIntake.Parse(xml, options ?? Options());

    public static IntakeOptions Options() => new() { Clock = () => FixedTime };

    public static readonly DateTimeOffset FixedTime = DateTimeOffset.FromUnixTimeMilliseconds(1704164645000);

    /// <summary>The message of the rejection of <paramref name="xml"/>.</summary>
    public static string Rejection(string xml, IntakeOptions? options = null)
    {
        var act = () => Parse(xml, options);
        return act.Should().Throw<SpecRejectedException>().Which.Message;
    }

    /// <summary>The only layer of the only (parent) job.</summary>
    public static LayerDefinition SingleLayer(string layerXml, string version = "1.15", IntakeOptions? options = null) =>
        Parse(Spec(Job(layerXml), version: version), options).Jobs.Single().Layers.Single();

    /// <summary>Pairs as <c>key=value</c> strings, in order (FluentAssertions treats pair lists as dictionaries).</summary>
    public static List<string> Flat(IEnumerable<KeyValuePair<string, string>> pairs) => pairs.Select(p => p.Key + "=" + p.Value).ToList();

    public static SpecWriterOptions Writer(string version) => new() { Uid = 1000, Version = SpecVersion.Parse(version) };
}
