using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OpenCue.Cli.Internal;
using OpenCue.Client;

namespace OpenCue.Cli.Commands;

/// <summary><c>cuerun layers JOB</c>: the layers of a job, like <c>cueman -lyr</c>.</summary>
internal sealed class LayersCommand : ServerCommand
{
    public override string Name => "layers";

    public override string Arguments => "JOB [--json] [--server H:P]";

    public override string Summary => "list the layers of a job: range, chunk, min cores, memory, done/total";

    protected override IReadOnlyList<OptionDefinition> OwnOptions => System.Array.Empty<OptionDefinition>();

    protected override string Success => "the layers were listed";

    protected override string Description =>
        "Lists the layers of JOB in dispatch order: name, frame range, chunk size, minimum cores, minimum memory,\n" +
        "frames done (succeeded or eaten) / total.\n\n" + CueServer.JobHelp + "\n\n" +
        "--json prints an array of {\"id\", \"name\", \"type\", \"range\", \"chunk\", \"min_cores\", \"max_cores\",\n" +
        "\"min_memory_kb\", \"services\", \"tags\", \"total_frames\", \"succeeded_frames\", \"running_frames\",\n" +
        "\"dead_frames\", \"eaten_frames\", \"waiting_frames\", \"depend_frames\"}.";

    protected override async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CueApi api)
    {
        var job = await CueServer.FindJobAsync(api, JobArgument(arguments), context.CancellationToken).ConfigureAwait(false);
        var layers = await job.GetLayersAsync(context.CancellationToken).ConfigureAwait(false);
        if (arguments.Has("json"))
        {
            context.Out(Json.Write(w =>
            {
                w.WriteStartArray();
                foreach (var layer in layers)
                {
                    var stats = layer.Stats;
                    w.WriteStartObject();
                    w.WriteString("id", layer.Id);
                    w.WriteString("name", layer.Name);
                    w.WriteString("type", Format.State(layer.Type));
                    w.WriteString("range", layer.Range);
                    w.WriteNumber("chunk", layer.ChunkSize);
                    w.WriteNumber("min_cores", layer.MinCores);
                    w.WriteNumber("max_cores", layer.MaxCores);
                    w.WriteNumber("min_memory_kb", layer.MinMemory);
                    w.WriteStartArray("services");
                    foreach (var service in layer.Services)
                    {
                        w.WriteStringValue(service);
                    }

                    w.WriteEndArray();
                    w.WriteStartArray("tags");
                    foreach (var tag in layer.Tags)
                    {
                        w.WriteStringValue(tag);
                    }

                    w.WriteEndArray();
                    w.WriteNumber("total_frames", stats.TotalFrames);
                    w.WriteNumber("succeeded_frames", stats.SucceededFrames);
                    w.WriteNumber("running_frames", stats.RunningFrames);
                    w.WriteNumber("dead_frames", stats.DeadFrames);
                    w.WriteNumber("eaten_frames", stats.EatenFrames);
                    w.WriteNumber("waiting_frames", stats.WaitingFrames);
                    w.WriteNumber("depend_frames", stats.DependFrames);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }));
            return Cli.ExitCodes.Ok;
        }

        var table = new TextTable("Layer", "Range", "Chunk>", "Min cores>", "Memory>", "Done/Total>");
        foreach (var layer in layers)
        {
            var stats = layer.Stats;
            table.Add(layer.Name, layer.Range, Format.Number(layer.ChunkSize), Format.Cores(layer.MinCores), Format.MemoryKb(layer.MinMemory),
                Format.Number(stats.SucceededFrames + stats.EatenFrames) + "/" + Format.Number(stats.TotalFrames));
        }

        context.Stdout.Write(table.ToString());
        return Cli.ExitCodes.Ok;
    }
}
