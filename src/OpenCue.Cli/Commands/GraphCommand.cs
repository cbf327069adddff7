using System;
using System.Collections.Generic;
using OpenCue.Cli.Internal;

namespace OpenCue.Cli.Commands;

/// <summary><c>cuerun graph FILE --format mermaid|dot</c>: the layer graph of an outline.</summary>
internal sealed class GraphCommand : CliCommand
{
    private static readonly OptionDefinition[] Definitions =
    {
        new("format", "F", "mermaid (default: a Mermaid flowchart, e.g. for Markdown) or dot (Graphviz: dot -Tsvg)"),
        new("range", "R", "the job's frame range, as for launch: the nodes then show the frames each layer will run"),
    };

    public override string Name => "graph";

    public override string Arguments => "FILE [--format mermaid|dot] [--range R]";

    public override string Summary => "draw the layer graph of FILE with the dependency type on each edge";

    public override IReadOnlyList<OptionDefinition> Options => Definitions;

    protected override string Description =>
        "Prints the layer graph of FILE: one node per layer, labelled with its name, the frame range Cuebot will\n" +
        "run (the layer's range within the job's) and its chunk size; one edge per depend, from the layer waited\n" +
        "on to the layer that waits, labelled with the dependency type: FrameByFrame, LayerOnLayer (bold in dot),\n" +
        "PreviousFrame (dashed), LayerOnSimFrame (dotted), with ', any frame' when one succeeded frame of the\n" +
        "layer waited on is enough. A layer with no frame in the job's range is not launched: it is drawn dashed.\n\n" +
        "To render dot, install Graphviz: cuerun graph job.json --format dot | dot -Tsvg > job.svg\n\n" +
        OutlineInput.FileHelp;

    protected override string ExitCodes =>
        "  0  the graph was written on stdout\n" +
        "  2  invalid input or usage (unknown --format, missing or unreadable FILE, bad JSON or XML, a require\n" +
        "     naming no layer); the message is on stderr and nothing is on stdout";

    public override int Run(ParsedArguments arguments, CliContext context)
    {
        var format = (arguments.Value("format") ?? "mermaid").Trim().ToLowerInvariant();
        if (format != "mermaid" && format != "dot")
        {
            throw new UsageException("--format: '" + arguments.Value("format") + "' is not a graph format; accepted: mermaid, dot.");
        }

        var (outline, _) = OutlineInput.Load(arguments, context);
        var (_, _, unresolved) = OutlineGraph.Build(outline);
        if (unresolved.Count > 0)
        {
            foreach (var problem in unresolved)
            {
                context.Error(problem);
            }

            throw new UsageException("outline '" + outline.Name + "' has depends on missing layers; fix the requires (accepted: the name of a layer of the outline, optionally ':all', ':any', ':sim' or ':prev').", suggestHelp: false);
        }

        context.Stdout.Write(format == "dot" ? OutlineGraph.Dot(outline) : OutlineGraph.Mermaid(outline));
        return Cli.ExitCodes.Ok;
    }
}
