using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.Authoring.Validation;
using OpenCue.Client;
using OpenCue.LocalCue;
using OpenCue.LocalCue.Running;

namespace OpenCue.Samples.Quickstart;

/// <summary>
/// <c>dotnet run --project samples/Quickstart [-- --server HOST:PORT] [--frames N] [--out DIR]</c>:
/// builds a small multi-layer job, runs it on the embedded local scheduler (or sends it to a
/// Cuebot), shows progress per layer, then the tutorial's analysis and where the images are.
/// </summary>
public static class Program
{
    /// <summary>Runs the Quickstart.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>0 when every frame succeeded, 1 when not, 2 for bad arguments.</returns>
    public static async Task<int> Main(string[] args)
    {
        string? server = null;
        var frames = 24;
        var output = Path.Combine(Directory.GetCurrentDirectory(), "quickstart-output");
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value");
            try
            {
                switch (args[i])
                {
                    case "--server": server = Value(); break;
                    case "--frames": frames = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--out": output = Path.GetFullPath(Value()); break;
                    case "-h":
                    case "--help":
                        Console.WriteLine("usage: Quickstart [--server HOST:PORT] [--frames N (1-500, default 24)] [--out DIR (default ./quickstart-output)]");
                        return 0;
                    default: throw new ArgumentException("unknown option " + args[i] + "; use --server, --frames, --out");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return 2;
            }
        }

        if (frames < 1 || frames > 500)
        {
            await Console.Error.WriteLineAsync("error: --frames must be 1 to 500 (was " + frames + ")");
            return 2;
        }

        Directory.CreateDirectory(Path.Combine(output, "scripts"));
        WriteScripts(Path.Combine(output, "scripts"));
        var outline = QuickstartPipeline.Build(output, frames);
        var launch = new LaunchOptions { PollInterval = TimeSpan.FromMilliseconds(250) };

        LocalCuebot? local = null;
        try
        {
            if (server is null)
            {
                // As root, the output folder is given to the frames' uid (below): LocalCue's state (the database with
                // the jobs' environment, the logs) must not be inside a folder another user controls, so it goes next to it.
                string state = FrameOwnership.FramesRunAs(QuickstartUid)
                    ? Path.TrimEndingDirectorySeparator(output) + ".localcue-state"
                    : Path.Combine(output, "state");
                try
                {
                    local = await LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = state });
                }
                catch (OpenCue.LocalCue.StoreLayoutException e)
                {
                    await Console.Error.WriteLineAsync("error: " + e.Message + " (remove " + state + " or use --out DIR)");
                    return 1;
                }
                catch (IOException e)
                {
                    await Console.Error.WriteLineAsync("error: " + e.Message);
                    return 1;
                }

                server = local.Address;
                Console.WriteLine("Started the embedded local scheduler on " + server + " (" + Environment.ProcessorCount + " cores).");
                if (IsRoot(outline.User))
                {
                    // Cuebot refuses jobs launched as root; in a container running as root, launch as a plain user.
                    outline.User = "quickstart";
                    launch.Uid = QuickstartUid;
                    Console.WriteLine("Running as root: Cuebot refuses root's jobs, so this one is launched as user 'quickstart' (uid " + QuickstartUid + ").");
                }

                if (launch.Uid is int uid && FrameOwnership.FramesRunAs(uid))
                {
                    // LocalCue runs as root here, so it runs every frame as the job's uid, never as root: the frames
                    // write the images, so the output folder becomes that uid's (LocalCue's state is outside it; an
                    // old "state" folder in it stays root's).
                    FrameOwnership.GiveTo(output, uid, recursive: true, except: Path.Combine(output, "state"));
                    Console.WriteLine("Its frames run as uid " + uid + ", not as root, so " + output + " now belongs to uid " + uid + ".");
                    WarnIfUnreachable(output, uid);
                }
            }

            var client = new CueClientOptions();
            client.Hosts.Add(server);
            using var api = new CueApi(client);
            launch.Api = api;

            CueJob job;
            try
            {
                job = (await Cuerun.LaunchAsync(outline, launch)).Single();
            }
            catch (OutlineValidationException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 1;
            }
            catch (CueException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return 1;
            }

            Console.WriteLine("Launched " + job.Name + ": prepare -> render (4 frames a task) -> comp (frame by frame) -> contact-sheet, " + frames + " frames.");
            var ok = await FollowAsync(job);
            Console.WriteLine();
            Console.WriteLine((await PipelineAnalytics.AnalyzeAsync(job)).ToTable());
            Console.WriteLine("Outputs:");
            Console.WriteLine("  frames         " + Path.Combine(output, "render"));
            Console.WriteLine("  composites     " + Path.Combine(output, "comp"));
            Console.WriteLine("  contact sheet  " + Path.Combine(output, "contact_sheet.html") + " (open it in a browser)");
            Console.WriteLine("  frame logs     " + job.LogDirectory);
            Console.WriteLine(ok ? "Every frame succeeded." : "Some frames did not succeed; see their logs above.");
            return ok ? 0 : 1;
        }
        finally
        {
            if (local != null)
            {
                await local.DisposeAsync();
            }
        }
    }

    /// <summary>Shows per-layer progress until the job finishes, or a frame dies (a dead frame keeps a job pending forever).</summary>
    private static async Task<bool> FollowAsync(CueJob job)
    {
        var last = new Dictionary<string, string>();
        var progress = new Reporter(p =>
        {
            foreach (var layer in p.Layers)
            {
                var s = layer.Stats;
                var done = s.SucceededFrames + s.EatenFrames;
                var width = 24;
                var filled = s.TotalFrames == 0 ? 0 : done * width / s.TotalFrames;
                var line = string.Format(CultureInfo.InvariantCulture, "  {0,-14} [{1}{2}] {3,3}/{4,-3} running {5}  waiting {6}  dead {7}",
                    layer.Name, new string('#', filled), new string('.', width - filled), done, s.TotalFrames, s.RunningFrames, s.WaitingFrames + s.DependFrames, s.DeadFrames);
                if (!last.TryGetValue(layer.Name, out var previous) || previous != line)
                {
                    Console.WriteLine(line);
                    last[layer.Name] = line;
                }
            }
        });

        try
        {
            var end = await job.WaitAsync(new WaitOptions
            {
                FailOnDead = true, Timeout = TimeSpan.FromMinutes(10), PollInterval = TimeSpan.FromMilliseconds(250), Progress = progress,
            });
            return end.Kind == JobEventKind.JobFinished && job.Stats.SucceededFrames == job.Stats.TotalFrames;
        }
        catch (FrameDiedException e)
        {
            Console.WriteLine("  dead: " + e.FrameName + " (exit " + e.ExitStatus + "), log " + e.LogPath);
            await job.KillAsync("Quickstart: a frame died");
            return false;
        }
    }

    /// <summary>Reports progress on the waiting thread, in order (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class Reporter(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }

    /// <summary>The uid the Quickstart launches as when it runs as root (Cuebot refuses root's jobs).</summary>
    private const int QuickstartUid = 1000;

    // The frames' user must be able to pass through every parent directory of the output to reach it.
    private static void WarnIfUnreachable(string output, int uid)
    {
        for (var parent = Path.GetDirectoryName(output); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
        {
            if (OperatingSystem.IsWindows() || (File.GetUnixFileMode(parent) & UnixFileMode.OtherExecute) == 0)
            {
                Console.WriteLine("warning: uid " + uid + " cannot pass through " + parent + " (not searchable by others), so the frames cannot reach " + output + "; use --out with a folder it can reach, e.g. under /tmp.");
                return;
            }
        }
    }

    private static bool IsRoot(string user) =>
        user == "root" || (OperatingSystem.IsLinux() && File.Exists("/proc/self/status") &&
            File.ReadLines("/proc/self/status").Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) == "0"));

    private static void WriteScripts(string directory)
    {
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var name in new[] { "render.sh", "comp.sh", "contact.sh" })
        {
            using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException("Missing embedded script " + name);
            using var file = File.Create(Path.Combine(directory, name));
            stream.CopyTo(file);
        }
    }
}
