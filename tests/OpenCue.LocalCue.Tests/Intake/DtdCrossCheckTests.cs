using System.Text.RegularExpressions;
using OpenCue.Authoring;
using OpenCue.Authoring.Specs;
using OpenCue.LocalCue.Intake;
using OpenCue.LocalCue.Tests.Intake.Support;
using static OpenCue.LocalCue.Tests.Intake.Support.Specs;

namespace OpenCue.LocalCue.Tests.Intake;

/// <summary>
/// The generated DTDs against Cuebot's real ones (shared/dtd, 1.10 to 1.15): same declarations, and
/// the same verdict on a corpus of valid and invalid specs, through the intake's own validator too.
/// </summary>
public class DtdCrossCheckTests
{
    public static TheoryData<string> Versions => new(WrittenVersions);

    [Theory]
    [MemberData(nameof(Versions))]
    public void Generated_dtd_declares_exactly_what_the_real_dtd_declares(string version)
    {
        var minor = int.Parse(version.Substring(2));
        var real = Declarations(RealCuebotDtd.ReadRealDtd(minor));
        var generated = Declarations(CjslSchema.GenerateDtd(minor));

        generated.Should().BeEquivalentTo(real);
        real.Should().HaveCountGreaterThan(40);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Verdicts_on_the_corpus_match_the_real_dtd(string version)
    {
        var corpus = Corpus(version).ToList();
        var mismatches = new List<string>();
        var valid = 0;
        foreach (var (label, xml) in corpus)
        {
            var realErrors = RealCuebotDtd.ValidateWithRealDtd(xml);
            var generatedErrors = RealCuebotDtd.ValidateWithGeneratedDtd(xml);
            var intakeRejected = IntakeRejectsAsInvalidXml(xml, out var message);
            var realValid = realErrors.Count == 0;
            valid += realValid ? 1 : 0;
            if (realValid != (generatedErrors.Count == 0) || realValid == intakeRejected)
            {
                mismatches.Add(label + ": real " + (realValid ? "valid" : string.Join("; ", realErrors)) +
                    " | generated " + (generatedErrors.Count == 0 ? "valid" : string.Join("; ", generatedErrors)) +
                    " | intake " + (intakeRejected ? message : "accepted"));
            }
        }

        mismatches.Should().BeEmpty();
        valid.Should().BeGreaterThan(10, "the corpus holds valid specs");
        (corpus.Count - valid).Should().BeGreaterThan(15, "the corpus holds invalid specs");
    }

    [Fact]
    public void Onframe_is_invalid_under_1_14_only()
    {
        var sim = Spec(Job(Layer("first") + Layer("second")), Depends(Depend("LAYER_ON_SIM_FRAME", depLayer: "second", onFrame: "0001-first")), "1.14");
        RealCuebotDtd.ValidateWithRealDtd(sim).Should().NotBeEmpty();
        Rejection(sim).Should().StartWith("Failed to parse job spec XML, ").And.Contain("onframe");

        var ok = sim.Replace("cjsl-1.14", "cjsl-1.15");
        RealCuebotDtd.ValidateWithRealDtd(ok).Should().BeEmpty();
        Parse(ok).Depends.Single().OnFrame.Should().Be("0001-first");
    }

    private static bool IntakeRejectsAsInvalidXml(string xml, out string message)
    {
        try
        {
            SpecIntake.Parse(xml, Options());
            message = string.Empty;
            return false;
        }
        catch (SpecRejectedException e)
        {
            message = e.Message;
            return e.Message.StartsWith("Failed to parse job spec XML, ", StringComparison.Ordinal);
        }
    }

    // Element content models and attribute definitions, whitespace removed, keyed by declaration.
    private static HashSet<string> Declarations(string dtd)
    {
        var text = Regex.Replace(dtd, "<!--.*?-->", " ", RegexOptions.Singleline);
        var set = new HashSet<string>();
        foreach (Match m in Regex.Matches(text, @"<!ELEMENT\s+(\S+)\s+([^>]*)>"))
        {
            set.Add("ELEMENT " + m.Groups[1].Value + " " + Regex.Replace(m.Groups[2].Value, @"\s+", string.Empty));
        }

        foreach (Match m in Regex.Matches(text, @"<!ATTLIST\s+(\S+)\s+([^>]*)>"))
        {
            var body = Regex.Replace(m.Groups[2].Value, @"\(([^)]*)\)", g => Regex.Replace(g.Value, @"\s+", string.Empty));
            var tokens = body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i + 2 < tokens.Length; i += 3)
            {
                set.Add("ATTLIST " + m.Groups[1].Value + " " + tokens[i] + " " + tokens[i + 1] + " " + tokens[i + 2]);
            }
        }

        return set;
    }

    private static IEnumerable<(string Label, string Xml)> Corpus(string version)
    {
        foreach (var (label, outline, validate) in Outlines())
        {
            var options = Writer(version);
            options.Validate = validate;
            yield return ("SpecWriter " + label, outline.ToSpec(options));
        }

        string S(string jobs, string depends = "", string header = Header) => Spec(jobs, depends, version, header);
        string J(string layerExtra = "", string settings = "", string env = "", string tail = "") =>
            S(Job(Layer(extra: layerExtra, tail: tail), settings: settings, env: env));

        yield return ("minimal", J());
        yield return ("range before cmd", S(Job("<layer name=\"render\" type=\"Render\"><range>1</range><cmd>x</cmd><chunk>1</chunk></layer>")));
        yield return ("lower-case type", S(Job(Layer(type: "render"))));
        yield return ("upper-case type", S(Job(Layer(type: "UTIL"))));
        yield return ("Post type", S(Job(Layer() + Layer("cleanup", "Post"))));
        yield return ("missing chunk", S(Job("<layer name=\"render\" type=\"Render\"><cmd>x</cmd><range>1</range></layer>")));
        yield return ("space in layer name", S(Job(Layer("my layer"))));
        yield return ("padded layer name", S(Job(Layer(" render "))));
        yield return ("slash in key name", J(env: "<env><key name=\"a/b\">v</key></env>"));
        yield return ("comma in job name", S(Job(Layer(), name: "a,b")));
        yield return ("unknown element", J("<foo/>"));
        yield return ("unknown attribute", S("<job name=\"xjob\" foo=\"1\"><layers>" + Layer() + "</layers></job>"));
        yield return ("job without name", S("<job><layers>" + Layer() + "</layers></job>"));
        yield return ("priority", J(settings: "<paused>False</paused><priority>1</priority>"));
        yield return ("maxcores", J(settings: "<maxretries>1</maxretries><maxcores>4</maxcores><maxgpus>1</maxgpus>"));
        yield return ("maxcores after autoeat", J(settings: "<autoeat>False</autoeat><maxcores>4</maxcores>"));
        yield return ("os", J(settings: "<os>linux</os>"));
        yield return ("localbook", J(settings: "<localbook host=\"h\" cores=\"1\" memory=\"1\" threads=\"1\" gpu=\"0\"/>"));
        yield return ("localbook without gpu", J(settings: "<localbook host=\"h\" cores=\"1\" memory=\"1\" threads=\"1\"/>"));
        yield return ("gpus", J("<gpus>1</gpus>"));
        yield return ("gpu", J("<gpu>1g</gpu>"));
        yield return ("gpu_memory", J("<gpu_memory>1g</gpu_memory>"));
        yield return ("gpus after gpu", J("<gpu>1g</gpu><gpus>1</gpus>"));
        yield return ("timeouts", J("<timeout>10</timeout><timeout_llu>5</timeout_llu>"));
        yield return ("timeout_llu before timeout", J("<timeout_llu>5</timeout_llu><timeout>10</timeout>"));
        yield return ("tags before memory", J("<tags>general</tags><memory>1g</memory>"));
        yield return ("all layer settings", J("<cores>1.0</cores><threadable>True</threadable><memory>2g</memory><tags>general</tags><limits><limit>lic</limit></limits>"));
        yield return ("empty limits", J("<limits/>"));
        yield return ("empty services", J(tail: "<services/>"));
        yield return ("env after services", J(tail: Services("shell") + "<env/>"));
        yield return ("two layer envs", J(tail: "<env/><env><key name=\"A\">1</key></env>" + Services("shell")));
        yield return ("outputs", J(tail: Services("shell") + "<outputs><output name=\"main\">/tmp/a</output></outputs>"));
        yield return ("empty outputs", J(tail: "<outputs/>"));
        yield return ("output without name", J(tail: "<outputs><output>/tmp/a</output></outputs>"));
        yield return ("key without name", J(env: "<env><key>v</key></env>"));
        yield return ("element in cmd", S(Job(Layer(cmd: "echo <b/>"))));
        yield return ("CDATA and comment", S(Job(Layer(cmd: "<![CDATA[echo a<b]]><!-- c -->"))));
        yield return ("empty layers", S("<job name=\"xjob\"><layers/></job>"));
        yield return ("text in layers", S("<job name=\"xjob\"><layers>text" + Layer() + "</layers></job>"));
        yield return ("no layers element", S("<job name=\"xjob\"/>"));
        yield return ("no uid", S(Job(Layer()), header: "<show>testing</show><shot>sh010</shot><user>jdoe</user>"));
        yield return ("no show", S(Job(Layer()), header: "<shot>sh010</shot><user>jdoe</user><uid>1000</uid>"));
        yield return ("two shows", S(Job(Layer()), header: "<show>a</show><show>b</show><shot>sh010</shot><user>jdoe</user>"));
        yield return ("facility after show", S(Job(Layer()), header: "<show>testing</show><facility>x</facility><shot>sh010</shot><user>jdoe</user>"));
        yield return ("dept", S(Job(Layer()), header: "<facility>local</facility><dept>fx</dept><show>testing</show><shot>sh010</shot><user>jdoe</user>"));
        yield return ("email after uid", S(Job(Layer()), header: "<show>testing</show><shot>sh010</shot><user>jdoe</user><uid>1</uid><email>a@b</email>"));
        yield return ("depends before job", S(Depends() + Job(Layer())));
        yield return ("two depends", S(Job(Layer("first") + Layer("second")), Depends() + Depends()));
        yield return ("bad depend type", S(Job(Layer("first") + Layer("second")), Depends(Depend("FOO", depLayer: "second", onLayer: "first"))));
        yield return ("anyframe with space", S(Job(Layer("first") + Layer("second")), Depends(Depend("LAYER_ON_LAYER", depLayer: "second", onLayer: "first", anyFrame: "a b"))));
        yield return ("depend without depjob", S(Job(Layer()), Depends("<depend type=\"JOB_ON_JOB\"><onjob>x</onjob></depend>")));
        yield return ("onframe", S(Job(Layer("first") + Layer("second")), Depends(Depend("LAYER_ON_SIM_FRAME", depLayer: "second", onFrame: "0001-first"))));
        yield return ("frame depend", S(Job(Layer("first") + Layer("second")), Depends(Depend("FRAME_ON_LAYER", depFrame: "0001-second", onLayer: "first"))));
        yield return ("internal subset attribute", Spec(Job(Layer()), version: version).Replace(".dtd\">", ".dtd\" [<!ATTLIST layer extra CDATA #IMPLIED>]>").Replace("type=\"Render\"", "type=\"Render\" extra=\"1\""));
        yield return ("internal subset element", Spec(Job(Layer(extra: "<foo/>")), version: version).Replace(".dtd\">", ".dtd\" [<!ELEMENT foo EMPTY>]>"));
    }

    private static IEnumerable<(string Label, Outline Outline, bool Validate)> Outlines()
    {
        var simple = new Outline("My-Job", shot: "sh010", show: "testing", user: "jdoe");
        var render = simple.AddLayer(new Shell("render", new[] { "echo", "#IFRAME#" }) { Range = "1-10", Chunk = 2 });
        simple.AddLayer(new Shell("comp", "echo comp") { Range = "1-10" }).DependOn(render);
        yield return ("simple", simple, true);

        var rich = new Outline("rich", shot: "sh010", show: "testing", user: "jdoe", maxCores: 4, maxGpus: 1);
        rich.AddLayer(new Shell("gpu-work", "nvidia-smi") { Range = "1-3" })
            .SetMinCores(2).SetMemory("4g").SetMinGpus(1).SetMinGpuMemory(1024).SetTimeout(10).SetTimeoutLlu(5)
            .SetTags("general | cuda").SetLimits("license").SetEnv("A", "1").AddOutput("main", "/tmp/out.#.exr");
        rich.AddLayer(new OutlinePostCommand("notify", "echo done"));
        yield return ("rich", rich, false);

        var sim = new Outline("sim", shot: "sh010", show: "testing", user: "jdoe");
        var first = sim.AddLayer(new Shell("first", "echo 1") { Range = "3-5" });
        sim.AddLayer(new Shell("second", "echo 2") { Range = "1-5" }).DependOn(first, DependType.LayerOnSimFrame);
        sim.AddLayer(new Shell("third", "echo 3") { Range = "1-5" }).DependAll(first, anyFrame: false);
        yield return ("sim frame", sim, false);
    }
}
