using System.Runtime.CompilerServices;

namespace OpenCue.Cli.Tests;

public sealed class GraphCommandTests : IDisposable
{
    /// <summary>Every dependency type, a chunked layer, and a layer outside the job's range (not launched).</summary>
    private const string Deps = """
        {"name": "deps", "show": "testing", "shot": "sh010", "user": "jdoe", "range": "1-10",
         "layers": [
          {"name": "sim", "module": "outline.modules.shell.Shell", "command": ["true"], "range": "1-10"},
          {"name": "cache", "module": "outline.modules.shell.Shell", "command": ["true"], "range": "1-10", "require": "sim"},
          {"name": "render", "module": "outline.modules.shell.Shell", "command": ["true"], "range": "1-10", "chunk": 5, "require": ["cache:all", "sim:sim"]},
          {"name": "motion", "module": "outline.modules.shell.Shell", "command": ["true"], "range": "1-10", "require": "render:prev"},
          {"name": "extra", "module": "outline.modules.shell.Shell", "command": ["true"], "range": "20-30"}
         ]}
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Mermaid_is_the_default()
    {
        var result = CliRun.Run("graph", _folder.Write("deps.json", Deps));

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stderr.Should().BeEmpty();
        result.Stdout.Should().Be("""
            %% layer graph of outline deps
            flowchart LR
                L0["sim<br/>1-10, chunk 1"]
                L1["cache<br/>1-10, chunk 1"]
                L2["render<br/>1-10, chunk 5"]
                L3["motion<br/>1-10, chunk 1"]
                L4["extra<br/>not launched: no frame in the job's range"]
                L0 -->|FrameByFrame| L1
                L1 -->|LayerOnLayer| L2
                L0 -->|LayerOnSimFrame| L2
                L2 -->|PreviousFrame| L3
                style L4 stroke-dasharray: 5 5

            """.Replace("\r\n", "\n"));
        CliRun.Run("graph", _folder.Write("deps2.json", Deps), "--format", "mermaid").Stdout.Should().Be(result.Stdout);
    }

    [Fact]
    public void Dot_labels_each_edge_with_its_dependency_type()
    {
        var result = CliRun.Run("graph", _folder.Write("deps.json", Deps), "--format", "dot");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Be("""
            digraph "deps" {
              label="deps";
              labelloc=t;
              fontname="Helvetica";
              rankdir=LR;
              node [shape=box, style="rounded,filled", fillcolor="#e8f0fe", color="#4a6fa5", fontname="Helvetica", fontsize=11];
              edge [fontname="Helvetica", fontsize=9, color="#555555"];
              "sim" [label="sim\n1-10, chunk 1"];
              "cache" [label="cache\n1-10, chunk 1"];
              "render" [label="render\n1-10, chunk 5"];
              "motion" [label="motion\n1-10, chunk 1"];
              "extra" [label="extra\nnot launched: no frame in the job's range", style="rounded,dashed", fillcolor="#f2f2f2", fontcolor="#777777"];
              "sim" -> "cache" [label="FrameByFrame"];
              "cache" -> "render" [label="LayerOnLayer", style=bold];
              "sim" -> "render" [label="LayerOnSimFrame", style=dotted];
              "render" -> "motion" [label="PreviousFrame", style=dashed];
            }

            """.Replace("\r\n", "\n"));
    }

    [Fact]
    public void A_job_spec_is_drawn_too_with_any_frame_depends_marked()
    {
        var spec = CliRun.Run("spec", _folder.Write("deps.json", Deps), "--uid", "1000").Stdout;
        var anyFrame = spec.Replace("<depend type=\"LAYER_ON_LAYER\" anyframe=\"False\">", "<depend type=\"LAYER_ON_LAYER\" anyframe=\"True\">", StringComparison.Ordinal);
        anyFrame.Should().NotBe(spec);

        var mermaid = CliRun.Run("graph", _folder.Write("deps.xml", anyFrame));
        var dot = CliRun.Run("graph", _folder.Write("deps.xml", anyFrame), "--format", "dot");

        mermaid.ExitCode.Should().Be(0, mermaid.Stderr);
        mermaid.Stdout.Should().Contain("    L1 -->|LayerOnLayer, any frame| L2\n").And.NotContain("extra", "the spec leaves out the layer outside the job's range");
        dot.Stdout.Should().Contain("  \"cache\" -> \"render\" [label=\"LayerOnLayer, any frame\", style=bold];\n");
    }

    [Fact]
    public void The_docs_example_is_the_tutorials_parallel_pipeline()
    {
        var example = Path.Combine(RepositoryRoot(), "docs", "examples", "parallel-pipeline.json");

        var dot = CliRun.Run("graph", example, "--format", "dot");

        dot.ExitCode.Should().Be(0, dot.Stderr);
        var edges = dot.Stdout.Split('\n').Where(l => l.Contains(" -> ", StringComparison.Ordinal)).ToList();
        edges.Should().Equal(
            "  \"scene-prep\" -> \"beauty-pass\" [label=\"LayerOnLayer\", style=bold];",
            "  \"scene-prep\" -> \"shadow-pass\" [label=\"LayerOnLayer\", style=bold];",
            "  \"scene-prep\" -> \"reflection-pass\" [label=\"LayerOnLayer\", style=bold];",
            "  \"beauty-pass\" -> \"final-composite\" [label=\"FrameByFrame\"];",
            "  \"shadow-pass\" -> \"final-composite\" [label=\"FrameByFrame\"];",
            "  \"reflection-pass\" -> \"final-composite\" [label=\"FrameByFrame\"];");
        dot.Stdout.Should().Contain("  \"scene-prep\" [label=\"scene-prep\\n1-1, chunk 1\"];\n").And.Contain("digraph \"parallel-render-v001\" {");
        CliRun.Run("validate", example, "--uid", "1000").ExitCode.Should().Be(0);
        File.Exists(Path.Combine(RepositoryRoot(), "docs", "images", "parallel-pipeline.svg")).Should().BeTrue("the README shows the rendered graph");
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        var file = _folder.Write("deps.json", Deps);

        CliRun.Run("graph", file, "--format", "png").ShouldFailWithUsage("cuerun graph: --format: 'png' is not a graph format; accepted: mermaid, dot.");
        CliRun.Run("graph").ShouldFailWithUsage("missing FILE");
        CliRun.Run("graph", _folder.Write("ghost.json", """
            {"name": "ghost", "layers": [{"name": "a", "module": "outline.modules.shell.Shell", "command": ["true"], "require": "nobody"}]}
            """)).ShouldFailWithUsage("layer 'a' requires 'nobody', which names no layer of the outline", "has depends on missing layers");
    }

    /// <summary>The checkout, found from the test binaries (source paths are mapped away in CI builds).</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenCue.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OpenCue.sln not found above " + AppContext.BaseDirectory);
    }
}
