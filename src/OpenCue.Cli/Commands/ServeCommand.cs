using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenCue.Cli.Internal;
using OpenCue.LocalCue;

namespace OpenCue.Cli.Commands;

/// <summary><c>cuerun serve</c>: runs the local scheduler (LocalCue) until Ctrl+C; LocalCue's stand-alone server (the LocalCue library has no entry point); its options are <see cref="ServerCommandLine"/>'s.</summary>
internal sealed class ServeCommand : CliCommand
{
    private static readonly OptionDefinition[] Definitions =
        ServerCommandLine.Options.Select(o => new OptionDefinition(o.Name, o.ValueName, o.Help, o.Repeatable)).ToArray();

    public override string Name => "serve";

    public override string Arguments => ServerCommandLine.Synopsis;

    public override string Summary => "run the local scheduler (Cuebot's gRPC API, frames run on this machine) until Ctrl+C";

    public override IReadOnlyList<OptionDefinition> Options => Definitions;

    public override bool StreamsOutput => true;

    protected override string Description =>
        "Runs LocalCue, a Cuebot-compatible scheduler for one machine: it speaks Cuebot's gRPC API, so cuerun,\n" +
        "OpenCue.Client and pycue can launch to it and control its jobs; frames run as processes here, the way\n" +
        "RQD runs them; state is kept in DIR (SQLite), so jobs survive a restart. Prints\n" +
        "'LocalCue listening on HOST:PORT ...' on stdout when it is ready; its log goes to stderr. Ctrl+C stops it;\n" +
        "frames still running then run again at the next start.\n\n" +
        "Only root and the user running it may launch and control jobs (--allow-user, --allow-any-user widen that to\n" +
        "launching as oneself and controlling the jobs launched with one's own uid);\n" +
        "every local user may query. Callers from other machines may only query unless --allow-remote-control.\n\n" +
        "Point clients at it: cuerun launch job.json --server HOST:PORT (or --server unix:PATH with --socket PATH),\n" +
        "or export CUEBOT_HOSTS=HOST:PORT.";

    protected override string ExitCodes =>
        "  0  stopped by Ctrl+C (or SIGTERM)\n" +
        "  1  stopped by Ctrl+C, but stopping took longer than 10 s; it exited anyway\n" +
        "  2  invalid input or usage (unknown option, bad value); nothing is on stdout\n" +
        "  3  the scheduler could not start (port in use, state folder not writable, socket path taken,\n" +
        "     unknown --allow-user); nothing is on stdout";

    public override int Run(ParsedArguments arguments, CliContext context)
    {
        if (arguments.Positionals.Count > 0)
        {
            throw new UsageException("serve takes no arguments, got: " + string.Join(" ", arguments.Positionals) + ".");
        }

        var options = ServerCommandLine.Defaults();
        options.LoggerFactory = new StderrLogger(context, LogLevel.Information, timestamps: true);
        try
        {
            foreach (var option in ServerCommandLine.Options)
            {
                if (option.Repeatable)
                {
                    foreach (var value in arguments.Values(option.Name))
                    {
                        ServerCommandLine.Apply(options, option.Name, value);
                    }
                }
                else if (option.ValueName is null ? arguments.Has(option.Name) : arguments.Value(option.Name) != null)
                {
                    ServerCommandLine.Apply(options, option.Name, arguments.Value(option.Name));
                }
            }

            ServerCommandLine.Check(options);
        }
        catch (ServerUsageException e)
        {
            throw new UsageException(e.Message);
        }

        return ServeAsync(options, context).GetAwaiter().GetResult();
    }

    private static async Task<int> ServeAsync(LocalCueOptions options, CliContext context)
    {
        LocalCuebot cue;
        try
        {
            cue = await LocalCuebot.StartAsync(options, context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            return Cli.ExitCodes.Ok;
        }
        catch (Exception e) when (ServerCommandLine.IsStartFailure(e))
        {
            throw new LocalStartException(ServerCommandLine.StartFailure(options, e), e);
        }

        var socket = cue.UnixSocketAddress is null ? string.Empty : " and " + cue.UnixSocketAddress;
        context.Out("LocalCue listening on " + cue.Address + socket + " (state in " + options.StateDirectory + ", " + Format.Cores(options.Cores) + " cores, " +
            Format.Number(options.MemoryMb) + " MB). Ctrl+C stops it.");
        context.Out("Point clients at it: cuerun jobs --server " + cue.Address + ", or export CUEBOT_HOSTS=" + cue.Address);
        context.Stdout.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        context.Error("cuerun serve: stopping; frames still running will run again at the next start.");
        var disposal = cue.DisposeAsync().AsTask();
        if (await Task.WhenAny(disposal, Task.Delay(ServerCommandLine.StopGracePeriod)).ConfigureAwait(false) != disposal)
        {
            context.Error("cuerun serve: stopping took longer than " + ServerCommandLine.StopGracePeriod.TotalSeconds.ToString(CultureInfo.InvariantCulture) +
                " s; exiting anyway.");
            return ServerCommandLine.StopTimedOut;
        }

        return Cli.ExitCodes.Ok;
    }
}
