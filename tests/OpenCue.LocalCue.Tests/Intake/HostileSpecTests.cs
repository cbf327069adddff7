using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenCue.LocalCue.Intake;
using static OpenCue.LocalCue.Tests.Intake.Support.Specs;

namespace OpenCue.LocalCue.Tests.Intake;

/// <summary>Specs built to hurt the scheduler: entity bombs, external entities, deep nesting, forbidden characters, slow parses.</summary>
public class HostileSpecTests
{
    private static string WithSubset(string spec, string subset) => spec.Replace(".dtd\">", ".dtd\" [" + subset + "]>");

    [Fact]
    public void A_billion_laughs_spec_is_refused()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            entities.Append("<!ENTITY lol" + i + " \"" + string.Concat(Enumerable.Repeat("&lol" + (i - 1) + ";", 10)) + "\">");
        }

        var xml = WithSubset(Spec(Job(Layer(cmd: "&lol9;"))), entities.ToString());
        Rejection(xml).Should().StartWith("Failed to parse job spec XML, ").And.Contain("MaxCharactersFromEntities");
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("/etc/passwd")]
    public void A_file_external_entity_is_never_read(string systemId) =>
        Rejection(WithSubset(Spec(Job(Layer(cmd: "&x;"))), "<!ENTITY x SYSTEM \"" + systemId + "\">"))
            .Should().StartWith("Failed to parse job spec XML, ").And.NotContain("root:");

    [Fact]
    public async Task Http_external_entities_and_parameter_entities_are_never_fetched()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var url = "http://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port + "/x";
            var accept = listener.AcceptTcpClientAsync();
            Rejection(WithSubset(Spec(Job(Layer(cmd: "&x;"))), "<!ENTITY x SYSTEM \"" + url + "\">")).Should().StartWith("Failed to parse job spec XML, ");
            Rejection(WithSubset(Spec(Job(Layer())), "<!ENTITY % p SYSTEM \"" + url + "\"> %p;")).Should().StartWith("Failed to parse job spec XML, ");
            var spec = "<?xml version=\"1.0\"?><!DOCTYPE spec SYSTEM \"" + url + "\"><spec>" + Header + Job(Layer()) + "</spec>";
            Rejection(spec).Should().Contain("only Cuebot's bundled DTDs are used, nothing is fetched");

            // Give a fetch, had one started, time to connect; then check that none did.
            await Task.Delay(200);
            accept.IsCompleted.Should().BeFalse("no request reached the listener");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Theory]
    [InlineData(65)]
    [InlineData(50_000)]
    public void Nesting_deeper_than_any_spec_is_refused_before_validation(int depth)
    {
        var nested = string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth));
        var xml = Spec(Job(Layer(), settings: string.Empty) + nested);
        Rejection(xml).Should().StartWith("Failed to parse job spec XML, the spec nests elements more than 64 deep (<a> at line 1, position ");
    }

    [Fact]
    public void Nesting_within_the_limit_reaches_dtd_validation()
    {
        var nested = string.Concat(Enumerable.Repeat("<a>", 60)) + string.Concat(Enumerable.Repeat("</a>", 60));
        Rejection(Spec(Job(Layer()) + nested)).Should().Contain("cjsl-1.15.dtd");
    }

    [Fact]
    public void Too_many_elements_are_refused()
    {
        var xml = Spec(Job(Layer()) + string.Concat(Enumerable.Repeat("<a/>", SpecPrescan.MaxElements)));
        Rejection(xml).Should().StartWith("Failed to parse job spec XML, the spec has more than 1000000 elements");
    }

    [Fact]
    public void Oversized_attribute_values_are_refused()
    {
        var xml = Spec(Job(Layer(), name: new string('n', SpecPrescan.MaxAttributeLength + 1)));
        Rejection(xml).Should().StartWith("Failed to parse job spec XML, the attribute name at line 1").And.Contain("65537 characters long");
    }

    [Theory]
    [InlineData("\0", "U+0000 (NUL)")]
    [InlineData("\u0001", "U+0001")]
    [InlineData("\u001B", "U+001B")]
    [InlineData("\uFFFF", "U+FFFF")]
    public void Characters_xml_forbids_are_refused_naming_where(string character, string named)
    {
        var spec = Spec(Job(Layer()));
        var at = spec.IndexOf("echo", StringComparison.Ordinal);
        var xml = spec.Substring(0, at) + "\n" + character + spec.Substring(at);
        var act = () => Parse(xml);
        act.Should().Throw<InvalidSpecTextException>().Which.Message.Should()
            .Be("Failed to parse job spec XML, the spec contains the character " + named + ", which XML does not allow, at line 2, column 1 (character offset " +
                (at + 1) + ").");
    }

    [Fact]
    public void An_unpaired_surrogate_is_refused_naming_where()
    {
        // Not a theory: test-case serialization would turn the lone surrogate into U+FFFD.
        var act = () => Parse(Spec(Job(Layer(cmd: "echo \uD800"))));
        act.Should().Throw<InvalidSpecTextException>().Which.Message.Should().Contain("U+D800 (an unpaired surrogate), which XML does not allow, at line 1, column ");
    }

    [Fact]
    public void Allowed_characters_outside_ascii_pass_the_character_check()
    {
        var layer = SingleLayer(Layer(cmd: "echo \t caf\u00e9 \U0001F600 \uE000 \uFFFD"));
        layer.Command.Should().Be("echo \t caf\u00e9 \U0001F600 \uE000 \uFFFD");
    }

    [Fact]
    public void A_parse_that_outlives_its_deadline_is_refused()
    {
        var options = Options();
        options.ParseTimeout = TimeSpan.Zero;
        Rejection(Spec(Job(Layer())), options).Should().Be("Failed to parse job spec XML, parsing took longer than 0 s (IntakeOptions.ParseTimeout); the spec was refused.");
    }

    [Fact]
    public void A_caller_giving_up_cancels_the_parse()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var options = Options();
        options.CancellationToken = cancelled.Token;
        var act = () => Parse(Spec(Job(Layer())), options);
        act.Should().Throw<OperationCanceledException>();
    }
}
