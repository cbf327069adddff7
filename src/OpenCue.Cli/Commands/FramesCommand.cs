using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using OpenCue.Authoring;
using OpenCue.Cli.Internal;

namespace OpenCue.Cli.Commands;

/// <summary>
/// <c>cuerun frames RANGE</c>: the frames of a range, or its chunks as Cuebot dispatches them; and
/// <c>cuerun frames JOB</c>: the frames of a job on a Cuebot (an argument holding <c>_</c>, as every
/// job name does, or a job id).
/// </summary>
internal sealed class FramesCommand : CliCommand
{
    private static readonly OptionDefinition[] Definitions =
    {
        new OptionDefinition("chunk", "N", "RANGE: group the frames in chunks of N, as Cuebot does; print one chunk a line"),
        new OptionDefinition("json", null, "print JSON on one line instead of text lines or a table"),
        FrameFilter.Layer,
        FrameFilter.State,
        FrameFilter.Range,
        CueServer.Option,
        CueServer.DeadlineOption,
    };

    private static readonly string[] JobOnlyOptions = { "layer", "state", "range", "server", "deadline" };

    private readonly JobFramesCommand _jobFrames = new();

    public override IReadOnlyList<(string Arguments, string Summary)> OtherForms => new[]
    {
        ("JOB [--layer L] [--state S] [--range R] [--json] [--server H:P] [--deadline SECONDS]", "list the frames of a job: state, retries, exit, runtime, host"),
    };

    public override string Name => "frames";

    public override string Arguments => "RANGE [--chunk N] [--json]";

    public override string Summary => "list the frames of a frame range, or its chunks";

    public override IReadOnlyList<OptionDefinition> Options => Definitions;

    protected override string Description =>
        "Lists the frames of RANGE in Cuebot's order (duplicates kept), one a line; with --json, a JSON array\n" +
        "of integers. With --chunk N, lists the chunks Cuebot dispatches, one a line as\n" +
        "'FIRST FRAMESPEC END' (the values of #IFRAME#, #FRAMESPEC# and #FRAME_END#); with --json, an array\n" +
        "of {\"frame\": FIRST, \"spec\": \"FRAMESPEC\", \"end\": END}.\n\n" +
        "RANGE: " + FrameRangeHelp.Accepted.Substring("Accepted: ".Length) + "\n\n" +
        "With JOB (an argument containing '_', as every job name does, or a job id), lists the frames of the\n" +
        "job on the Cuebot in dispatch order: name, state, retries, exit status, run time, host; --layer,\n" +
        "--state and --range keep some.\n" + CueServer.JobHelp + "\n" +
        "--json prints an array of {\"id\", \"name\", \"layer\", \"number\", \"state\", \"retries\", \"exit_status\",\n" +
        "\"runtime_seconds\", \"host\", \"start_time\", \"stop_time\", \"max_rss_kb\"}.";

    protected override string? Notes => CueServer.EnvironmentHelp;

    protected override string ExitCodes =>
        "  0  the frames were listed\n" +
        "  2  invalid input or usage (bad RANGE, bad --chunk, unknown option), or JOB or --layer names nothing\n" +
        "     on the Cuebot; the message is on stderr and nothing is on stdout\n" +
        "  3  JOB: the Cuebot could not be reached, did not answer within --deadline, or answered with an error;\n" +
        "     nothing is on stdout";

    /// <summary>Whether the argument names a job (every conformed job name holds '_') rather than a frame range.</summary>
    internal static bool IsJob(string argument) => argument.Contains('_', System.StringComparison.Ordinal) || System.Guid.TryParse(argument, out _);

    public override int Run(ParsedArguments arguments, CliContext context)
    {
        if (arguments.Positionals.Count != 1)
        {
            throw new UsageException(arguments.Positionals.Count == 0
                ? "missing RANGE, e.g. cuerun frames 1-100."
                : "one RANGE is accepted, got " + arguments.Positionals.Count.ToString(CultureInfo.InvariantCulture) + " arguments: " +
                  string.Join(" ", arguments.Positionals) + " (a range has no spaces: 1-10,20).");
        }

        var text = arguments.Positionals[0];
        if (IsJob(text))
        {
            if (arguments.Has("chunk"))
            {
                throw new UsageException("--chunk is for 'cuerun frames RANGE'; '" + text + "' is a job (JOB accepts --layer, --state, --range, --json, --server, --deadline).");
            }

            return _jobFrames.Run(arguments, context);
        }

        var jobOption = JobOnlyOptions.FirstOrDefault(arguments.Has);
        if (jobOption != null)
        {
            throw new UsageException("--" + jobOption + " is for 'cuerun frames JOB'; '" + text + "' is read as a frame range (RANGE accepts --chunk and --json). " +
                "A JOB is a full job name, which contains '_', or a job id.");
        }

        if (!FrameSet.TryParse(text, out var frames, out var error))
        {
            throw new UsageException("invalid frame range '" + text + "': " + error + ". " + FrameRangeHelp.Accepted +
                " (Or give a JOB: a full job name show-shot-user_name, or a job id.)");
        }

        var json = arguments.Has("json");
        var chunkText = arguments.Value("chunk");
        if (chunkText is null)
        {
            WriteFrames(context, frames, json);
            return Cli.ExitCodes.Ok;
        }

        if (!int.TryParse(chunkText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chunk) || chunk < 1)
        {
            throw new UsageException("--chunk: '" + chunkText + "' is not a chunk size; give a whole number of at least 1, e.g. --chunk 5.");
        }

        var chunks = frames.IsEmpty ? new List<FrameChunk>() : Chunking.GetChunks(frames, chunk).ToList();
        if (json)
        {
            context.Out("[" + string.Join(",", chunks.Select(c =>
                "{\"frame\":" + Number(c.StartFrame) + ",\"spec\":\"" + c.FrameSpec + "\",\"end\":" + Number(c.EndFrame) + "}")) + "]");
        }
        else
        {
            foreach (var c in chunks)
            {
                context.Out(Number(c.StartFrame) + " " + c.FrameSpec + " " + Number(c.EndFrame));
            }
        }

        return Cli.ExitCodes.Ok;
    }

    private static void WriteFrames(CliContext context, FrameSet frames, bool json)
    {
        if (json)
        {
            context.Out("[" + string.Join(",", frames.Select(Number)) + "]");
            return;
        }

        var text = new StringBuilder();
        foreach (var frame in frames)
        {
            text.Append(Number(frame)).Append('\n');
            if (text.Length > 65536)
            {
                context.Stdout.Write(text.ToString());
                text.Clear();
            }
        }

        context.Stdout.Write(text.ToString());
    }

    private static string Number(int frame) => frame.ToString(CultureInfo.InvariantCulture);
}
