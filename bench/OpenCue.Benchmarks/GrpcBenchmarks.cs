using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using OpenCue.Authoring.Specs;
using OpenCue.Client;

namespace OpenCue.Benchmarks;

/// <summary>
/// Issue benchmark 4a: LaunchSpecAndWait of the N=2000 reference spec (2,000 layers, 100,000 frames,
/// 4,000 depends) to a fresh LocalCue on 127.0.0.1 per iteration, over an open connection; the job
/// is launched paused so no frame runs. Target: under 1 s end to end including intake.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(LongRunningConfig))]
public class GrpcLaunchBenchmarks
{
    private string _spec = null!;
    private LocalCueFixture? _fixture;

    /// <summary>LocalCue's store: SQLite in memory, or the file it uses by default.</summary>
    [Params(false, true)]
    public bool InMemory { get; set; }

    /// <summary>Writes the spec once.</summary>
    [GlobalSetup]
    public void Setup() => _spec = ReferenceJob.Build(2000).ToSpec(ReferenceJob.Options(paused: true));

    /// <summary>A fresh LocalCue for each launch (a job name can be pending once).</summary>
    [IterationSetup]
    public void StartLocalCue() => _fixture = LocalCueFixture.StartAsync(InMemory, 2).GetAwaiter().GetResult();

    /// <summary>Stops it.</summary>
    [IterationCleanup]
    public void StopLocalCue()
    {
        _fixture?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _fixture = null;
    }

    /// <summary>The spec sent with LaunchSpecAndWait; returns when the job exists.</summary>
    [Benchmark]
    public async Task<int> LaunchAndWait()
    {
        var jobs = await _fixture!.Api.LaunchSpecAndWaitAsync(_spec);
        ReferenceJob.Check(jobs.Count == 1 && jobs[0].Stats.TotalFrames == 100_000, "expected one job of 100,000 frames");
        return jobs.Count;
    }

    /// <summary>Cuerun.LaunchAsync from the built outline: validate, serialize, launch (build not counted).</summary>
    [Benchmark]
    public async Task<int> CuerunLaunch()
    {
        var outline = ReferenceJob.Build(2000);
        var jobs = await Cuerun.LaunchAsync(outline, new LaunchOptions { Api = _fixture!.Api, Uid = 1000, Pause = true });
        return jobs.Count;
    }
}

/// <summary>
/// Issue benchmark 4b: paging every frame of a paused 100,000-frame job over gRPC with
/// <see cref="CueJob.GetFramesAsync"/>. Target: under 2 s.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(LongRunningConfig))]
public class GrpcPagingBenchmarks
{
    private LocalCueFixture? _fixture;
    private CueJob _job = null!;

    /// <summary>Frames a page (the client's default is 500).</summary>
    [Params(500, 5000)]
    public int PageSize { get; set; }

    /// <summary>The job's shape: the reference job (2,000 layers of 50) or one layer of 100,000.</summary>
    [Params("2000x50", "1x100000")]
    public string Shape { get; set; } = "2000x50";

    /// <summary>Starts LocalCue and launches the job paused.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _fixture = LocalCueFixture.StartAsync(false, 2, null, PageSize).GetAwaiter().GetResult();
        var outline = Shape == "2000x50" ? ReferenceJob.Build(2000) : ReferenceJob.Chain(1, 100_000);
        _job = _fixture.Api.LaunchSpecAndWaitAsync(outline.ToSpec(ReferenceJob.Options(paused: true))).GetAwaiter().GetResult().Single();
    }

    /// <summary>Stops LocalCue.</summary>
    [GlobalCleanup]
    public void Cleanup() => _fixture?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Every frame, page after page.</summary>
    [Benchmark]
    public async Task<int> PageAllFrames()
    {
        var count = 0;
        await foreach (var frame in _job.GetFramesAsync())
        {
            count++;
        }

        ReferenceJob.Check(count == 100_000, "paged " + count + " frames, not 100,000");
        return count;
    }
}
