using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using OpenCue.Authoring;

namespace OpenCue.Cli.Internal;

/// <summary>
/// The layer graph of an outline: one node per layer (name, the frame range Cuebot will run, chunk),
/// one edge per depend, drawn from the layer waited on to the layer that waits and labelled with the
/// dependency type. Written as Mermaid (<c>flowchart LR</c>) or Graphviz DOT.
/// </summary>
internal static class OutlineGraph
{
    public sealed record Node(string Name, string Detail, bool Launched);

    public sealed record Edge(string From, string To, DependType Type, bool AnyFrame)
    {
        /// <summary>The type as PyOutline names it, e.g. <c>FrameByFrame</c>, with <c>, any frame</c> when one frame satisfies it.</summary>
        public string Label => Type.ToString() + (AnyFrame ? ", any frame" : string.Empty);
    }

    /// <summary>The nodes and edges, in outline order. Requires that name no layer are returned as problems.</summary>
    public static (IReadOnlyList<Node> Nodes, IReadOnlyList<Edge> Edges, IReadOnlyList<string> Unresolved) Build(Outline outline)
    {
        outline.SetupDepends();
        var layers = outline.GetLayers();
        var nodes = layers.Select(l => Describe(l)).ToList();
        var edges = layers.SelectMany(l => l.GetDepends()).Select(d => new Edge(d.DependOnLayer.Name, d.DependErLayer.Name, d.Type, d.IsAnyFrame)).ToList();
        var unresolved = layers.SelectMany(l => l.Requires.Select(r => "layer '" + l.Name + "' requires '" + r + "', which names no layer of the outline")).ToList();
        return (nodes, edges, unresolved);
    }

    public static string Mermaid(Outline outline)
    {
        var (nodes, edges, _) = Build(outline);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = new StringBuilder();
        text.Append("%% layer graph of outline ").Append(outline.Name).Append('\n');
        text.Append("flowchart LR\n");
        for (var i = 0; i < nodes.Count; i++)
        {
            var id = "L" + i.ToString(CultureInfo.InvariantCulture);
            ids[nodes[i].Name] = id;
            text.Append("    ").Append(id).Append("[\"").Append(MermaidText(nodes[i].Name)).Append("<br/>").Append(MermaidText(nodes[i].Detail)).Append("\"]\n");
        }

        foreach (var edge in edges)
        {
            text.Append("    ").Append(ids[edge.From]).Append(" -->|").Append(MermaidText(edge.Label)).Append("| ").Append(ids[edge.To]).Append('\n');
        }

        foreach (var node in nodes.Where(n => !n.Launched))
        {
            text.Append("    style ").Append(ids[node.Name]).Append(" stroke-dasharray: 5 5\n");
        }

        return text.ToString();
    }

    public static string Dot(Outline outline)
    {
        var (nodes, edges, _) = Build(outline);
        var text = new StringBuilder();
        text.Append("digraph ").Append(DotText(outline.Name)).Append(" {\n");
        text.Append("  label=").Append(DotText(outline.Name)).Append(";\n");
        text.Append("  labelloc=t;\n");
        text.Append("  fontname=\"Helvetica\";\n");
        text.Append("  rankdir=LR;\n");
        text.Append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#e8f0fe\", color=\"#4a6fa5\", fontname=\"Helvetica\", fontsize=11];\n");
        text.Append("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n");
        foreach (var node in nodes)
        {
            text.Append("  ").Append(DotText(node.Name)).Append(" [label=").Append(DotText(node.Name + "\n" + node.Detail));
            if (!node.Launched)
            {
                text.Append(", style=\"rounded,dashed\", fillcolor=\"#f2f2f2\", fontcolor=\"#777777\"");
            }

            text.Append("];\n");
        }

        foreach (var edge in edges)
        {
            text.Append("  ").Append(DotText(edge.From)).Append(" -> ").Append(DotText(edge.To)).Append(" [label=").Append(DotText(edge.Label));
            var style = edge.Type switch
            {
                DependType.LayerOnLayer => "bold",
                DependType.PreviousFrame => "dashed",
                DependType.LayerOnSimFrame => "dotted",
                _ => null,
            };
            if (style != null)
            {
                text.Append(", style=").Append(style);
            }

            text.Append("];\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    private static Node Describe(Layer layer)
    {
        var chunk = ", chunk " + layer.Chunk.ToString(CultureInfo.InvariantCulture);
        try
        {
            var range = layer.GetFrameRange();
            return range is null
                ? new Node(layer.Name, "not launched: no frame in the job's range", false)
                : new Node(layer.Name, range + chunk, true);
        }
        catch (FormatException)
        {
            return new Node(layer.Name, (layer.Range ?? "?") + " (invalid range)" + chunk, true);
        }
    }

    private static string MermaidText(string text) => text.Replace("\"", "#quot;", StringComparison.Ordinal);

    private static string DotText(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
