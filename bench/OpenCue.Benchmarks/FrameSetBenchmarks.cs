using System.Collections.Generic;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using OpenCue.Authoring;

namespace OpenCue.Benchmarks;

/// <summary>
/// Issue benchmark 2: frame set parse + expand, and chunking. Targets at 100,000 frames: each under
/// 1 ms, interleave under 3 ms; linear in frames (compare Frames = 10,000 and 100,000).
/// </summary>
[MemoryDiagnoser]
public class FrameSetBenchmarks
{
    private string _range = null!;
    private string _step = null!;
    private string _interleave = null!;
    private string _inverse = null!;
    private string _commaList = null!;
    private FrameSet _parsed = null!;

    /// <summary>The last frame of the ranges (the comma list has Frames / 20 items: 5,000 at 100,000).</summary>
    [Params(10_000, 100_000)]
    public int Frames { get; set; }

    /// <summary>Makes the texts.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var end = Frames.ToString(CultureInfo.InvariantCulture);
        _range = "1-" + end;
        _step = "1-" + end + "x3";
        _interleave = "1-" + end + ":7";
        _inverse = "1-" + end + "y3";
        _commaList = ReferenceJob.CommaList(Frames / 20);
        _parsed = FrameSet.Parse(_range);
        ReferenceJob.Check(FrameSet.Parse(_interleave).Count == Frames, "interleave count");
        ReferenceJob.Check(FrameSet.Parse(_inverse).Count == Frames - ((Frames + 2) / 3), "inverse count");
        ReferenceJob.Check(FrameSet.Parse(_commaList).Count == Frames / 20, "comma list count");
    }

    /// <summary><c>1-100000</c>.</summary>
    [Benchmark]
    public FrameSet Range() => FrameSet.Parse(_range);

    /// <summary><c>1-100000x3</c>.</summary>
    [Benchmark]
    public FrameSet Step() => FrameSet.Parse(_step);

    /// <summary><c>1-100000:7</c> (interleave).</summary>
    [Benchmark]
    public FrameSet Interleave() => FrameSet.Parse(_interleave);

    /// <summary><c>1-100000y3</c> (inverse step).</summary>
    [Benchmark]
    public FrameSet Inverse() => FrameSet.Parse(_inverse);

    /// <summary>A comma list of 5,000 single frames.</summary>
    [Benchmark]
    public FrameSet CommaList() => FrameSet.Parse(_commaList);

    /// <summary>Chunks of 7 of <c>1-100000</c> (parsed beforehand), each with its frame spec text.</summary>
    [Benchmark]
    public IReadOnlyList<FrameChunk> ChunkBy7() => Chunking.GetChunks(_parsed, 7);

    /// <summary>Parse <c>1-100000</c>, then chunk it by 7.</summary>
    [Benchmark]
    public IReadOnlyList<FrameChunk> ParseAndChunkBy7() => Chunking.GetChunks(FrameSet.Parse(_range), 7);

    /// <summary>Chunk-start frames only (what Cuebot makes frames of).</summary>
    [Benchmark]
    public IReadOnlyList<int> ChunkStartsBy7() => Chunking.GetChunkStarts(_parsed, 7);
}
