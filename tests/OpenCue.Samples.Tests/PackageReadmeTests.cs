using System.Text.RegularExpressions;
using System.Xml.Linq;
using Grpc.Net.Client;
using OpenCue.Authoring;
using OpenCue.Client;
using OpenCue.LocalCue;
using OpenCue.Proto.Jobs;

namespace OpenCue.Samples.Tests;

/// <summary>
/// Each package's own README (src/&lt;Project&gt;/README.md, packed as the package readme): it names the
/// contract version and links under the repository URL of Directory.Build.props, and its C# example is
/// the code run here, between the <c>README</c> markers, with only the listed substitutions.
/// </summary>
public class PackageReadmeTests
{
    private const string ThisFile = "tests/OpenCue.Samples.Tests/PackageReadmeTests.cs";

    public static TheoryData<string, string> Packages => new()
    {
        { "OpenCue.Authoring", "dotnet add package OpenCue.Authoring" },
        { "OpenCue.Client", "dotnet add package OpenCue.Client" },
        { "OpenCue.Client.DependencyInjection", "dotnet add package OpenCue.Client.DependencyInjection" },
        { "OpenCue.LocalCue", "dotnet add package OpenCue.LocalCue" },
        { "OpenCue.Proto", "dotnet add package OpenCue.Proto" },
        { "OpenCue.Cli", "dotnet tool install -g OpenCue.Cuerun" },
    };

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_package_readme_names_the_contract_version_its_install_command_and_the_full_docs(string project, string install)
    {
        var readme = File.ReadAllText(Path.Combine(Root, "src", project, "README.md"));

        readme.Should().Contain("OpenCue " + BuildProperty("OpenCueContractVersion"), "the contract version is OpenCueContractVersion in Directory.Build.props");
        readme.Should().Contain(install);
        readme.Should().Contain(BuildProperty("OpenCueRepositoryUrl"), "the full docs are linked under OpenCueRepositoryUrl in Directory.Build.props");
        readme.Should().NotContain("](docs/", "a package page cannot show the repository's relative links");
    }

    [Theory]
    [InlineData("OpenCue.Authoring", "Authoring")]
    [InlineData("OpenCue.Client", "Client")]
    [InlineData("OpenCue.LocalCue", "LocalCue")]
    [InlineData("OpenCue.Proto", "Proto")]
    public void Each_package_readme_example_is_the_code_these_tests_run(string project, string region)
    {
        var readme = File.ReadAllText(Path.Combine(Root, "src", project, "README.md"));
        var block = Regex.Match(readme, "```csharp\n(.*?)```", RegexOptions.Singleline);
        block.Success.Should().BeTrue();
        var example = Lines(block.Groups[1].Value).Where(l => !UsingDirective.IsMatch(l));
        foreach (var (asWritten, asRun) in Substitutions[region])
        {
            example = example.Select(l => l.Replace(asWritten, asRun, StringComparison.Ordinal));
        }

        var source = File.ReadAllText(Path.Combine(Root, ThisFile));
        var run = Regex.Match(source, "// README " + region + " begin\n(.*?)// README " + region + " end", RegexOptions.Singleline);
        run.Success.Should().BeTrue();
        Lines(run.Groups[1].Value).Should().Equal(example);
    }

    [Fact]
    public void Authoring_readme_example_writes_a_spec()
    {
        // README Authoring begin
        var job = new Outline("comp-v001", shot: "shot010", show: "demo-project", user: "artist01");
        var render = job.AddLayer(new Shell("render", new[] { "blender", "-b", "shot010.blend", "-f", "#IFRAME#" }).SetFrameRange("1-100").SetChunk(5));
        var comp = job.AddLayer(new Shell("comp", "nuke -x comp.nk -F #IFRAME#").SetFrameRange("1-100"));
        comp.DependOn(render);                      // frame by frame, PyOutline's default
        string spec = job.ToSpec();                 // throws OutlineValidationException listing every error
        // README Authoring end

        spec.Should().Contain("<layer name=\"comp\"");
    }

    [Fact]
    public async Task Client_readme_example_launches()
    {
        var state = Directory.CreateTempSubdirectory("package-readme-").FullName;
        try
        {
            await using var cue = await LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = state });

            // README Client begin
            var job = new Outline("render-v001", shot: "shot010", show: "demo-project", user: "artist01");
            job.AddLayer(new Shell("render", new[] { "blender", "-b", "shot010.blend", "-f", "#IFRAME#" }).SetFrameRange("1-100"));
            var jobs = await Cuerun.LaunchAsync(job, new LaunchOptions { Server = cue.Address, Pause = true, Uid = 1000 });
            foreach (CueJob launched in jobs) Console.WriteLine($"{launched.Name}: {launched.Stats.SucceededFrames} frames succeeded");
            // README Client end

            jobs.Single().Name.Should().Be("demo-project-shot010-artist01_render_v001");
            await jobs.Single().KillAsync("package README example checked");
        }
        finally
        {
            Directory.Delete(state, true);
        }
    }

    [Fact]
    public async Task LocalCue_readme_example_launches_to_the_embedded_scheduler()
    {
        var state = Directory.CreateTempSubdirectory("package-readme-").FullName;
        try
        {
            // README LocalCue begin
            await using var cue = await LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = state, Cores = 8 });
            var job = new Outline("hello-v001", shot: "shot010", show: "demo-project", user: "artist01");
            job.AddLayer(new Shell("hello", new[] { "echo", "frame", "#IFRAME#" }).SetFrameRange("1-10"));
            var jobs = await Cuerun.LaunchAsync(job, new LaunchOptions { Server = cue.Address, Pause = true, Uid = 1000 });
            Console.WriteLine($"{jobs[0].Name} ran on {cue.Address}; frame logs in {jobs[0].LogDirectory}");
            // README LocalCue end

            (await jobs[0].GetLayersAsync()).Single().Stats.TotalFrames.Should().Be(10);
            await jobs[0].KillAsync("package README example checked");
        }
        finally
        {
            Directory.Delete(state, true);
        }
    }

    [Fact]
    public async Task Proto_readme_example_lists_jobs_with_the_raw_stubs()
    {
        var state = Directory.CreateTempSubdirectory("package-readme-").FullName;
        try
        {
            await using var cue = await LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = state });
            var paused = new Outline("listed-v001", shot: "shot010", show: "demo-project", user: "artist01");
            paused.AddLayer(new Shell("hello", new[] { "echo", "#IFRAME#" }).SetFrameRange("1-2"));
            var launched = (await Cuerun.LaunchAsync(paused, new LaunchOptions { Server = cue.Address, Pause = true, Uid = 1000 })).Single();

            // README Proto begin
            using var channel = GrpcChannel.ForAddress("http://" + cue.Address);
            var client = new JobInterface.JobInterfaceClient(channel);
            var reply = await client.GetJobsAsync(new JobGetJobsRequest { R = new JobSearchCriteria { Shows = { "demo-project" } } });
            foreach (Job job in reply.Jobs.Jobs) Console.WriteLine($"{job.Name}: {job.State}");
            // README Proto end

            reply.Jobs.Jobs.Select(j => j.Name).Should().Equal(launched.Name);
            await launched.KillAsync("package README example checked");
        }
        finally
        {
            Directory.Delete(state, true);
        }
    }

    /// <summary>What the README says for a farm, and what the tests run instead (a local scheduler; paused, as blender is not installed here).</summary>
    private static readonly Dictionary<string, (string AsWritten, string AsRun)[]> Substitutions = new()
    {
        ["Authoring"] = Array.Empty<(string, string)>(),
        ["Client"] = new[] { ("Server = \"cuebot:8443\", Wait = true", "Server = cue.Address, Pause = true, Uid = 1000") },
        ["LocalCue"] = new[] { ("StateDirectory = \"cue-state\"", "StateDirectory = state"), ("Wait = true", "Pause = true, Uid = 1000") },
        ["Proto"] = new[] { ("\"http://cuebot:8443\"", "\"http://\" + cue.Address") },
    };

    private static readonly Regex UsingDirective = new("^using [A-Za-z.]+;$");

    private static string Root { get; } = FindRoot();

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("// README", StringComparison.Ordinal)).ToList();

    private static string BuildProperty(string name) =>
        XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants(name).Single().Value;

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
