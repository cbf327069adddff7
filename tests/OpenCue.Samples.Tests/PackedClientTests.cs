using System.Diagnostics;
using System.IO.Compression;
using OpenCue.LocalCue;

namespace OpenCue.Samples.Tests;

/// <summary>
/// The packed OpenCue.Client as each kind of host gets it: packs OpenCue.Authoring, OpenCue.Proto and
/// OpenCue.Client to a temporary feed (under a version of their own, so no cached package stands in),
/// then builds and runs the projects of tests/consumers against it as real <c>dotnet</c> child processes.
/// </summary>
public sealed class PackedClientTests : IClassFixture<PackedClientTests.Feed>
{
    private readonly Feed _feed;

    public PackedClientTests(Feed feed) => _feed = feed;

    [Fact]
    public void The_client_package_has_netstandard2_0_net8_0_and_net10_0_builds()
    {
        using var package = ZipFile.OpenRead(_feed.PackagePath("OpenCue.Client"));
        package.Entries.Select(e => e.FullName).Where(n => n.StartsWith("lib/", StringComparison.Ordinal) && n.EndsWith("/OpenCue.Client.dll", StringComparison.Ordinal))
            .Should().BeEquivalentTo("lib/netstandard2.0/OpenCue.Client.dll", "lib/net8.0/OpenCue.Client.dll", "lib/net10.0/OpenCue.Client.dll");
    }

    [Fact]
    public void A_netstandard2_0_library_in_csharp_7_3_builds_against_the_package()
    {
        var result = _feed.Dotnet("build", "NetStandardLib");

        result.ExitCode.Should().Be(0, result.Output);
    }

    [Fact]
    public void A_net48_app_builds_against_the_package()
    {
        var result = _feed.Dotnet("build", "Net48App");

        result.ExitCode.Should().Be(0, result.Output);
        File.Exists(Path.Combine(_feed.Consumers, "Net48App", "bin", "Debug", "net48", "OpenCue.Client.dll")).Should().BeTrue(result.Output);
    }

    [Fact]
    public async Task A_net8_0_app_launches_a_job_to_LocalCue_and_waits_for_it()
    {
        var state = Directory.CreateTempSubdirectory("packed-client-").FullName;
        try
        {
            await using var cue = await LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = state, Cores = 4, MemoryMb = 8192 });
            var uid = Environment.UserName == "root" ? new[] { "1000" } : Array.Empty<string>();

            var result = _feed.Dotnet("run", "Net8App", new[] { "--", cue.Address }.Concat(uid).ToArray());

            result.ExitCode.Should().Be(0, result.Output);
            result.Output.Should().Contain("client build: .NETCoreApp,Version=v8.0;")
                .And.Contain("job: consumer-shot010-artist01_net8_tool; state: Finished; frames: 2; pending: False");
        }
        finally
        {
            Directory.Delete(state, true);
        }
    }

    /// <summary>The temporary feed with the three packages, and a copy of tests/consumers beside it.</summary>
    public sealed class Feed : IDisposable
    {
        private static readonly string[] Packed = { "OpenCue.Authoring", "OpenCue.Proto", "OpenCue.Client" };

        private readonly string _root = Directory.CreateTempSubdirectory("packed-client-feed-").FullName;

        public Feed()
        {
            var repo = FindRoot();
            Version = "0.0.0-consumers." + Guid.NewGuid().ToString("N").Substring(0, 12);
            var feed = Path.Combine(_root, "feed");
            foreach (var project in Packed)
            {
                var pack = Run(repo, "pack", Path.Combine(repo, "src", project), "-c", "Release", "-o", feed, "--property:Version=" + Version, "--property:IncludeSymbols=false");
                if (pack.ExitCode != 0)
                {
                    throw new InvalidOperationException("dotnet pack " + project + " failed:\n" + pack.Output);
                }
            }

            Consumers = Path.Combine(_root, "consumers");
            CopyTree(Path.Combine(repo, "tests", "consumers"), Consumers);
            File.WriteAllText(Path.Combine(Consumers, "nuget.config"),
                "<configuration><packageSources><add key=\"packed\" value=\"" + feed + "\" /></packageSources></configuration>");
        }

        /// <summary>The packed version.</summary>
        public string Version { get; }

        /// <summary>The copy of tests/consumers.</summary>
        public string Consumers { get; }

        public string PackagePath(string id) => Path.Combine(_root, "feed", id + "." + Version + ".nupkg");

        /// <summary>Runs <c>dotnet VERB</c> on a consumer project with the packed version.</summary>
        public (int ExitCode, string Output) Dotnet(string verb, string project, params string[] rest)
        {
            var path = Path.Combine(Consumers, project);
            var target = verb == "run" ? new[] { "--project", path } : new[] { path };
            return Run(Consumers, new[] { verb }.Concat(target).Append("--property:OpenCueVersion=" + Version).Concat(rest).ToArray());
        }

        public void Dispose()
        {
            Directory.Delete(_root, true);

            // The packed version is this run's alone: leave no copy of it in the global package folder.
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var id in Packed)
            {
                var dir = Path.Combine(cache, id.ToLowerInvariant(), Version);
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, true);
                }
            }
        }

        private static (int ExitCode, string Output) Run(string directory, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, "dotnet " + string.Join(" ", args) + "\n" + stdout + stderr.GetAwaiter().GetResult());
        }

        private static void CopyTree(string from, string to)
        {
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(from, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                {
                    continue;
                }

                var target = Path.Combine(to, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OpenCue.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("OpenCue.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
