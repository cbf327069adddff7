using System.Diagnostics;
using OpenCue.Authoring.Json;
using OpenCue.Authoring.Specs;

namespace OpenCue.Cli.Tests;

/// <summary>Runs the built cuerun (OpenCue.Cli.dll next to these tests) as a child process with <c>dotnet</c>.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CliResult RunProcess(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "OpenCue.Cli.dll");
        File.Exists(dll).Should().BeTrue("the CLI is built next to the tests");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("OL_TAG_OVERRIDE");
        start.Environment.Remove("OL_OS");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(60_000).Should().BeTrue("cuerun should finish");
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Frames_prints_the_frames()
    {
        var result = RunProcess("frames", "1-5");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Be("1\n2\n3\n4\n5\n");
        result.Stderr.Should().BeEmpty();
    }

    [Fact]
    public void A_bad_range_exits_2_with_an_empty_stdout()
    {
        var result = RunProcess("frames", "1-x");

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("cuerun frames: invalid frame range '1-x'");
    }

    [Fact]
    public void Spec_of_a_JSON_file_prints_the_spec()
    {
        var file = _folder.Write("job.json", Outlines.Pipeline);

        var result = RunProcess("spec", file, "--uid", "1000", "--facility", "local");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Be(PyOutlineJson.Load(Outlines.Pipeline).ToSpec(new SpecWriterOptions { Uid = 1000, Facility = "local" }) + "\n");
        result.Stderr.Should().BeEmpty();
    }

    [Fact]
    public void An_unreachable_Cuebot_exits_3_with_an_empty_stdout()
    {
        var result = RunProcess("jobs", "--server", "127.0.0.1:" + Support.LocalCueFixture.ClosedPort());

        result.ExitCode.Should().Be(3, result.Stderr);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("cuerun jobs: cannot reach the Cuebot").And.Contain("--server HOST:PORT");
    }

    [Fact]
    public void Version_and_unknown_commands()
    {
        RunProcess("--version").Stdout.Should().StartWith("cuerun ");
        var unknown = RunProcess("bogus");
        unknown.ExitCode.Should().Be(2);
        unknown.Stdout.Should().BeEmpty();
    }
}
