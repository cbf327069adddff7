using OpenCue.Cli;

namespace OpenCue.Cli.Tests;

/// <summary>The outcome of one cuerun run.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs cuerun in-process with a fake environment for OL_TAG_OVERRIDE and OL_OS.</summary>
public static class CliRun
{
    public static CliResult Run(params string[] args) => Run(new Dictionary<string, string>(), args);

    public static CliResult Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr, name => environment.TryGetValue(name, out var value) ? value : null);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs cuerun as if stdout were a terminal (progress bars redrawn in place).</summary>
    public static CliResult RunOnTerminal(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr, _ => null, isTerminal: true);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts a failure to reach or use the Cuebot: exit 3, nothing on stdout, the fragments on stderr.</summary>
    public static CliResult ShouldFailWithCueError(this CliResult result, params string[] fragments)
    {
        result.ExitCode.Should().Be(ExitCodes.CueError, "stderr was: " + result.Stderr);
        result.Stdout.Should().BeEmpty();
        foreach (var fragment in fragments)
        {
            result.Stderr.Should().Contain(fragment);
        }

        return result;
    }

    /// <summary>Asserts a usage failure: exit 2, nothing on stdout, the fragments on stderr.</summary>
    public static CliResult ShouldFailWithUsage(this CliResult result, params string[] fragments)
    {
        result.ExitCode.Should().Be(ExitCodes.Usage, "stderr was: " + result.Stderr);
        result.Stdout.Should().BeEmpty();
        foreach (var fragment in fragments)
        {
            result.Stderr.Should().Contain(fragment);
        }

        return result;
    }
}

/// <summary>A temporary folder with outline files, deleted at the end of the test class.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cuerun-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);

        // Run as root (as in CI), LocalCue runs the tests' jobs (--uid 1000) as uid 1000: their frames write here.
        if (OpenCue.LocalCue.FrameOwnership.FramesRunAs(1000))
        {
            OpenCue.LocalCue.FrameOwnership.GiveTo(Path, 1000);
        }
    }

    public string Path { get; }

    /// <summary>A state directory for LocalCue next to <see cref="Path"/> (which uid 1000 may own), so LocalCue accepts it.</summary>
    public string StatePath => Path + ".state";

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        foreach (var directory in new[] { Path, StatePath })
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

public static class Outlines
{
    /// <summary>A valid two-layer outline with show, shot and user set.</summary>
    public const string Pipeline = """
        {
          "name": "cli-pipeline",
          "show": "testing",
          "shot": "sh010",
          "user": "jdoe",
          "range": "1-10",
          "layers": [
            { "name": "render", "module": "outline.modules.shell.Shell", "command": ["render", "-f", "#IFRAME#"],
              "range": "1-20", "chunk": 2, "cores": 2, "memory": "4g", "tags": ["general"] },
            { "name": "publish", "module": "outline.modules.shell.ShellCommand", "command": "publish --all", "require": "render:all" }
          ]
        }
        """;

    /// <summary>Valid, with one warning (a bare-number memory means gigabytes).</summary>
    public const string WithWarning = """
        {"name": "warned", "show": "testing", "shot": "sh010", "user": "jdoe",
         "layers": [{"name": "render", "module": "outline.modules.shell.Shell", "command": ["x"], "memory": 4}]}
        """;

    /// <summary>Two errors: a layer without command, a require on a missing layer.</summary>
    public const string WithErrors = """
        {"name": "broken", "show": "testing", "shot": "sh010", "user": "jdoe",
         "layers": [{"name": "render", "module": "outline.modules.shell.Shell", "require": "ghost"}]}
        """;
}
