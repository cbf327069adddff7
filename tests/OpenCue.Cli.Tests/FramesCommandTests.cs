namespace OpenCue.Cli.Tests;

public class FramesCommandTests
{
    [Fact]
    public void Frames_are_printed_one_a_line_in_order()
    {
        var result = CliRun.Run("frames", "1-5");

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Be("1\n2\n3\n4\n5\n");
        result.Stderr.Should().BeEmpty();
    }

    [Theory]
    [InlineData("1-10x3", "1\n4\n7\n10\n")]
    [InlineData("6-2", "6\n5\n4\n3\n2\n")]
    [InlineData("1-3,2-4", "1\n2\n3\n2\n3\n4\n")]
    [InlineData("-2-1", "-2\n-1\n0\n1\n")]
    [InlineData("1-10:5", "1\n6\n3\n5\n7\n9\n2\n4\n8\n10\n")]
    [InlineData("10-1x1", "")]
    public void Cuebots_order_is_kept(string range, string expected)
    {
        CliRun.Run("frames", range).Stdout.Should().Be(expected);
    }

    [Fact]
    public void Json_prints_an_array_of_integers_on_one_line()
    {
        CliRun.Run("frames", "1-5", "--json").Stdout.Should().Be("[1,2,3,4,5]\n");
        CliRun.Run("frames", "--json", "-3--1").Stdout.Should().Be("[-3,-2,-1]\n");
        CliRun.Run("frames", "10-1x1", "--json").Stdout.Should().Be("[]\n");
    }

    [Fact]
    public void Chunks_print_first_frame_framespec_and_end()
    {
        var result = CliRun.Run("frames", "1-10", "--chunk", "3");

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Be("1 1-3 3\n4 4-6 6\n7 7-9 9\n10 10 10\n");
    }

    [Fact]
    public void Chunks_follow_Cuebots_framespec_rules()
    {
        CliRun.Run("frames", "1-100x3", "--chunk=3").Stdout.Split('\n')[3].Should().Be("28 28-34x3 34");
        CliRun.Run("frames", "1-10x2,11-100x20,103-108", "--chunk", "5").Stdout.Split('\n')[1].Should().Be("11 11-91x20 91");
        CliRun.Run("frames", "1-3", "--chunk", "10").Stdout.Should().Be("1 1-3 3\n");
        CliRun.Run("frames", "10-1x1", "--chunk", "2").Stdout.Should().BeEmpty();
    }

    [Fact]
    public void Chunks_as_json()
    {
        var result = CliRun.Run("frames", "1-5", "--chunk", "2", "--json");

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Be("[{\"frame\":1,\"spec\":\"1-2\",\"end\":2},{\"frame\":3,\"spec\":\"3-4\",\"end\":4},{\"frame\":5,\"spec\":\"5\",\"end\":5}]\n");
        System.Text.Json.JsonDocument.Parse(result.Stdout).RootElement.GetArrayLength().Should().Be(3);
        CliRun.Run("frames", "10-1x1", "--chunk", "2", "--json").Stdout.Should().Be("[]\n");
    }

    [Theory]
    [InlineData("1-x", "invalid frame range '1-x'")]
    [InlineData("1-10,", "invalid frame range '1-10,'")]
    [InlineData("1-10x0", "invalid frame range '1-10x0'")]
    [InlineData("abc", "Accepted: comma-separated N, A-B, A-BxS")]
    public void A_bad_range_exits_2_with_nothing_on_stdout(string range, string message)
    {
        CliRun.Run("frames", range).ShouldFailWithUsage("cuerun frames: ", message, "Run 'cuerun frames --help' for usage.");
        CliRun.Run("frames", range, "--json").ShouldFailWithUsage(message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("x")]
    [InlineData("1.5")]
    public void A_bad_chunk_exits_2(string chunk)
    {
        CliRun.Run("frames", "1-10", "--chunk", chunk).ShouldFailWithUsage("--chunk: '" + chunk + "' is not a chunk size; give a whole number of at least 1");
    }

    [Fact]
    public void Arguments_are_checked()
    {
        CliRun.Run("frames").ShouldFailWithUsage("cuerun frames: missing RANGE");
        CliRun.Run("frames", "1-10,", "20").ShouldFailWithUsage("one RANGE is accepted, got 2 arguments", "a range has no spaces");
        CliRun.Run("frames", "1-10", "--chunk").ShouldFailWithUsage("option '--chunk' needs a value");
        CliRun.Run("frames", "1-10", "--show", "x").ShouldFailWithUsage("unknown option '--show'", "Accepted: --chunk N, --json, --layer L, --state S, --range R, --server H:P[,H:P], --deadline SECONDS, --help.");
        CliRun.Run("frames", "1-10", "--json", "--json").ShouldFailWithUsage("'--json' is given twice");
    }
}
