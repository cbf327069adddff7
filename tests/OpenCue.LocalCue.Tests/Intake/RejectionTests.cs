using OpenCue.LocalCue.Intake;
using static OpenCue.LocalCue.Tests.Intake.Support.Specs;

namespace OpenCue.LocalCue.Tests.Intake;

/// <summary>Every way a spec is refused, with the message the user gets.</summary>
public class RejectionTests
{
    private const string JobName = "testing-sh010-jdoe_my_job";

    [Fact]
    public void A_dtd_violation_is_a_parse_failure_naming_the_problem()
    {
        var xml = Spec(Job("<layer name=\"render\" type=\"Render\"><range>1</range><cmd>x</cmd><chunk>1</chunk></layer>"));
        Rejection(xml).Should().StartWith("Failed to parse job spec XML, ").And.Contain("'range'").And.Contain("cjsl-1.15.dtd");
    }

    [Fact]
    public void Xml_that_is_not_well_formed_is_a_parse_failure()
    {
        Rejection(Spec(Job(Layer())).Replace("</spec>", string.Empty)).Should().StartWith("Failed to parse job spec XML, ");
        Rejection("not xml at all").Should().StartWith("Failed to parse job spec XML, ");
    }

    [Fact]
    public void A_spec_without_doctype_is_refused_because_cuebot_validates_every_spec()
    {
        var xml = "<?xml version=\"1.0\"?><spec>" + Header + Job(Layer()) + "</spec>";
        Rejection(xml).Should().StartWith("Failed to parse job spec XML, ").And.Contain("no DOCTYPE");
    }

    [Theory]
    [InlineData("http://example.com/dtd/cjsl-1.15.dtd", "does not start with http://localhost:8080/spcue/dtd/")]
    [InlineData("cjsl-1.15.dtd", "does not start with")]
    [InlineData("http://localhost:8080/spcue/dtd/cjsl-1.99.dtd", "there is no bundled DTD 'cjsl-1.99.dtd'")]
    [InlineData("http://localhost:8080/spcue/dtd/cjsl-1.4.dtd", "MalformedURLException")]
    [InlineData("http://localhost:8080/spcue/dtd/cjsl.dtd", "supported: cjsl-1.5.dtd to cjsl-1.15.dtd")]
    [InlineData("http://localhost:8080/spcue/dtd/cjsl-1.015.dtd", "no bundled DTD")]
    public void Only_the_bundled_dtds_are_accepted(string systemId, string expected)
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE spec PUBLIC \"x\" \"" + systemId + "\"><spec>" + Header + Job(Layer()) + "</spec>";
        Rejection(xml).Should().StartWith("Failed to parse job spec XML, ").And.Contain(expected);
    }

    [Fact]
    public void A_doctype_without_system_id_or_for_another_root_is_refused()
    {
        Rejection("<?xml version=\"1.0\"?><!DOCTYPE spec [<!ELEMENT spec ANY>]><spec/>").Should().Contain("no system id");
        var job = Spec(Job(Layer())).Replace("<!DOCTYPE spec", "<!DOCTYPE job");
        Rejection(job).Should().StartWith("Failed to parse job spec XML, ").And.Contain("root");
    }

    [Fact]
    public void External_entities_other_than_the_dtd_are_never_fetched()
    {
        var xml = Spec(Job(Layer(cmd: "&x;"))).Replace(".dtd\">", ".dtd\" [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>");
        Rejection(xml).Should().StartWith("Failed to parse job spec XML, ");
    }

    [Fact]
    public void An_internal_subset_cannot_redeclare_an_element()
    {
        var xml = Spec(Job("<layer name=\"render\" type=\"Render\"><cmd>x</cmd><range>1</range></layer>")).Replace(".dtd\">", ".dtd\" [<!ELEMENT layer ANY>]>");
        Rejection(xml).Should().StartWith("Failed to parse job spec XML, ").And.Contain("already been declared");
    }

    [Fact]
    public void Types_loosened_by_an_internal_subset_are_still_checked()
    {
        var layer = Spec(Job("<layer name=\"render\" type=\"Pre\"><cmd>x</cmd><range>1</range><chunk>1</chunk></layer>"))
            .Replace(".dtd\">", ".dtd\" [<!ATTLIST layer type CDATA #IMPLIED>]>");
        Rejection(layer).Should().Contain("was defined with an invalid type: Pre");

        var depend = Spec(Job(Layer() + Layer("comp")), Depends(Depend("BOGUS", depLayer: "comp", onLayer: "render")))
            .Replace(".dtd\">", ".dtd\" [<!ATTLIST depend type CDATA #REQUIRED>]>");
        Rejection(depend).Should().StartWith("error, invalid depend type: BOGUS");
    }

    [Theory]
    [InlineData("<show>testing</show><shot>sh010</shot><user>root</user><uid>1000</uid>")]
    [InlineData("<show>testing</show><shot>sh010</shot><user>jdoe</user><uid>0</uid>")]
    [InlineData("<show>testing</show><shot>sh010</shot><user>jdoe</user><uid>+0</uid>")]
    public void Root_is_refused(string header) =>
        Rejection(Spec(Job(Layer()), header: header)).Should().Be("Cannot launch jobs as root.");

    [Fact]
    public void A_uid_that_is_not_an_integer_is_refused() =>
        Rejection(Spec(Job(Layer()), header: "<show>testing</show><shot>sh010</shot><user>jdoe</user><uid>1000.0</uid>"))
            .Should().Contain("uid '1000.0' is not an integer");

    [Fact]
    public void A_shot_name_too_short_or_with_odd_characters_is_refused()
    {
        Rejection(Spec(Job(Layer()), header: "<show>testing</show><shot>ab</shot><user>jdoe</user>"))
            .Should().Be("The shot name must be at least 3 characters.");
        Rejection(Spec(Job(Layer()), header: "<show>testing</show><shot>sh 010</shot><user>jdoe</user>"))
            .Should().Contain("shot name");
    }

    [Fact]
    public void A_job_name_suffix_cuebot_cannot_use_is_refused() =>
        Rejection(Spec(Job(Layer(), name: "ab"))).Should().StartWith("The job name suffix");

    [Theory]
    [InlineData("Foo-Bar", "foo_bar")]
    [InlineData("render", "RENDER")]
    public void Layer_names_must_be_unique_after_conforming(string first, string second) =>
        Rejection(Spec(Job(Layer(first) + Layer(second))))
            .Should().Be("error, the layer " + first.ToLowerInvariant().Replace('-', '_') + " was already defined in job " + JobName);

    [Fact]
    public void Post_layers_share_the_layer_names_of_their_job() =>
        Rejection(Spec(Job(Layer("render") + Layer("Render", "Post"))))
            .Should().Be("error, the layer render was already defined in job " + JobName);

    [Fact]
    public void A_layer_name_too_short_is_refused() =>
        Rejection(Spec(Job(Layer("ab")))).Should().StartWith("The layer name must be at least 3 characters.");

    [Fact]
    public void A_job_without_layers_is_refused()
    {
        Rejection(Spec("<job name=\"my-job\"/>")).Should().Be("The job " + JobName + " has no layers");
        Rejection(Spec(Job(Layer("cleanup", "Post")))).Should().StartWith("The job " + JobName + " has no layers");
    }

    [Theory]
    [InlineData("1-10x0", "1")]
    [InlineData("1-10,", "1")]
    [InlineData("1 - 10", "1")]
    [InlineData("a-b", "1")]
    [InlineData("1-10", "0")]
    [InlineData("1-10", "-2")]
    [InlineData("10-1x2", "1")]
    public void An_invalid_range_or_chunk_makes_the_range_invalid(string range, string chunk) =>
        Rejection(Spec(Job(Layer(range: range, chunk: chunk)))).Should().StartWith("error, the range " + range + " is invalid");

    [Fact]
    public void A_chunk_that_is_not_an_integer_is_refused() =>
        Rejection(Spec(Job(Layer(chunk: "2.0")))).Should().Contain("<chunk> of layer render in job " + JobName + " is '2.0'");

    [Fact]
    public void A_pending_job_of_the_same_name_is_refused()
    {
        var asked = new List<string>();
        var options = Options();
        options.IsJobPending = name =>
        {
            asked.Add(name);
            return name == JobName;
        };

        Rejection(Spec(Job(Layer(), name: "My-Job")), options).Should().Be("The job " + JobName + " is already pending");
        asked.Should().Contain(JobName);
    }

    [Fact]
    public void A_spec_defining_the_same_job_twice_is_refused() =>
        Rejection(Spec(Job(Layer()) + Job(Layer(), name: "MY_JOB"))).Should().Contain("already exists: " + JobName);

    [Fact]
    public void Too_many_frames_in_the_whole_spec_are_refused()
    {
        var options = Options();
        options.MaxFrames = 15;
        Rejection(Spec(Job(Layer("first") + Layer("second"))), options)
            .Should().StartWith("error, your job has 20 frames, the maximum number of allowed frames is 15");

        Rejection(Spec(Job(Layer(range: "1-100001")))).Should().StartWith("error, your job has 100001 frames");
        Parse(Spec(Job(Layer(range: "1-100001", chunk: "2")))).Jobs.Single().Layers.Single().Frames.Should().HaveCount(50001);
    }

    [Fact]
    public void Too_many_layers_are_refused_but_post_layers_do_not_count()
    {
        var options = Options();
        options.MaxLayers = 2;
        Rejection(Spec(Job(Layer("aaa") + Layer("bbb") + Layer("ccc"))), options)
            .Should().StartWith("error, your job has 3 layers, the maximum number of allowed layers is 2");
        Parse(Spec(Job(Layer("aaa") + Layer("bbb") + Layer("ccc", "Post"))), options).Jobs.Should().HaveCount(2);
    }

    [Theory]
    [InlineData("<maxcores>4.0</maxcores>", "<maxcores> of job " + JobName + " is '4.0'")]
    [InlineData("<maxretries>two</maxretries>", "<maxretries> of job " + JobName + " is 'two'")]
    [InlineData("<priority>high</priority>", "<priority> of job " + JobName + " is 'high'")]
    [InlineData("<maxgpus>1.5</maxgpus>", "<maxgpus> of job " + JobName + " is '1.5'")]
    public void Job_numbers_cuebot_cannot_read_are_refused(string setting, string expected) =>
        Rejection(Spec(Job(Layer(), settings: setting))).Should().Contain(expected);

    [Theory]
    [InlineData("<cores>four</cores>", "<cores> of layer render")]
    [InlineData("<memory>1.5g</memory>", "<memory> of layer render")]
    [InlineData("<memory>1024kb</memory>", "<memory> of layer render")]
    [InlineData("<gpus>one</gpus>", "<gpus> of layer render")]
    [InlineData("<timeout>5m</timeout>", "<timeout> of layer render")]
    [InlineData("<timeout_llu>x</timeout_llu>", "<timeout_llu> of layer render")]
    [InlineData("<tags>general | ab</tags>", "error, invalid tag ab, tags must be alpha numeric")]
    [InlineData("<tags>general||util</tags>", "error, invalid tag , tags must")]
    [InlineData("<tags>|general</tags>", "error, invalid tag , tags must")]
    [InlineData("<tags>gen\teral</tags>", "invalid tag gen\teral")]
    public void Layer_values_cuebot_cannot_read_are_refused(string extra, string expected) =>
        Rejection(Spec(Job(Layer(extra: extra)))).Should().Contain(expected);

    [Fact]
    public void Localbook_numbers_are_read_as_cuebot_reads_them() =>
        Rejection(Spec(Job(Layer(), settings: "<localbook host=\"h\" cores=\"1.5\" memory=\"1\" threads=\"1\" gpu=\"0\"/>")))
            .Should().Contain("<localbook cores=\"1.5\">");

    [Fact]
    public void A_user_name_that_is_not_a_regular_expression_is_refused_before_it_names_a_post_job() =>
        Rejection(Spec(Job(Layer() + Layer("cleanup", "Post")), header: "<show>testing</show><shot>sh010</shot><user>j(doe</user>"))
            .Should().StartWith("error, the user 'j(doe' (the spec of job 'my-job') cannot be used: it contains '(' at position 2");
}
