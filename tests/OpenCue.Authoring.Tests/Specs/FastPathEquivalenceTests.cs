using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using OpenCue.Authoring.Internal;
using OpenCue.Authoring.Specs;
using OpenCue.Authoring.Specs.Internal;
using OpenCue.Authoring.Validation.Internal;

namespace OpenCue.Authoring.Tests.Specs;

/// <summary>
/// The allocation-free paths of spec writing and validation give exactly what the general ones give:
/// core formatting against the big-integer formatter, XML escaping against a character-by-character
/// escaper, name checks against Cuebot's patterns and XmlConvert, and the ordered map.
/// </summary>
public class FastPathEquivalenceTests
{
    private const int Seed = 424242;

    [Theory]
    [InlineData(2.0, "2.0")]
    [InlineData(0.15, "0.1")]
    [InlineData(0.25, "0.2")]
    [InlineData(0.35, "0.3")]
    [InlineData(0.45, "0.5")]
    [InlineData(0.5, "0.5")]
    [InlineData(1.5, "1.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(-0.01, "-0.0")]
    [InlineData(-2.0, "-2.0")]
    [InlineData(99.9, "99.9")]
    [InlineData(100.0, "100.0")]
    [InlineData(123456.7, "123456.7")]
    public void FormatCores_is_Pythons_percent_0_1f(double cores, string expected)
    {
        CueUnits.FormatCores(cores).Should().Be(expected);
        CueUnits.FormatCoresExact(cores).Should().Be(expected);
    }

    [Fact]
    public void FormatCores_fast_path_agrees_with_the_exact_one_over_a_large_range()
    {
        var fast = 0;
        void Check(double cores)
        {
            var exact = CueUnits.FormatCoresExact(cores);
            var quick = CueUnits.FormatCoresFast(cores);
            if (quick != null)
            {
                quick.Should().Be(exact, "cores {0:R}", cores);
                fast++;
            }

            CueUnits.FormatCores(cores).Should().Be(exact, "cores {0:R}", cores);
        }

        // Every hundredth and twentieth from -500 to 500 cores, as literals and as computed.
        for (var k = -50_000; k <= 50_000; k++)
        {
            Check(k / 100.0);
            Check(k * 0.01);
            Check(k / 20.0);
            if (k % 10 == 0)
            {
                Check(k / 1000.0);
            }
        }

        var random = new Random(Seed);
        for (var n = 0; n < 50_000; n++)
        {
            Check(random.NextDouble() * Math.Pow(10, random.Next(-6, 16)) * (random.Next(2) == 0 ? 1 : -1));
            var bits = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsNaN(bits) && !double.IsInfinity(bits))
            {
                Check(bits);
            }
        }

        // Around the fast path's limit of 2^51 tenths, and other edges.
        foreach (var edge in new[] { 2251799813685248.0, 2251799813685247.0, 2251799813685249.0, 4503599627370496.0 })
        {
            Check(edge / 10);
            Check(Math.BitIncrement(edge / 10));
            Check(Math.BitDecrement(edge / 10));
            Check(-edge / 10);
        }

        foreach (var edge in new[] { double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 0.05, 0.95, 9.95, 1e-320 })
        {
            Check(edge);
        }

        fast.Should().BeGreaterThan(50_000);
    }

    [Fact]
    public void Whole_megabytes_read_as_the_double_parse_reads_them()
    {
        var random = new Random(Seed + 3);
        var samples = new List<string> { "4096m", "0m", "0004096m", "1m", "999999999999999m", "9999999999999999m", "99999999999999999999m", " 512M ", "1.5m", "-5m", "+5m", "1e3m", "m", "12 m" };
        for (var n = 0; n < 5000; n++)
        {
            samples.Add(new string(Enumerable.Range(0, random.Next(1, 19)).Select(_ => (char)('0' + random.Next(10))).ToArray()) + "m");
        }

        foreach (var sample in samples)
        {
            // Cuebot's rule as CueUnits states it: the double before the last 'm', times 1024, truncated.
            var number = sample.Trim().ToLowerInvariant();
            number = number.Substring(0, number.LastIndexOf('m')).Trim();
            var expectedOk = double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var megabytes) && !double.IsNaN(megabytes) && !double.IsInfinity(megabytes);
            CueUnits.TryParseMemory(sample, out var kilobytes, out _).Should().Be(expectedOk, sample);
            if (expectedOk)
            {
                kilobytes.Should().Be((long)(megabytes * 1024), sample);
            }
        }
    }

    [Fact]
    public void Escaping_appends_runs_exactly_as_character_by_character_escaping()
    {
        var random = new Random(Seed + 1);
        const string Alphabet = "abc XYZ019&<>\"'\r\n\t#=-_/é€\u0001\u007f";
        for (var n = 0; n < 20_000; n++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, 40);
            for (var i = 0; i < length; i++)
            {
                switch (random.Next(12))
                {
                    case 0:
                        text.Append("\uD83D\uDE00"); // a pair
                        break;
                    case 1:
                        text.Append(random.Next(2) == 0 ? '\uD83D' : '\uDE00'); // a lone half
                        break;
                    case 2:
                        text.Append(new string('a', random.Next(1, 50)));
                        break;
                    default:
                        text.Append(Alphabet[random.Next(Alphabet.Length)]);
                        break;
                }
            }

            var value = text.ToString();
            Write((ref EtreeWriter w) => w.Element("cmd", value)).Should().Be(value.Length == 0 ? "<cmd />" : "<cmd>" + FormerEscape(value, false) + "</cmd>");
            Write((ref EtreeWriter w) => w.Element("key", value, "name", value)).Should().Be(
                "<key name=\"" + FormerEscape(value, true) + "\"" + (value.Length == 0 ? " />" : ">" + FormerEscape(value, false) + "</key>"));
        }

        Write((ref EtreeWriter w) =>
        {
            w.Start("layer", "name", "a&b", "type", "Render");
            w.Element("cmd", "echo \"<x>\" && run\r\n");
            w.Start("env");
            w.End("env");
            w.End("layer");
        }).Should().Be("<layer name=\"a&amp;b\" type=\"Render\"><cmd>echo \"&lt;x&gt;\" &amp;&amp; run&#13;\n</cmd><env /></layer>");
    }

    [Fact]
    public void Name_checks_agree_with_Cuebots_patterns_and_XmlConvert()
    {
        var name = new Regex(CueNames.NamePattern, RegexOptions.CultureInvariant);
        var environment = new Regex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
        var random = new Random(Seed + 2);
        const string Alphabet = "aZ09_.-: /\n\té·ÅK\u0001,";
        var samples = new List<string> { string.Empty, "abc", "ab", "abc\n", "ab\n", "_a", "1a", "a-b", "A-B_c", "x:y", "abc\n\n", "layer0", "Layer-One" };
        for (var n = 0; n < 20_000; n++)
        {
            var length = random.Next(0, 7);
            samples.Add(new string(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray()));
        }

        foreach (var sample in samples)
        {
            CueNames.IsValidName(sample).Should().Be(name.IsMatch(sample), "IsValidName('{0}')", sample);
            CueNames.IsEnvironmentName(sample).Should().Be(environment.IsMatch(sample), "IsEnvironmentName('{0}')", sample);
            CueNames.IsNmToken(sample).Should().Be(IsNmTokenByXmlConvert(sample), "IsNmToken('{0}')", sample);

            var expectedOk = sample.Length >= 3 && name.IsMatch(sample.Replace('-', '_').ToLowerInvariant());
            CueNames.TryConformName("Layer", sample, out var conformed, out _).Should().Be(expectedOk, "TryConformName('{0}')", sample);
            if (expectedOk)
            {
                conformed.Should().Be(sample.Replace('-', '_').ToLowerInvariant());
            }
        }
    }

    [Fact]
    public void The_xml_character_check_agrees_with_XmlConvert_for_every_character()
    {
        var outline = new Outline("job", shot: "sh010", show: "testing", user: "jdoe");
        var context = new ValidationContext(outline, new SpecWriterOptions { Uid = 1000 });
        var expected = 0;
        for (var c = 0; c <= 0xFFFF; c++)
        {
            var before = context.Problems.Count;
            TextRules.CheckXml(context, null, "Env var", "K", "a" + (char)c + "b");
            var reported = context.Problems.Count > before;
            reported.Should().Be(!XmlConvert.IsXmlChar((char)c), "U+{0:X4}", c);
            if (reported)
            {
                expected++;
                context.Problems[^1].Message.Should().StartWith("Env var K contains character U+" + c.ToString("X4", CultureInfo.InvariantCulture) + " at position 1,");
            }
        }

        expected.Should().BeGreaterThan(2000);
        var count = context.Problems.Count;
        TextRules.CheckXml(context, null, "The command", "a\uD83D\uDE00b");
        context.Problems.Count.Should().Be(count, "a surrogate pair is an XML character");
    }

    [Fact]
    public void The_ordered_map_keeps_order_replaces_in_place_and_indexes_large_maps()
    {
        var map = new OrderedMap();
        map.Count.Should().Be(0);
        map.Should().BeEmpty();
        map.TryGetValue("a", out _).Should().BeFalse();
        map.Invoking(m => m["a"]).Should().Throw<KeyNotFoundException>();

        for (var i = 0; i < 20; i++)
        {
            map.Set("k" + i, "v" + i).Should().BeNull();
        }

        map.Set("k3", "new").Should().Be("v3");
        map.Keys.Should().Equal(Enumerable.Range(0, 20).Select(i => "k" + i));
        map["k3"].Should().Be("new");
        map.Values.ElementAt(3).Should().Be("new");
        map.Remove("k0").Should().BeTrue();
        map.Remove("k0").Should().BeFalse();
        map.ContainsKey("k19").Should().BeTrue();
        map["k19"].Should().Be("v19");
        for (var i = 1; i < 15; i++)
        {
            map.Remove("k" + i).Should().BeTrue();
        }

        map.Select(p => p.Key + "=" + p.Value).Should().Equal("k15=v15", "k16=v16", "k17=v17", "k18=v18", "k19=v19");
        map.Set("k15", "x");
        map.Set("a", "b");
        ((IEnumerable<KeyValuePair<string, string>>)map).Select(p => p.Key).Should().Equal("k15", "k16", "k17", "k18", "k19", "a");
        map.Clear();
        map.Count.Should().Be(0);
        map.Invoking(m => m.Set(null!, "x")).Should().Throw<ArgumentNullException>();
    }

    private delegate void WriteAction(ref EtreeWriter writer);

    // Counts, then writes into exactly that many characters, as SpecWriter does.
    private static string Write(WriteAction write)
    {
        var counter = EtreeWriter.Counter();
        write(ref counter);
        var chars = new char[counter.Length];
        var writer = new EtreeWriter(chars);
        write(ref writer);
        writer.CheckFilled();
        return new string(chars);
    }

    private static bool IsNmTokenByXmlConvert(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        try
        {
            XmlConvert.VerifyNMTOKEN(value);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    // The escaping as it was: one character at a time.
    private static string FormerEscape(string text, bool attribute)
    {
        var output = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': output.Append("&amp;"); break;
                case '<': output.Append("&lt;"); break;
                case '>': output.Append("&gt;"); break;
                case '\r': output.Append("&#13;"); break;
                case '"' when attribute: output.Append("&quot;"); break;
                case '\n' when attribute: output.Append("&#10;"); break;
                case '\t' when attribute: output.Append("&#09;"); break;
                default:
                    if (c < 128)
                    {
                        output.Append(c);
                        break;
                    }

                    var codePoint = (int)c;
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        codePoint = char.ConvertToUtf32(c, text[i + 1]);
                        i++;
                    }

                    output.Append("&#").Append(codePoint.ToString(CultureInfo.InvariantCulture)).Append(';');
                    break;
            }
        }

        return output.ToString();
    }
}
