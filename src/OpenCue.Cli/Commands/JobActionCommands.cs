using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OpenCue.Cli.Internal;
using OpenCue.Client;

namespace OpenCue.Cli.Commands;

/// <summary>Writes the result of an action on a job: a sentence, or with <c>--json</c> an object.</summary>
internal static class ActionOutput
{
    public static void Write(CliContext context, ParsedArguments arguments, CueJob job, string action, string sentence, Action<System.Text.Json.Utf8JsonWriter>? more = null)
    {
        if (!arguments.Has("json"))
        {
            context.Out(sentence);
            return;
        }

        context.Out(Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("job", job.Name);
            w.WriteString("id", job.Id);
            w.WriteString("action", action);
            more?.Invoke(w);
            w.WriteEndObject();
        }));
    }
}

/// <summary><c>cuerun kill JOB --reason R</c>.</summary>
internal sealed class KillCommand : ServerCommand
{
    private static readonly OptionDefinition[] Definitions =
    {
        new("reason", "R", "why the job is killed (required: Cuebot ignores a kill without a reason), e.g. --reason 'wrong camera'"),
    };

    public override string Name => "kill";

    public override string Arguments => "JOB --reason R [--json] [--server H:P]";

    public override string Summary => "kill a job (a reason is required)";

    protected override IReadOnlyList<OptionDefinition> OwnOptions => Definitions;

    protected override string Success => "Cuebot accepted the kill (it is carried out in the background)";

    protected override string Description =>
        "Kills JOB: it becomes FINISHED, its running frames are stopped, jobs waiting on it are released.\n" +
        "--reason is required and has no default: Cuebot silently ignores a kill request without a reason\n" +
        "(and still answers OK). The reason, your user name, process id and host are recorded with the kill.\n\n" +
        CueServer.JobHelp + "\n--json prints {\"job\", \"id\", \"action\": \"kill\", \"reason\"}.";

    protected override void CheckArguments(ParsedArguments arguments) => Reason(arguments);

    protected override async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CueApi api)
    {
        var reason = Reason(arguments);
        var job = await CueServer.FindJobAsync(api, JobArgument(arguments), context.CancellationToken).ConfigureAwait(false);
        await job.KillAsync(reason, context.CancellationToken).ConfigureAwait(false);
        ActionOutput.Write(context, arguments, job, "kill", "Killed " + job.Name + " (reason: " + reason + ").", w => w.WriteString("reason", reason));
        return Cli.ExitCodes.Ok;
    }

    private static string Reason(ParsedArguments arguments)
    {
        var reason = arguments.Value("reason");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new UsageException((reason is null ? "--reason is required" : "--reason is empty") +
                ": Cuebot ignores a kill without a reason (and still answers OK). Give one, e.g. --reason 'wrong frame range'.");
        }

        return reason!;
    }
}

/// <summary><c>cuerun pause JOB</c> and <c>cuerun resume JOB</c>.</summary>
internal sealed class PauseResumeCommand : ServerCommand
{
    private readonly bool _pause;

    public PauseResumeCommand(bool pause) => _pause = pause;

    public override string Name => _pause ? "pause" : "resume";

    public override string Arguments => "JOB [--json] [--server H:P]";

    public override string Summary => _pause ? "pause a job: no new frame starts (running ones go on)" : "resume a paused job";

    protected override IReadOnlyList<OptionDefinition> OwnOptions => Array.Empty<OptionDefinition>();

    protected override string Success => "the job was " + (_pause ? "paused" : "resumed");

    protected override string Description =>
        (_pause ? "Pauses JOB: Cuebot starts no new frame of it; frames already running go on." : "Resumes JOB: Cuebot starts its frames again.") +
        "\n\n" + CueServer.JobHelp + "\n--json prints {\"job\", \"id\", \"action\": \"" + Name + "\"}.";

    protected override async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CueApi api)
    {
        var job = await CueServer.FindJobAsync(api, JobArgument(arguments), context.CancellationToken).ConfigureAwait(false);
        if (_pause)
        {
            await job.PauseAsync(context.CancellationToken).ConfigureAwait(false);
        }
        else
        {
            await job.ResumeAsync(context.CancellationToken).ConfigureAwait(false);
        }

        ActionOutput.Write(context, arguments, job, Name, (_pause ? "Paused " : "Resumed ") + job.Name + ".");
        return Cli.ExitCodes.Ok;
    }
}

/// <summary><c>cuerun retry JOB [filters] [--all]</c> and <c>cuerun eat JOB [filters] [--all]</c>.</summary>
internal sealed class RetryEatCommand : ServerCommand
{
    private readonly bool _retry;

    public RetryEatCommand(bool retry) => _retry = retry;

    public override string Name => _retry ? "retry" : "eat";

    public override string Arguments => "JOB [--layer L] [--state S] [--range R] [--all] [--json] [--server H:P]";

    public override string Summary => _retry ? "retry frames of a job (e.g. --state dead)" : "eat frames of a job: mark them done without running them";

    protected override IReadOnlyList<OptionDefinition> OwnOptions => FrameFilter.Options.Append(
        new OptionDefinition("all", null, "every frame of the job, succeeded ones included (required when no filter is given)")).ToList();

    protected override string Success => "Cuebot accepted the " + Name + " (carried out in the background)";

    protected override string Description =>
        (_retry
            ? "Retries the frames of JOB the filters match: they go back to WAITING (running ones are killed first)\n" +
              "and the frames waiting on them wait again; the job becomes PENDING."
            : "Eats the frames of JOB the filters match: they become EATEN (running ones are killed) and count as\n" +
              "done: a job whose frames are all succeeded or eaten finishes. Frames waiting on eaten frames keep\n" +
              "waiting (Cuebot's default: only success satisfies a depend); 'cuerun satisfy' releases them.") +
        "\n\nA filter is required: Cuebot treats an empty filter as every frame of the job, succeeded ones\n" +
        "included, so --all must be given to mean that. The matching frames are counted first and the count\n" +
        "printed.\n\n" + CueServer.JobHelp + "\n--json prints {\"job\", \"id\", \"action\": \"" + Name + "\", \"filter\", \"frames\"}.";

    protected override void CheckArguments(ParsedArguments arguments) => Search(arguments);

    protected override async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CueApi api)
    {
        var search = Search(arguments);
        var job = await CueServer.FindJobAsync(api, JobArgument(arguments), context.CancellationToken).ConfigureAwait(false);
        if (search.Layers.Count > 0)
        {
            await CueServer.CheckLayersAsync(job, FrameFilter.Layers(arguments), context.CancellationToken).ConfigureAwait(false);
        }

        var count = (await FrameFilter.ListAsync(job, search, context.CancellationToken).ConfigureAwait(false)).Count;
        var filter = FrameFilter.Describe(search);
        if (count > 0)
        {
            if (_retry)
            {
                await job.RetryFramesAsync(search, context.CancellationToken).ConfigureAwait(false);
            }
            else
            {
                await job.EatFramesAsync(search, context.CancellationToken).ConfigureAwait(false);
            }
        }

        var sentence = count == 0
            ? "No frame of " + job.Name + " matches (" + filter + "); nothing to " + Name + "."
            : (_retry ? "Retrying " : "Eating ") + Format.Count(count, "frame") + " of " + job.Name + " (" + filter + ").";
        ActionOutput.Write(context, arguments, job, Name, sentence, w =>
        {
            w.WriteString("filter", filter);
            w.WriteNumber("frames", count);
        });
        return Cli.ExitCodes.Ok;
    }

    private FrameSearch Search(ParsedArguments arguments)
    {
        var search = FrameFilter.Search(arguments);
        if (arguments.Has("all"))
        {
            if (!search.IsEmpty)
            {
                throw new UsageException("--all means every frame of the job; give it alone, or filters (--layer, --state, --range) without it.");
            }

            return FrameSearch.All;
        }

        if (search.IsEmpty)
        {
            throw new UsageException(Name + " needs a filter: --layer L, --state S (e.g. --state dead) or --range R. Without one Cuebot would " + Name +
                " every frame of the job, succeeded ones included; give --all to mean that.");
        }

        return search;
    }
}

/// <summary><c>cuerun satisfy JOB [--layer L]</c>: satisfies the depends a job or layer waits on.</summary>
internal sealed class SatisfyCommand : ServerCommand
{
    private static readonly OptionDefinition[] Definitions =
    {
        new("layer", "L", "only the depends of layer L (default: the job's depends, which cover its layers)"),
    };

    public override string Name => "satisfy";

    public override string Arguments => "JOB [--layer L] [--json] [--server H:P]";

    public override string Summary => "satisfy (drop) what a job or one of its layers waits on";

    protected override IReadOnlyList<OptionDefinition> OwnOptions => Definitions;

    protected override string Success => "every active depend was satisfied (also when there was none)";

    protected override string Description =>
        "Satisfies by hand the active depends JOB (or its layer L) waits on: the frames they held back may start\n" +
        "as if what they waited for had finished. Each one satisfied is printed as 'TYPE: layer waited on layer'.\n\n" +
        CueServer.JobHelp + "\n--json prints {\"job\", \"id\", \"action\": \"satisfy\", \"layer\", \"satisfied\": [{\"id\", \"type\",\n" +
        "\"depend_er_job\", \"depend_er_layer\", \"depend_on_job\", \"depend_on_layer\", \"depend_on_frame\", \"any_frame\"}]}.";

    protected override async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CueApi api)
    {
        var layerName = arguments.Value("layer");
        if (layerName != null && layerName.Trim().Length == 0)
        {
            throw new UsageException("--layer is empty; give a layer name of the job ('cuerun layers JOB' lists them).");
        }

        var job = await CueServer.FindJobAsync(api, JobArgument(arguments), context.CancellationToken).ConfigureAwait(false);
        IReadOnlyList<Client.CueDepend> depends;
        if (layerName != null)
        {
            var layers = await CueServer.CheckLayersAsync(job, new[] { layerName }, context.CancellationToken).ConfigureAwait(false);
            depends = await layers.First(l => l.Name == layerName).GetWhatThisDependsOnAsync(context.CancellationToken).ConfigureAwait(false);
        }
        else
        {
            depends = await job.GetDependsAsync(context.CancellationToken).ConfigureAwait(false);
        }

        var active = depends.Where(d => d.IsActive).ToList();
        foreach (var depend in active)
        {
            await depend.SatisfyAsync(context.CancellationToken).ConfigureAwait(false);
        }

        var target = job.Name + (layerName is null ? string.Empty : " layer " + layerName);
        if (arguments.Has("json"))
        {
            ActionOutput.Write(context, arguments, job, Name, string.Empty, w =>
            {
                if (layerName is null)
                {
                    w.WriteNull("layer");
                }
                else
                {
                    w.WriteString("layer", layerName);
                }

                w.WriteStartArray("satisfied");
                foreach (var d in active)
                {
                    w.WriteStartObject();
                    w.WriteString("id", d.Id);
                    w.WriteString("type", d.Type.ToString());
                    w.WriteString("depend_er_job", d.DependErJob);
                    w.WriteString("depend_er_layer", d.DependErLayer);
                    w.WriteString("depend_on_job", d.DependOnJob);
                    w.WriteString("depend_on_layer", d.DependOnLayer);
                    w.WriteString("depend_on_frame", d.DependOnFrame);
                    w.WriteBoolean("any_frame", d.IsAnyFrame);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
            return Cli.ExitCodes.Ok;
        }

        if (active.Count == 0)
        {
            context.Out("No active depend: " + target + " waits on nothing.");
            return Cli.ExitCodes.Ok;
        }

        foreach (var d in active)
        {
            context.Out("Satisfied " + d.Type + ": " + Describe(d.DependErJob, d.DependErLayer, job.Name) + " waited on " +
                Describe(d.DependOnJob, string.IsNullOrEmpty(d.DependOnFrame) ? d.DependOnLayer : d.DependOnFrame, job.Name) + ".");
        }

        return Cli.ExitCodes.Ok;
    }

    private static string Describe(string jobName, string part, string current)
    {
        var prefix = string.IsNullOrEmpty(jobName) || jobName == current ? string.Empty : "job " + jobName + " ";
        return string.IsNullOrEmpty(part) ? (prefix.Length == 0 ? "the job" : prefix.TrimEnd()) : prefix + part;
    }
}

/// <summary><c>cuerun analyze JOB</c>: the tutorial's pipeline analysis table.</summary>
internal sealed class AnalyzeCommand : ServerCommand
{
    public override string Name => "analyze";

    public override string Arguments => "JOB [--json] [--server H:P]";

    public override string Summary => "per-layer analysis of a job: frames, average run time, failures, success rate, cores, memory";

    protected override IReadOnlyList<OptionDefinition> OwnOptions => Array.Empty<OptionDefinition>();

    protected override string Success => "the analysis was printed";

    protected override string Description =>
        "Prints the tutorial's pipeline analysis of JOB (analyze_pipeline_performance): per layer, total frames,\n" +
        "average run time, failed (dead) frames, success rate, average cores and memory used.\n\n" + CueServer.JobHelp + "\n" +
        "--json prints {\"job\", \"layers\": [{\"layer\", \"total_frames\", \"average_runtime_seconds\", \"failed_frames\",\n" +
        "\"succeeded_frames\", \"success_rate\", \"average_cores_used\", \"average_memory_used_mb\"}]}.";

    protected override async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CueApi api)
    {
        var job = await CueServer.FindJobAsync(api, JobArgument(arguments), context.CancellationToken).ConfigureAwait(false);
        var analysis = await Client.PipelineAnalytics.AnalyzeAsync(job, context.CancellationToken).ConfigureAwait(false);
        if (!arguments.Has("json"))
        {
            context.Stdout.Write(analysis.ToTable());
            return Cli.ExitCodes.Ok;
        }

        context.Out(Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("job", analysis.JobName);
            w.WriteStartArray("layers");
            foreach (var layer in analysis.Layers)
            {
                w.WriteStartObject();
                w.WriteString("layer", layer.Layer);
                w.WriteNumber("total_frames", layer.TotalFrames);
                w.WriteNumber("average_runtime_seconds", Math.Round(layer.AverageRuntime.TotalSeconds, 3));
                w.WriteNumber("failed_frames", layer.FailedFrames);
                w.WriteNumber("succeeded_frames", layer.SucceededFrames);
                w.WriteNumber("success_rate", Math.Round(layer.SuccessRate, 2));
                w.WriteNumber("average_cores_used", Math.Round(layer.AverageCoresUsed, 2));
                w.WriteNumber("average_memory_used_mb", Math.Round(layer.AverageMemoryUsedMb, 1));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
        return Cli.ExitCodes.Ok;
    }
}
