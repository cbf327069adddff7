using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using OpenCue.Authoring.Specs;
using OpenCue.Client;
using OpenCue.LocalCue;

namespace OpenCue.Benchmarks;

/// <summary>
/// Issue benchmark 5 (<c>-- --memory</c>): peak working set (VmHWM of /proc/self/status) of fresh
/// child processes of this program: an idle one (the runtime's floor), one that builds, validates
/// and writes the N=2000 reference outline (target under 50 MB), and one running LocalCue that
/// holds the paused 100,000-frame N=2000 job launched into it over gRPC by this process (target
/// under 300 MB), measured after intake and again after every frame was paged out.
/// </summary>
internal static class MemoryHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        Console.WriteLine("# memory: peak working set (VmHWM) of a fresh child process, median of " + rounds + "; load " + SchedulerHarness.LoadAverage());
        Console.WriteLine("| child | VmHWM MB | VmRSS MB at the end | managed heap MB |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var kind in new[] { "idle", "outline-build", "outline-validate", "outline-serialize", "outline" })
        {
            var reports = Enumerable.Range(0, rounds).Select(_ => RunChild(kind)).ToList();
            Print(kind, reports);
        }

        foreach (var store in new[] { "file", "memory" })
        {
            var idle = new System.Collections.Generic.List<Report>();
            var launched = new System.Collections.Generic.List<Report>();
            var paged = new System.Collections.Generic.List<Report>();
            for (var r = 0; r < rounds; r++)
            {
                var (a, b, c) = await LocalCueChildAsync(store).ConfigureAwait(false);
                idle.Add(a);
                launched.Add(b);
                paged.Add(c);
            }

            Print("localcue (" + store + " store) idle", idle);
            Print("localcue (" + store + " store) + 100,000-frame job", launched);
            Print("localcue (" + store + " store) + job, all frames paged", paged);
        }

        return 0;
    }

    /// <summary>The child side: <c>--child idle|outline-build|outline-validate|outline-serialize|outline|localcue-file|localcue-memory</c>.</summary>
    public static async Task<int> ChildAsync(string[] args)
    {
        switch (args[0])
        {
            case "idle":
                Console.WriteLine(Report.Current());
                return 0;
            case "outline-build":
                GC.KeepAlive(ReferenceJob.Build(2000));
                Console.WriteLine(Report.Current());
                return 0;
            case "outline-validate":
                ReferenceJob.Check(ReferenceJob.Build(2000).Validate(ReferenceJob.Options()).IsValid, "invalid");
                Console.WriteLine(Report.Current());
                return 0;
            case "outline-serialize":
                ReferenceJob.Check(ReferenceJob.Build(2000).ToSpec(ReferenceJob.Options(validate: false)).Length > 0, "empty spec");
                Console.WriteLine(Report.Current());
                return 0;
            case "outline":
                var spec = ReferenceJob.Build(2000).ToSpec(ReferenceJob.Options());
                ReferenceJob.Check(spec.Length > 0, "empty spec");
                Console.WriteLine(Report.Current());
                return 0;
            case "localcue-file":
            case "localcue-memory":
                var root = Directory.CreateTempSubdirectory("opencue-bench-mem-").FullName;
                try
                {
                    await using (var cue = await LocalCuebot.StartAsync(new LocalCueOptions
                    {
                        StateDirectory = Path.Combine(root, "state"),
                        InMemory = args[0] == "localcue-memory",
                        Cores = 2,
                        MemoryMb = 65536,
                    }).ConfigureAwait(false))
                    {
                        Console.WriteLine("ADDRESS " + cue.Address);
                        string? line;
                        while ((line = await Console.In.ReadLineAsync().ConfigureAwait(false)) != null && line != "quit")
                        {
                            Console.WriteLine(Report.Current());
                        }
                    }
                }
                finally
                {
                    Directory.Delete(root, true);
                }

                return 0;
            default:
                Console.Error.WriteLine("unknown child " + args[0]);
                return 2;
        }
    }

    private static async Task<(Report Idle, Report Launched, Report Paged)> LocalCueChildAsync(string store)
    {
        var spec = ReferenceJob.Build(2000).ToSpec(ReferenceJob.Options(paused: true));
        using var child = Start("localcue-" + store);
        var first = await child.StandardOutput.ReadLineAsync().ConfigureAwait(false) ?? throw new InvalidOperationException("the child ended: " + await child.StandardError.ReadToEndAsync().ConfigureAwait(false));
        ReferenceJob.Check(first.StartsWith("ADDRESS ", StringComparison.Ordinal), "unexpected child output " + first);
        var client = new CueClientOptions { CallDeadline = TimeSpan.FromMinutes(2) };
        client.Hosts.Add(first.Substring(8));
        using var api = new CueApi(client);
        await api.GetJobsAsync().ConfigureAwait(false);
        var idle = await AskAsync(child).ConfigureAwait(false);
        var job = (await api.LaunchSpecAndWaitAsync(spec).ConfigureAwait(false)).Single();
        var launched = await AskAsync(child).ConfigureAwait(false);
        var count = 0;
        await foreach (var frame in job.GetFramesAsync())
        {
            count++;
        }

        ReferenceJob.Check(count == 100_000, "paged " + count);
        var paged = await AskAsync(child).ConfigureAwait(false);
        await child.StandardInput.WriteLineAsync("quit").ConfigureAwait(false);
        await child.WaitForExitAsync().ConfigureAwait(false);
        return (idle, launched, paged);
    }

    private static async Task<Report> AskAsync(Process child)
    {
        await child.StandardInput.WriteLineAsync("report").ConfigureAwait(false);
        await child.StandardInput.FlushAsync().ConfigureAwait(false);
        return Report.Parse(await child.StandardOutput.ReadLineAsync().ConfigureAwait(false) ?? string.Empty);
    }

    private static Report RunChild(string kind)
    {
        using var child = Start(kind);
        var line = child.StandardOutput.ReadLine() ?? string.Empty;
        child.WaitForExit();
        ReferenceJob.Check(child.ExitCode == 0, "child " + kind + " failed: " + child.StandardError.ReadToEnd());
        return Report.Parse(line);
    }

    private static Process Start(string kind)
    {
        var host = Environment.ProcessPath!;
        var info = new ProcessStartInfo(host)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            info.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        info.ArgumentList.Add("--child");
        info.ArgumentList.Add(kind);
        return Process.Start(info)!;
    }

    private static void Print(string what, System.Collections.Generic.IReadOnlyList<Report> reports) =>
        Console.WriteLine($"| {what} | {ReferenceJob.Median(reports.Select(r => r.HwmKb / 1024.0)):F1} | {ReferenceJob.Median(reports.Select(r => r.RssKb / 1024.0)):F1} | {ReferenceJob.Median(reports.Select(r => r.ManagedBytes / 1048576.0)):F1} |");

    internal readonly record struct Report(long HwmKb, long RssKb, long ManagedBytes)
    {
        public static Report Current()
        {
            long hwm = 0, rss = 0;
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kb(line);
                }
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kb(line);
                }
            }

            return new Report(hwm, rss, GC.GetTotalMemory(false));
        }

        public static Report Parse(string line)
        {
            var parts = line.Split(' ');
            ReferenceJob.Check(parts.Length == 4 && parts[0] == "REPORT", "unexpected report line '" + line + "'");
            return new Report(long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
        }

        public override string ToString() => "REPORT " + HwmKb.ToString(CultureInfo.InvariantCulture) + " " + RssKb.ToString(CultureInfo.InvariantCulture) + " " + ManagedBytes.ToString(CultureInfo.InvariantCulture);

        private static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
