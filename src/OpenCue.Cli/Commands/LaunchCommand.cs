using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenCue.Authoring;
using OpenCue.Authoring.Validation;
using OpenCue.Cli.Internal;
using OpenCue.Client;
using OpenCue.LocalCue;

namespace OpenCue.Cli.Commands;

/// <summary>
/// <c>cuerun launch FILE</c>: pycuerun. Launches an outline to a Cuebot (or to the embedded local
/// scheduler with <c>--local</c>) and optionally waits for or tests the job with live progress.
/// </summary>
internal sealed class LaunchCommand : CliCommand
{
    /// <summary>PyOutline's wait period (<c>JOB_WAIT_PERIOD_SEC</c>), used against a Cuebot.</summary>
    private static readonly TimeSpan RemotePollInterval = TimeSpan.FromSeconds(5);

    /// <summary>The embedded scheduler is in this process: polling it is cheap, and the end of the job is seen sooner.</summary>
    private static readonly TimeSpan LocalPollInterval = TimeSpan.FromSeconds(0.25);

    private static readonly OptionDefinition ServerLostTimeoutOption = new(
        "server-lost-timeout", "SECONDS", "--wait/--test: stop waiting (exit 3) once the Cuebot has been unreachable for SECONDS; shorter outages are " +
        "waited out; default " + CueServer.Seconds(LaunchOptions.DefaultServerLostTimeout));

    private static readonly OptionDefinition[] Definitions = new[]
    {
        CueServer.Option,
        new OptionDefinition("local", null, "start the embedded scheduler (LocalCue) in this process and launch to it; implies --wait and --fail-on-dead"),
        new OptionDefinition("state-dir", "DIR", "--local: where its database and frame logs go (default: a new folder under the temp folder)"),
        new OptionDefinition("cores", "N", "--local: cores it may book (default: this machine's)"),
        new OptionDefinition("memory", "MB", "--local: memory it may book, in MB (default: this machine's)"),
        new OptionDefinition("wait", null, "wait until the job is no longer pending, showing progress per layer"),
        new OptionDefinition("test", null, "test mode: resume, wait, fail (exit 1) if a frame dies or is eaten; the job is killed at the end"),
        new OptionDefinition("fail-on-dead", null, "with --wait: stop waiting at the first dead frame and exit 1 (default: keep waiting, as PyOutline)"),
        new OptionDefinition("pause", null, "launch the job paused"),
    }.Concat(OutlineInput.Options.Where(o => o.Name is "range" or "shot" or "show" or "user" or "facility")).Concat(new[]
    {
        new OptionDefinition("priority", "N", "the job's priority, a whole number from 0 (default 1)"),
        new OptionDefinition("max-retries", "N", "retries of a failed frame, 0 to 16 (default: PyOutline's 2 in the spec, which Cuebot caps at 1)"),
        new OptionDefinition("autoeat", null, "eat failed frames instead of retrying them"),
        new OptionDefinition("os", "OS", "the job's os (default: FILE's, else env OL_OS)"),
        new OptionDefinition("base-name", "NAME", "replace the outline's name (the job is show-shot-user_NAME)"),
        new OptionDefinition("env", "K=V", "set an environment variable for every frame (repeatable)", repeatable: true),
    }).Concat(OutlineInput.Options.Where(o => o.Name is "no-mail" or "uid" or "spec-version")).Concat(new[]
    {
        new OptionDefinition("poll-interval", "SECONDS", "how often --wait/--test ask for progress (default 5, PyOutline's; 0.25 with --local)"),
        ServerLostTimeoutOption,
        CueServer.DeadlineOption,
        CueServer.LaunchDeadlineOption,
    }).ToArray();

    public override string Name => "launch";

    public override string Arguments => "FILE [--server H:P | --local] [--wait | --test] [options]";

    public override string Summary => "launch FILE to a Cuebot or the embedded scheduler (pycuerun), optionally wait with progress";

    public override IReadOnlyList<OptionDefinition> Options => Definitions;

    public override bool StreamsOutput => true;

    protected override string Description =>
        "Launches FILE as PyOutline's pycuerun does: applies --range, --shot, --env and --base-name, drops a date\n" +
        "suffix from the name, validates (every problem is listed; with an error nothing is sent), sends the spec\n" +
        "to the Cuebot (--server, else the environment's) and prints the launched job name on stdout.\n\n" +
        "--local starts the embedded scheduler (LocalCue: frames run as processes on this machine) in this\n" +
        "process instead. It lives only as long as the command, so --local always waits for the job (as --wait)\n" +
        "and stops at the first dead frame (as --fail-on-dead); its address is printed on stderr, so other\n" +
        "commands can reach it meanwhile (cuerun jobs --server ADDR). For a scheduler that stays up, run\n" +
        "'cuerun serve' and launch with --server.\n\n" +
        "--wait polls until the job is no longer pending; --test resumes the job, polls until it finishes and\n" +
        "fails if a frame died or was eaten, then kills the job (as PyOutline's test mode). While waiting, each\n" +
        "layer's progress is shown: on a terminal as bars redrawn in place, otherwise as one line per change\n" +
        "('LAYER: 3/10 done, 2 running, 5 waiting, 0 dead'); then a summary line.\n\n" +
        "Dead frames: a DEAD frame keeps a job pending on Cuebot, so PyOutline's wait never returns. cuerun\n" +
        "--wait keeps waiting too, but prints each death and how to act on it (cuerun retry JOB --state dead,\n" +
        "cuerun eat JOB --state dead, from another shell); --fail-on-dead stops waiting instead, lists the dead\n" +
        "frames with their logs and exits 1 (the job stays on the Cuebot).\n\n" +
        "Deadlines: a call fails when the Cuebot has not answered within --deadline (default " + CueServer.Seconds(CueClientOptions.DefaultCallDeadline) +
        " s), a launch\n" +
        "within --launch-deadline (default " + CueServer.Seconds(CueClientOptions.DefaultLaunchDeadline) + " s). A launch whose answer is lost is looked up by job name\n" +
        "(within the smaller deadline) before it is sent again, so a job is never launched twice. While waiting,\n" +
        "polls that cannot reach the Cuebot are retried until it has been unreachable for --server-lost-timeout\n" +
        "(default " + CueServer.Seconds(LaunchOptions.DefaultServerLostTimeout) + " s); then cuerun stops waiting and exits 3 (the job may still run there).\n\n" + OutlineInput.FileHelp;

    protected override string? Notes => OutlineInput.EnvironmentHelp + "\n\n" + CueServer.EnvironmentHelp;

    protected override string ExitCodes =>
        "  0    launched; with --wait, the job finished and every frame succeeded; with --test, the test passed\n" +
        "  1    --test: frames died or were eaten (listed on stderr with their logs); --wait: the job ended with\n" +
        "       frames that did not succeed, or stopped at a dead frame (--fail-on-dead, --local)\n" +
        "  2    invalid input or usage, or the outline has errors (listed on stderr); nothing was launched and\n" +
        "       nothing is on stdout\n" +
        "  3    the Cuebot could not be reached, did not answer within --deadline or --launch-deadline, or refused\n" +
        "       the job (nothing is on stdout); --wait/--test: the Cuebot was unreachable for --server-lost-timeout\n" +
        "       while waiting (the job may still run there); --local: the embedded scheduler could not start\n" +
        "  130  interrupted (Ctrl+C) while waiting";

    public override int Run(ParsedArguments arguments, CliContext context)
    {
        var flags = LaunchFlags.Read(arguments);
        var (outline, specOptions) = OutlineInput.Load(arguments, context);

        // Launcher setup first (PyOutline's cuerun.setup), so validation sees the job as it will be sent.
        var setup = new LaunchOptions { BaseName = flags.BaseName };
        foreach (var pair in flags.Env)
        {
            setup.Env.Add(pair);
        }

        Cuerun.Prepare(outline, setup);
        var options = new LaunchOptions
        {
            Pause = flags.Pause || specOptions.Paused,
            Priority = flags.Priority ?? specOptions.Priority,
            MaxRetries = flags.MaxRetries ?? (specOptions.MaxRetries != new OpenCue.Authoring.Specs.SpecWriterOptions().MaxRetries ? specOptions.MaxRetries : null),
            AutoEat = flags.AutoEat || specOptions.AutoEat,
            Os = flags.Os ?? specOptions.Os,
            Facility = specOptions.Facility,
            NoMail = specOptions.NoMail,
            Uid = specOptions.Uid,
            SpecVersion = specOptions.Version,
            Wait = flags.Wait,
            Test = flags.Test,
            PollInterval = flags.PollInterval ?? (flags.Local ? LocalPollInterval : RemotePollInterval),
            ServerLostTimeout = flags.ServerLostTimeout ?? LaunchOptions.DefaultServerLostTimeout,
            Logger = new StderrLogger(context),
        };

        var result = outline.Validate(options.ToSpecWriterOptions());
        foreach (var problem in result.Problems)
        {
            context.Error(problem.ToString());
        }

        if (!result.IsValid)
        {
            throw new UsageException("outline '" + outline.Name + "' has " + SpecCommand.Count(result.Errors.Count, "error") + "; nothing was launched.", suggestHelp: false);
        }

        return flags.Local
            ? RunLocalAsync(outline, options, flags, context).GetAwaiter().GetResult()
            : RunRemoteAsync(outline, options, flags, context).GetAwaiter().GetResult();
    }

    private static async Task<int> RunRemoteAsync(Outline outline, LaunchOptions options, LaunchFlags flags, CliContext context)
    {
        using var api = flags.Server.Connect();
        options.Api = api;
        try
        {
            return await LaunchAsync(outline, options, flags, context, api).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            context.Error("cuerun launch: interrupted; stopped waiting. The job goes on on the Cuebot ('cuerun jobs' lists it).");
            return Cli.ExitCodes.Interrupted;
        }
    }

    private static async Task<int> RunLocalAsync(Outline outline, LaunchOptions options, LaunchFlags flags, CliContext context)
    {
        if (!flags.Wait && !flags.Test)
        {
            context.Error("cuerun launch: --local: the embedded scheduler lives only as long as this command, so cuerun waits for the job to finish (as --wait).");
            options.Wait = true;
        }

        var stateDirectory = flags.StateDirectory ?? Path.Combine(Path.GetTempPath(), "cuerun-local-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        var local = new LocalCueOptions { StateDirectory = Path.GetFullPath(stateDirectory), LoggerFactory = new StderrLogger(context) };
        if (flags.Cores.HasValue)
        {
            local.Cores = flags.Cores.Value;
        }

        if (flags.MemoryMb.HasValue)
        {
            local.MemoryMb = flags.MemoryMb.Value;
        }

        LocalCuebot cue;
        try
        {
            cue = await LocalCuebot.StartAsync(local, context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is InvalidOperationException)
        {
            throw new LocalStartException("the embedded scheduler could not start: " + e.Message.TrimEnd().TrimEnd('.') + " (state folder " + local.StateDirectory +
                "; give another with --state-dir DIR)", e);
        }

        await using (cue.ConfigureAwait(false))
        {
            context.Error("cuerun launch: embedded scheduler on " + cue.Address + " (" + Format.Cores(local.Cores) + " cores, " + Format.Number(local.MemoryMb) +
                " MB); state and frame logs in " + local.StateDirectory);
            using var api = flags.Server.WithHosts(cue.Address).Connect();
            options.Api = api;
            try
            {
                return await LaunchAsync(outline, options, flags, context, api).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
            {
                context.Error("cuerun launch: interrupted; the embedded scheduler stopped before the job finished. Its state is kept: " +
                    "'cuerun serve --state-dir " + local.StateDirectory + "' runs the rest.");
                return Cli.ExitCodes.Interrupted;
            }
        }
    }

    private static async Task<int> LaunchAsync(Outline outline, LaunchOptions options, LaunchFlags flags, CliContext context, CueApi api)
    {
        var cancellation = context.CancellationToken;
        if (!options.Wait && !options.Test)
        {
            foreach (var job in await Cuerun.LaunchAsync(outline, options, cancellation).ConfigureAwait(false))
            {
                context.Out(job.Name);
            }

            return Cli.ExitCodes.Ok;
        }

        var failOnDead = flags.FailOnDead || flags.Local;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var printer = new ProgressPrinter(context);
        var server = flags.Local ? string.Empty : " --server " + string.Join(",", api.Hosts);
        printer.FramesDied = (progress, layers) =>
        {
            var what = string.Join(", ", layers.Select(l => Format.Count(l.Dead, "dead frame") + " in layer " + l.Layer));
            if (options.Test)
            {
                return; // the test fails on this poll; the frames are listed then
            }

            if (failOnDead)
            {
                return; // the library's wait ends at the death (LaunchOptions.FailOnDead): FrameDiedException below
            }

            printer.Message(progress.JobName + ": " + what + ". A dead frame keeps the job pending, so waiting goes on until it is retried or eaten: " +
                "cuerun retry " + progress.JobName + " --state dead" + server + " (or eat); Ctrl+C stops waiting, --fail-on-dead stops at the first death.");
        };
        options.Progress = printer;
        options.FailOnDead = failOnDead && options.Wait;

        IReadOnlyList<CueJob> jobs;
        try
        {
            jobs = await Cuerun.LaunchAsync(outline, options, stop.Token).ConfigureAwait(false);
        }
        catch (JobTestFailedException e)
        {
            printer.Finish();
            context.Error("cuerun launch: test of job " + e.JobName + " failed: " + Format.Count(e.FailedFrames.Count, "frame") + " dead or eaten:");
            var failedJob = await FindForLogsAsync(api, e.JobName ?? string.Empty).ConfigureAwait(false);
            foreach (var frame in e.FailedFrames)
            {
                var name = frame.Split(' ')[0];
                context.Error("  " + frame + (failedJob is null ? string.Empty : "  log: " + failedJob.GetFrameLogPath(name)));
            }

            return Cli.ExitCodes.Failed;
        }
        catch (FrameDiedException e)
        {
            var layer = e.FrameName is { } frame && frame.IndexOf('-', StringComparison.Ordinal) is var dash and >= 0 ? frame.Substring(dash + 1) : e.FrameName;
            printer.Message(e.JobName + ": frame " + e.FrameName + " of layer " + layer + " died (exit " + Format.Number(e.ExitStatus) + "); stopping (" +
                (flags.Local ? "--local" : "--fail-on-dead") + ").");
            printer.Finish();
            return await StoppedAtDeadAsync(api, e.JobName ?? outline.GetConformedJobName(), flags, server, context).ConfigureAwait(false);
        }
        catch (CueException)
        {
            printer.Finish(); // the error goes to stderr below the progress
            throw;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellation.IsCancellationRequested)
        {
            printer.Finish();
            return await StoppedAtDeadAsync(api, printer.Last?.JobName ?? outline.GetConformedJobName(), flags, server, context).ConfigureAwait(false);
        }

        printer.Finish();
        var code = Cli.ExitCodes.Ok;
        foreach (var job in jobs)
        {
            printer.Name(job.Name);
            await job.RefreshAsync(cancellation).ConfigureAwait(false);
            var stats = job.Stats;
            var summary = job.Name + ": " + Format.State(job.State) + ", " + Format.Number(stats.SucceededFrames) + "/" + Format.Number(stats.TotalFrames) +
                " frames succeeded" + (stats.DeadFrames > 0 ? ", " + Format.Number(stats.DeadFrames) + " dead" : string.Empty) +
                (stats.EatenFrames > 0 ? ", " + Format.Number(stats.EatenFrames) + " eaten" : string.Empty) +
                (printer.Last is null ? string.Empty : " in " + Format.Duration(printer.Last.Elapsed));
            context.Out(options.Test ? summary + "; test passed." : summary + ".");
            if (!options.Test && stats.SucceededFrames != stats.TotalFrames)
            {
                context.Error("cuerun launch: job " + job.Name + " ended with " + Format.Count(stats.TotalFrames - stats.SucceededFrames, "frame") +
                    " that did not succeed (dead, eaten, or left waiting when the job was killed).");
                await ListDeadFramesAsync(api, job.Name, context).ConfigureAwait(false);
                code = Cli.ExitCodes.Failed;
            }
        }

        return code;
    }

    private static async Task<int> StoppedAtDeadAsync(CueApi api, string jobName, LaunchFlags flags, string server, CliContext context)
    {
        await ListDeadFramesAsync(api, jobName, context).ConfigureAwait(false);
        if (!flags.Local)
        {
            context.Error("The job stays pending on the Cuebot: cuerun retry " + jobName + " --state dead" + server + " runs the dead frames again, " +
                "cuerun eat ... marks them done, cuerun kill " + jobName + " --reason R ends it.");
        }

        return Cli.ExitCodes.Failed;
    }

    private static async Task ListDeadFramesAsync(CueApi api, string jobName, CliContext context)
    {
        try
        {
            var job = await CueServer.FindJobAsync(api, jobName, CancellationToken.None).ConfigureAwait(false);
            var frames = await FrameFilter.ListAsync(job, FrameSearch.InStates(FrameState.Dead, FrameState.Eaten), CancellationToken.None).ConfigureAwait(false);
            if (frames.Count == 0)
            {
                return;
            }

            context.Error("Dead or eaten frames of " + job.Name + ":");
            foreach (var frame in frames)
            {
                context.Error("  " + frame.Name + " (" + Format.State(frame.State) + ", exit " + Format.Number(frame.ExitStatus) + ")  log: " +
                    job.GetFrameLogPath(frame.Name));
            }
        }
        catch (Exception e) when (e is CueException || e is UsageException)
        {
            context.Error("cuerun launch: could not list the dead frames of " + jobName + ": " + e.Message);
        }
    }

    private static async Task<CueJob?> FindForLogsAsync(CueApi api, string jobName)
    {
        try
        {
            return await CueServer.FindJobAsync(api, jobName, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CueException || e is UsageException)
        {
            return null;
        }
    }


    /// <summary>The launcher flags, read and checked before anything is loaded or sent.</summary>
    private sealed class LaunchFlags
    {
        public ServerOptions Server { get; private set; } = new(Array.Empty<string>(), null, null);

        public bool Local { get; private set; }

        public string? StateDirectory { get; private set; }

        public double? Cores { get; private set; }

        public long? MemoryMb { get; private set; }

        public bool Wait { get; private set; }

        public bool Test { get; private set; }

        public bool FailOnDead { get; private set; }

        public bool Pause { get; private set; }

        public int? Priority { get; private set; }

        public int? MaxRetries { get; private set; }

        public bool AutoEat { get; private set; }

        public string? Os { get; private set; }

        public string? BaseName { get; private set; }

        public IReadOnlyList<string> Env { get; private set; } = Array.Empty<string>();

        public TimeSpan? PollInterval { get; private set; }

        public TimeSpan? ServerLostTimeout { get; private set; }

        public static LaunchFlags Read(ParsedArguments arguments)
        {
            var flags = new LaunchFlags
            {
                Server = ServerOptions.Read(arguments),
                ServerLostTimeout = ServerOptions.Seconds(arguments, ServerLostTimeoutOption.Name),
                Local = arguments.Has("local"),
                StateDirectory = NonEmpty(arguments, "state-dir"),
                Wait = arguments.Has("wait"),
                Test = arguments.Has("test"),
                FailOnDead = arguments.Has("fail-on-dead"),
                Pause = arguments.Has("pause"),
                AutoEat = arguments.Has("autoeat"),
                Os = NonEmpty(arguments, "os"),
                BaseName = NonEmpty(arguments, "base-name"),
                Env = arguments.Values("env"),
            };
            if (flags.Local && arguments.Has("server"))
            {
                throw new UsageException("--local and --server exclude each other: --local launches to a scheduler started in this process, --server to a running Cuebot.");
            }

            foreach (var name in new[] { "state-dir", "cores", "memory" })
            {
                if (!flags.Local && arguments.Has(name))
                {
                    throw new UsageException("--" + name + " is for --local (the embedded scheduler); for a running 'cuerun serve' give it there.");
                }
            }

            if (flags.Wait && flags.Test)
            {
                throw new UsageException("--wait and --test exclude each other: --test waits too, and fails on dead or eaten frames.");
            }

            if (flags.FailOnDead && !flags.Wait && !flags.Local)
            {
                throw new UsageException("--fail-on-dead is for --wait (--test always fails on a dead frame).");
            }

            if (flags.ServerLostTimeout.HasValue && !flags.Wait && !flags.Test && !flags.Local)
            {
                throw new UsageException("--server-lost-timeout is for --wait and --test (without them cuerun does not wait for the job).");
            }

            if (flags.Local && flags.Pause && !flags.Test)
            {
                throw new UsageException("--pause with --local would wait forever: nothing resumes the job of the embedded scheduler. " +
                    "Use --test (which resumes it), or 'cuerun serve' and launch --server ... --pause.");
            }

            flags.Priority = Integer(arguments, "priority", 0, int.MaxValue, "a whole number from 0, e.g. --priority 100");
            flags.MaxRetries = Integer(arguments, "max-retries", 0, 16, "a whole number from 0 to 16 (Cuebot's limit), e.g. --max-retries 3");
            var cores = arguments.Value("cores");
            if (cores != null)
            {
                flags.Cores = double.TryParse(cores, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= 100000
                    ? value
                    : throw new UsageException("--cores: '" + cores + "' is not a number of cores; give a positive number, e.g. --cores 4.");
            }

            var memory = arguments.Value("memory");
            if (memory != null)
            {
                flags.MemoryMb = long.TryParse(memory, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                    ? value
                    : throw new UsageException("--memory: '" + memory + "' is not a memory size; give whole megabytes, e.g. --memory 16384.");
            }

            var poll = arguments.Value("poll-interval");
            if (poll != null)
            {
                flags.PollInterval = double.TryParse(poll, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0.01 && seconds <= 3600
                    ? TimeSpan.FromSeconds(seconds)
                    : throw new UsageException("--poll-interval: '" + poll + "' is not a number of seconds from 0.01 to 3600, e.g. --poll-interval 2.");
            }

            foreach (var pair in flags.Env)
            {
                if (pair.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    throw new UsageException("--env: '" + pair + "' is not KEY=VALUE; give e.g. --env RENDER_QUALITY=high (repeat --env for more).");
                }
            }

            return flags;
        }

        private static int? Integer(ParsedArguments arguments, string name, int min, int max, string accepted)
        {
            var text = arguments.Value(name);
            if (text is null)
            {
                return null;
            }

            return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new UsageException("--" + name + ": '" + text + "' is not accepted; give " + accepted + ".");
        }

        private static string? NonEmpty(ParsedArguments arguments, string name)
        {
            var value = arguments.Value(name);
            if (value != null && value.Trim().Length == 0)
            {
                throw new UsageException("--" + name + " needs a non-empty value.");
            }

            return value;
        }
    }
}

/// <summary>The embedded scheduler could not start (exit code 3).</summary>
internal sealed class LocalStartException : Exception
{
    public LocalStartException()
    {
    }

    public LocalStartException(string message)
        : base(message)
    {
    }

    public LocalStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
