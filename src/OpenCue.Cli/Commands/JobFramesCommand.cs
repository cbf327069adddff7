using System.Collections.Generic;
using System.Threading.Tasks;
using OpenCue.Cli.Internal;
using OpenCue.Client;

namespace OpenCue.Cli.Commands;

/// <summary>The JOB form of <c>cuerun frames</c> (not a command of its own): the frames of a job, like <c>cueman -lf</c>.</summary>
internal sealed class JobFramesCommand : ServerCommand
{
    public override string Name => "frames";

    public override string Arguments => "JOB [--layer L] [--state S] [--range R] [--json] [--server H:P]";

    public override string Summary => "list the frames of a job";

    protected override IReadOnlyList<OptionDefinition> OwnOptions => FrameFilter.Options;

    protected override string Success => "the frames were listed";

    protected override string Description => "Lists the frames of JOB.";

    protected override void CheckArguments(ParsedArguments arguments) => FrameFilter.Search(arguments);

    protected override async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CueApi api)
    {
        var search = FrameFilter.Search(arguments);
        var job = await CueServer.FindJobAsync(api, JobArgument(arguments), context.CancellationToken).ConfigureAwait(false);
        if (search.Layers.Count > 0)
        {
            await CueServer.CheckLayersAsync(job, FrameFilter.Layers(arguments), context.CancellationToken).ConfigureAwait(false);
        }

        var frames = await FrameFilter.ListAsync(job, search, context.CancellationToken).ConfigureAwait(false);
        if (arguments.Has("json"))
        {
            context.Out(Json.Write(w =>
            {
                w.WriteStartArray();
                foreach (var frame in frames)
                {
                    w.WriteStartObject();
                    w.WriteString("id", frame.Id);
                    w.WriteString("name", frame.Name);
                    w.WriteString("layer", frame.LayerName);
                    w.WriteNumber("number", frame.Number);
                    w.WriteString("state", Format.State(frame.State));
                    w.WriteNumber("retries", frame.RetryCount);
                    w.WriteNumber("exit_status", frame.ExitStatus);
                    w.WriteNumber("runtime_seconds", (long)frame.RunTime.TotalSeconds);
                    w.WriteString("host", Format.Host(frame.LastResource));
                    w.WriteTime("start_time", frame.StartTime);
                    w.WriteTime("stop_time", frame.StopTime);
                    w.WriteNumber("max_rss_kb", frame.MaxRss);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }));
            return Cli.ExitCodes.Ok;
        }

        if (frames.Count == 0)
        {
            context.Out("No frame of " + job.Name + " matches (" + FrameFilter.Describe(search) + ").");
            return Cli.ExitCodes.Ok;
        }

        var table = new TextTable("Frame", "State", "Retries>", "Exit>", "Runtime>", "Host");
        foreach (var frame in frames)
        {
            table.Add(frame.Name, Format.State(frame.State), Format.Number(frame.RetryCount), Format.Number(frame.ExitStatus),
                Format.Duration(frame.RunTime), Format.Host(frame.LastResource));
        }

        context.Stdout.Write(table.ToString());
        return Cli.ExitCodes.Ok;
    }
}
