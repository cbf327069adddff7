using System.Net;
using System.Net.Sockets;
using OpenCue.Authoring;
using OpenCue.Cli.Tests.Support;
using OpenCue.Client;

namespace OpenCue.Cli.Tests;

/// <summary>
/// The stand-alone server, 'cuerun serve' (OpenCue.Cli.dll), as a real process: one line on stderr saying what is
/// wrong and the documented exit code for bad arguments and failed starts, and SIGTERM stops the server.
/// </summary>
public sealed class ServerProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string CliDll => Path.Combine(AppContext.BaseDirectory, "OpenCue.Cli.dll");

    private string StateDir => _folder.StatePath;

    public static TheoryData<string[], string> BadArguments => new()
    {
        { new[] { "--bind", "example.com" }, "--bind: 'example.com' is not an IP address" },
        { new[] { "--port", "99999" }, "--port: '99999' is not a port; give 0 to 65535" },
        { new[] { "--port", "-1" }, "--port" },
        { new[] { "--cores", "0" }, "--cores: '0' is not a number of cores" },
        { new[] { "--memory", "0" }, "--memory: '0' is not a memory size" },
        { new[] { "--allow-user", "a,,b" }, "--allow-user: 'a,,b' has an empty name" },
        { new[] { "--no-such-option" }, "--no-such-option" },
        { new[] { "--port" }, "--port" },
        { new[] { "--socket", "" }, "--socket" },
        { new[] { "--min-uid", "0" }, "--min-uid: '0' is not a positive id" },
        { new[] { "--frame-gid", "staff" }, "--frame-gid: 'staff' is not a positive id" },
        { new[] { "--min-uid", "5000", "--max-uid", "4000" }, "--max-uid must not be below --min-uid (was 5000..4000)" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Cuerun_serve_refuses_a_bad_argument_with_exit_2_and_one_line(string[] args, string message)
    {
        var result = DotnetProcess.Run(CliDll, new[] { "serve" }.Concat(args));

        result.ExitCode.Should().Be(ExitCodes.Usage, result.Stderr);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().StartWith("cuerun serve: ").And.Contain(message).And.NotContain("   at ");
        // One line says what is wrong; cuerun's usual pointer to --help follows it.
        result.Stderr.TrimEnd('\n').Split('\n').Should().HaveCount(2, "one line").And.HaveElementAt(1, "Run 'cuerun serve --help' for usage.");
    }

    [Fact]
    public void Start_failures_exit_3_with_one_line_and_no_stack_trace()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var file = _folder.Write("a-file", "not a directory");
        var open = Directory.CreateDirectory(Path.Combine(_folder.StatePath, "open")).FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(open, (UnixFileMode)0x1FF);
        }
        var cases = new (string[] Args, string Message)[]
        {
            (new[] { "--port", port, "--state-dir", StateDir }, "could not start on 127.0.0.1:" + port),
            (new[] { "--port", "0", "--state-dir", Path.Combine(file, "state") }, "with state in " + Path.Combine(file, "state")),
            (new[] { "--port", "0", "--state-dir", StateDir, "--socket", file }, "exists and is not a socket"),
            (new[] { "--port", "0", "--state-dir", StateDir, "--allow-user", "no-such-user-q7x" }, "there is no user 'no-such-user-q7x' in the passwd database"),
            (new[] { "--port", "0", "--state-dir", open }, "the state directory " + open + " is not safe: group or others may write it (owner uid "),
        };

        foreach (var (args, message) in cases)
        {
            var serve = DotnetProcess.Run(CliDll, new[] { "serve" }.Concat(args));
            serve.ExitCode.Should().Be(ExitCodes.CueError, string.Join(" ", args) + ": " + serve.Stderr);
            serve.Stdout.Should().BeEmpty();
            serve.Stderr.Should().NotContain("   at ");
            // One line says why; what comes before it is the scheduler's own log (timestamped, on stderr, one line each).
            var lines = serve.Stderr.TrimEnd('\n').Split('\n');
            lines[^1].Should().StartWith("cuerun serve: the scheduler could not start").And.Contain(message);
            lines[..^1].Where(l => !System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d\d:\d\d:\d\d (info|warning|error): ")).Should().BeEmpty("the rest is the scheduler's log");
        }

        File.ReadAllText(file).Should().Be("not a directory");
    }

    [Fact]
    public async Task SIGTERM_stops_the_server_while_a_frame_runs()
    {
        using var server = DotnetProcess.Start(CliDll, new[] { "serve", "--port", "0", "--state-dir", StateDir, "--cores", "2", "--memory", "4096" });
        var address = await server.WaitForStdoutAsync(@"^LocalCue listening on (127\.0\.0\.1:\d+) ");
        var options = new CueClientOptions { CallDeadline = TimeSpan.FromSeconds(30) };
        options.Hosts.Add(address);
        using (var api = new CueApi(options))
        {
            var outline = new Outline("sigterm", shot: "sh010", show: "testing", user: "tester");
            outline.AddLayer(new Shell("sleep", "sleep 600").SetFrameRange("1"));
            var job = (await Cuerun.LaunchAsync(outline, new LaunchOptions { Api = api, Uid = 1000 })).Single();
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while ((await api.GetJobAsync(job.Id)).Stats.RunningFrames == 0)
            {
                await Task.Delay(50, guard.Token);
            }
        }

        server.Terminate();

        var result = server.WaitForExit();
        result.ExitCode.Should().Be(ExitCodes.Ok, result.Stderr);
        result.Stderr.Should().NotContain("   at ");
    }
}
