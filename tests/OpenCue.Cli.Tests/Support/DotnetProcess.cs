using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace OpenCue.Cli.Tests.Support;

/// <summary>Runs a built dll (cuerun's OpenCue.Cli.dll, e.g. 'serve', the stand-alone server) as a real child process, optionally as another user.</summary>
public sealed class DotnetProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private DotnetProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string Host => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public int Id => _process.Id;

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="dll"/> with <paramref name="args"/>; with <paramref name="user"/> through <c>setpriv</c> as that uid and gid, no groups.</summary>
    public static DotnetProcess Start(string dll, IEnumerable<string> args, (int Uid, int Gid, string Home)? user = null)
    {
        File.Exists(dll).Should().BeTrue(dll + " is built next to the tests");
        var start = new ProcessStartInfo(user is null ? Host : "setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (user is { } u)
        {
            foreach (var arg in new[] { "--reuid=" + u.Uid, "--regid=" + u.Gid, "--clear-groups", "--", Host })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["HOME"] = u.Home;
            start.Environment["DOTNET_CLI_HOME"] = u.Home;
        }

        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("CUEBOT_HOSTS");
        start.Environment.Remove("OL_TAG_OVERRIDE");
        start.Environment.Remove("OL_OS");
        return new DotnetProcess(Process.Start(start)!);
    }

    /// <summary>Runs to the end (the 60 s bound only guards against a hang).</summary>
    public static CliResult Run(string dll, IEnumerable<string> args, (int Uid, int Gid, string Home)? user = null)
    {
        using var process = Start(dll, args, user);
        return process.WaitForExit();
    }

    public CliResult WaitForExit()
    {
        _process.WaitForExit(60_000).Should().BeTrue("the process should end; stderr: " + Stderr);
        _process.WaitForExit();
        return new CliResult(_process.ExitCode, Stdout, Stderr);
    }

    /// <summary>Waits for a line on stdout matching <paramref name="pattern"/> and returns its first group.</summary>
    public async Task<string> WaitForStdoutAsync(string pattern)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (Regex.Match(Stdout, pattern, RegexOptions.Multiline) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }

            _process.HasExited.Should().BeFalse("the process should keep running; stdout: " + Stdout + "; stderr: " + Stderr);
            await Task.Delay(20, guard.Token);
        }
    }

    /// <summary>Sends SIGTERM (through <c>kill</c>, as a service manager would).</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", new[] { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })!;
        kill.WaitForExit(60_000).Should().BeTrue();
        kill.ExitCode.Should().Be(0);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(60_000);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.Append(line).Append('\n');
        }
    }
}
