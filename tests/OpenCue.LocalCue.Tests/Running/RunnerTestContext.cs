using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.LocalCue.Running;
using OpenCue.LocalCue.Tests.Support;

namespace OpenCue.LocalCue.Tests.Running;

/// <summary>
/// Per-test directories, options and request factory for frame runner tests. Requests carry uid
/// <see cref="TestUsers.FrameUid"/>; as root, frames run as it, so <see cref="Root"/> (where frames
/// write their files) belongs to it.
/// </summary>
internal sealed class RunnerTestContext : IDisposable
{
    internal const string Rule = "===========================================================";
    internal static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);

    public RunnerTestContext()
    {
        Root = Path.Combine(Path.GetTempPath(), "localcue-runner-" + Guid.NewGuid().ToString("N"));
        LogDirectory = Path.Combine(Root, "logs", "job");
        TempDirectory = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(TempDirectory);

        // Whatever the umask: frames of any user pass through to the private directories under TempDirectory.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Root, (UnixFileMode)0x1ED);
            File.SetUnixFileMode(TempDirectory, (UnixFileMode)0x1ED);
        }
        TestUsers.GiveTo(Root);

        // As LocalCue passes its state directory: runners of one context share their recorded frame directory base.
        StateDirectory = Path.Combine(TempDirectory, "state");
        Directory.CreateDirectory(StateDirectory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(StateDirectory, (UnixFileMode)0x1C0);
        }

        Options = new FrameRunnerOptions
        {
            TempDirectory = TempDirectory,
            InstanceKey = StateDirectory,
            HostName = "testhost",
            LluSampleInterval = TimeSpan.FromMilliseconds(50),
            OutputDrainTimeout = TimeSpan.FromMilliseconds(500),
        };
    }

    public string Root { get; }

    public string LogDirectory { get; }

    public string TempDirectory { get; }

    /// <summary>The instance's state directory (root's, 0700), where the frame directory base is recorded.</summary>
    public string StateDirectory { get; }

    public FrameRunnerOptions Options { get; }

    private readonly List<ProcessFrameRunner> _runners = new();

    public ProcessFrameRunner Runner()
    {
        var runner = new ProcessFrameRunner(Options);
        lock (_runners)
        {
            _runners.Add(runner);
        }

        return runner;
    }

    /// <summary>Waits for what frames left in their directories to be removed (in the background, after completion).</summary>
    public Task RemovalsAsync()
    {
        lock (_runners)
        {
            return Task.WhenAll(_runners.Select(r => r.Directories.PendingRemovals())).WaitAsync(Guard);
        }
    }

    public FrameRunRequest Request(
        string command,
        string range = "1",
        int frame = 1,
        int chunk = 1,
        IReadOnlyList<KeyValuePair<string, string>>? env = null,
        int timeoutMinutes = 0,
        int timeoutLluMinutes = 0,
        string? logDirectory = null,
        int? uid = TestUsers.FrameUid,
        string user = "someone") => new FrameRunRequest
        {
            JobId = "00000000-0000-0000-0000-00000000000a",
            JobName = "testing-sh01-user_job",
            LayerId = "00000000-0000-0000-0000-00000000000b",
            LayerName = "render",
            FrameId = "00000000-0000-0000-0000-00000000000c",
            FrameName = frame.ToString("0000", CultureInfo.InvariantCulture) + "-render",
            FrameNumber = frame,
            Command = command,
            LayerRange = range,
            Chunk = chunk,
            Show = "testing",
            Shot = "sh01",
            User = user,
            Uid = uid,
            Env = env ?? new List<KeyValuePair<string, string>>(),
            ReservedCorePoints = 250,
            ReservedMemoryKb = 3355443,
            Gpus = 0,
            GpuMemoryKb = 0,
            Threadable = true,
            LogDirectory = logDirectory ?? LogDirectory,
            TimeoutMinutes = timeoutMinutes,
            TimeoutLluMinutes = timeoutLluMinutes,
        };

    public async Task<FrameRunResult> RunAsync(FrameRunRequest request)
    {
        IRunningFrame frame = Runner().Start(request);
        return await frame.Completion.WaitAsync(Guard);
    }

    public static string ReadLog(FrameRunResult result) => File.ReadAllText(result.LogPath);

    /// <summary>The frame's output: what lies between the header's closing rule and the footer.</summary>
    public static string Output(string log)
    {
        int first = log.IndexOf(Rule + "\n", StringComparison.Ordinal);
        int second = log.IndexOf("\n" + Rule + "\n", first + Rule.Length, StringComparison.Ordinal);
        int start = second + Rule.Length + 2;
        int footer = log.LastIndexOf("\n" + Rule + "\nRenderQ Job Complete", StringComparison.Ordinal);
        return log.Substring(start, footer - start);
    }

    public static IReadOnlyList<string> OutputLines(FrameRunResult result) =>
        Output(ReadLog(result)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static async Task<string> WaitForFileAsync(string path)
    {
        using var cancellation = new CancellationTokenSource(Guard);
        while (true)
        {
            if (File.Exists(path))
            {
                string text = File.ReadAllText(path).Trim();
                if (text.Length > 0)
                {
                    return text;
                }
            }

            await Task.Delay(20, cancellation.Token);
        }
    }

    /// <summary>Whether a process is gone (no /proc entry, or a zombie nobody has reaped yet).</summary>
    public static bool IsGone(int pid)
    {
        try
        {
            string stat = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
            return stat.Substring(stat.LastIndexOf(')') + 2, 1) == "Z";
        }
        catch (IOException)
        {
            return true;
        }
    }

    public static async Task WaitUntilGoneAsync(int pid)
    {
        using var cancellation = new CancellationTokenSource(Guard);
        while (!IsGone(pid))
        {
            await Task.Delay(20, cancellation.Token);
        }
    }

    public static void KillQuietly(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
