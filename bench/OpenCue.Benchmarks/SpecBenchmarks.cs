using BenchmarkDotNet.Attributes;
using OpenCue.Authoring;
using OpenCue.Authoring.Specs;
using OpenCue.Authoring.Validation;

namespace OpenCue.Benchmarks;

/// <summary>
/// Issue benchmark 1: the reference job (N Shell layers of 1-50) built, validated and written.
/// Target: N=2000 under 10 ms for build + validate + serialize (<see cref="BuildValidateSerialize"/>), linear in N.
/// </summary>
[MemoryDiagnoser]
public class SpecBenchmarks
{
    private Outline _outline = null!;
    private SpecWriterOptions _validateOptions = null!;
    private SpecWriterOptions _serializeOptions = null!;

    /// <summary>Layers in the reference job.</summary>
    [Params(10, 100, 500, 2000)]
    public int N { get; set; }

    /// <summary>Builds the outline the validate and serialize benchmarks reuse, and checks it is valid.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _outline = ReferenceJob.Build(N);
        _validateOptions = ReferenceJob.Options();
        _serializeOptions = ReferenceJob.Options(validate: false);
        var result = _outline.Validate(_validateOptions);
        ReferenceJob.Check(result.IsValid, "The reference job is invalid: " + string.Join("; ", result.Errors));
    }

    /// <summary>Building the outline: layers, setters, depends.</summary>
    [Benchmark]
    public Outline Build() => ReferenceJob.Build(N);

    /// <summary>Validating a built outline (every rule).</summary>
    [Benchmark]
    public ValidationResult Validate() => _outline.Validate(_validateOptions);

    /// <summary>Writing the XML spec only (<see cref="SpecWriterOptions.Validate"/> off).</summary>
    [Benchmark]
    public string Serialize() => SpecWriter.Write(_outline, _serializeOptions);

    /// <summary>The whole submit-side path: build, then ToSpec with validation.</summary>
    [Benchmark]
    public string BuildValidateSerialize() => ReferenceJob.Build(N).ToSpec(_validateOptions);
}
