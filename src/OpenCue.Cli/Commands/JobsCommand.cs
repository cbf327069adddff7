using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OpenCue.Cli.Internal;
using OpenCue.Client;

namespace OpenCue.Cli.Commands;

/// <summary><c>cuerun jobs</c>: the jobs on a Cuebot, like <c>cueadmin -lj</c>.</summary>
internal sealed class JobsCommand : ServerCommand
{
    private static readonly OptionDefinition[] Definitions =
    {
        new("all", null, "include finished jobs (Cuebot lists only pending jobs otherwise)"),
        new("show", "S", "only jobs of show S (repeatable)", repeatable: true),
        new("shot", "S", "only jobs of shot S (repeatable)", repeatable: true),
        new("user", "U", "only jobs of user U (repeatable)", repeatable: true),
    };

    public override string Name => "jobs";

    public override string Arguments => "[NAME-SUBSTRING] [--all] [--show S] [--user U] [--json] [--server H:P]";

    public override string Summary => "list the jobs on a Cuebot: state, frames done/total, running, dead, priority";

    protected override IReadOnlyList<OptionDefinition> OwnOptions => Definitions;

    protected override string Success => "the jobs were listed (also when none matched)";

    protected override string Description =>
        "Lists the pending jobs on the Cuebot (with --all, finished ones too), ordered by name, one a line:\n" +
        "name, state (PENDING, PAUSED or FINISHED), frames done (succeeded or eaten) / total, running, dead,\n" +
        "priority. NAME-SUBSTRING keeps the jobs whose name contains it.\n\n" +
        "--json prints an array of {\"id\", \"name\", \"state\", \"paused\", \"show\", \"shot\", \"user\", \"priority\",\n" +
        "\"total_frames\", \"succeeded_frames\", \"running_frames\", \"dead_frames\", \"eaten_frames\", \"waiting_frames\",\n" +
        "\"depend_frames\", \"start_time\", \"stop_time\", \"log_dir\"} (states in upper case, times in epoch seconds or null).";

    protected override async Task<int> RunAsync(ParsedArguments arguments, CliContext context, CueApi api)
    {
        if (arguments.Positionals.Count > 1)
        {
            throw new UsageException("one NAME-SUBSTRING is accepted, got " + arguments.Positionals.Count + ": " + string.Join(" ", arguments.Positionals) + ".");
        }

        var search = new JobSearch { IncludeFinished = arguments.Has("all") };
        if (arguments.Positionals.Count == 1)
        {
            search.Substrings.Add(arguments.Positionals[0].ToLowerInvariant());
        }

        foreach (var show in arguments.Values("show"))
        {
            search.Shows.Add(show);
        }

        foreach (var shot in arguments.Values("shot"))
        {
            search.Shots.Add(shot);
        }

        foreach (var user in arguments.Values("user"))
        {
            search.Users.Add(user);
        }

        var jobs = await api.GetJobsAsync(search, context.CancellationToken).ConfigureAwait(false);
        if (arguments.Has("json"))
        {
            context.Out(Json.Write(w =>
            {
                w.WriteStartArray();
                foreach (var job in jobs)
                {
                    WriteJob(w, job);
                }

                w.WriteEndArray();
            }));
            return Cli.ExitCodes.Ok;
        }

        if (jobs.Count == 0)
        {
            context.Out(search.IncludeFinished ? "No jobs match." : "No pending jobs match (--all includes finished jobs).");
            return Cli.ExitCodes.Ok;
        }

        var table = new TextTable("Job", "State", "Done/Total>", "Running>", "Dead>", "Priority>");
        foreach (var job in jobs)
        {
            var stats = job.Stats;
            table.Add(job.Name, StateOf(job), Format.Number(stats.SucceededFrames + stats.EatenFrames) + "/" + Format.Number(stats.TotalFrames),
                Format.Number(stats.RunningFrames), Format.Number(stats.DeadFrames), Format.Number(job.Priority));
        }

        context.Stdout.Write(table.ToString());
        return Cli.ExitCodes.Ok;
    }

    internal static string StateOf(CueJob job) =>
        job.State == JobState.Pending && job.IsPaused ? "PAUSED" : Format.State(job.State);

    internal static void WriteJob(System.Text.Json.Utf8JsonWriter w, CueJob job)
    {
        var stats = job.Stats;
        w.WriteStartObject();
        w.WriteString("id", job.Id);
        w.WriteString("name", job.Name);
        w.WriteString("state", Format.State(job.State));
        w.WriteBoolean("paused", job.IsPaused);
        w.WriteString("show", job.Show);
        w.WriteString("shot", job.Shot);
        w.WriteString("user", job.User);
        w.WriteNumber("priority", job.Priority);
        w.WriteNumber("total_frames", stats.TotalFrames);
        w.WriteNumber("succeeded_frames", stats.SucceededFrames);
        w.WriteNumber("running_frames", stats.RunningFrames);
        w.WriteNumber("dead_frames", stats.DeadFrames);
        w.WriteNumber("eaten_frames", stats.EatenFrames);
        w.WriteNumber("waiting_frames", stats.WaitingFrames);
        w.WriteNumber("depend_frames", stats.DependFrames);
        w.WriteTime("start_time", job.StartTime);
        w.WriteTime("stop_time", job.StopTime);
        w.WriteString("log_dir", job.LogDirectory);
        w.WriteEndObject();
    }
}
