using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenCue.Cli.Internal;
using OpenCue.LocalCue;

namespace OpenCue.Cli.Commands
{
    /// <summary><c>cuerun serve</c>: runs the local scheduler (LocalCue) until Ctrl+C.</summary>
    internal sealed class ServeCommand : CliCommand
    {
        private static readonly OptionDefinition[] Definitions =
        {
            new("port", "N", "the gRPC port (default 8443, Cuebot's; 0 picks a free one)"),
            new("state-dir", "DIR", "where the database and frame logs live (default ~/.local/share/opencue-localcue)"),
            new("cores", "N", "cores it may book (default: this machine's)"),
            new("memory", "MB", "memory it may book, in MB (default: this machine's)"),
            new("bind", "ADDR", "the IP address to listen on (default 127.0.0.1; anything else lets others run commands here)"),
        };

        public override string Name => "serve";

        public override string Arguments => "[--port 8443] [--state-dir DIR] [--cores N] [--memory MB] [--bind ADDR]";

        public override string Summary => "run the local scheduler (Cuebot's gRPC API, frames run on this machine) until Ctrl+C";

        public override IReadOnlyList<OptionDefinition> Options => Definitions;

        public override bool StreamsOutput => true;

        protected override string Description =>
            "Runs LocalCue, a Cuebot-compatible scheduler for one machine: it speaks Cuebot's gRPC API, so cuerun,\n" +
            "OpenCue.Client and pycue can launch to it and control its jobs; frames run as processes here, the way\n" +
            "RQD runs them; state is kept in DIR (SQLite), so jobs survive a restart. Prints\n" +
            "'LocalCue listening on HOST:PORT ...' on stdout when it is ready; its log goes to stderr. Ctrl+C stops it;\n" +
            "frames still running then run again at the next start.\n\n" +
            "Point clients at it: cuerun launch job.json --server HOST:PORT, or export CUEBOT_HOSTS=HOST:PORT.";

        protected override string ExitCodes =>
            "  0  stopped by Ctrl+C (or SIGTERM)\n" +
            "  2  invalid input or usage (unknown option, bad value); nothing is on stdout\n" +
            "  3  the scheduler could not start (port in use, state folder not writable); nothing is on stdout";

        public override int Run(ParsedArguments arguments, CliContext context)
        {
            if (arguments.Positionals.Count > 0)
            {
                throw new UsageException("serve takes no arguments, got: " + string.Join(" ", arguments.Positionals) + ".");
            }

            var options = new LocalCueOptions { Port = 8443, LoggerFactory = new StderrLogger(context, LogLevel.Information, timestamps: true) };
            var port = arguments.Value("port");
            if (port != null)
            {
                options.Port = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= 65535
                    ? number
                    : throw new UsageException("--port: '" + port + "' is not a port; give 0 to 65535 (0 picks a free one), e.g. --port 8443.");
            }

            var stateDirectory = arguments.Value("state-dir");
            if (stateDirectory != null)
            {
                options.StateDirectory = stateDirectory.Trim().Length > 0
                    ? Path.GetFullPath(stateDirectory)
                    : throw new UsageException("--state-dir needs a non-empty value.");
            }

            var cores = arguments.Value("cores");
            if (cores != null)
            {
                options.Cores = double.TryParse(cores, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= 100000
                    ? value
                    : throw new UsageException("--cores: '" + cores + "' is not a number of cores; give a positive number, e.g. --cores 4.");
            }

            var memory = arguments.Value("memory");
            if (memory != null)
            {
                options.MemoryMb = long.TryParse(memory, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                    ? value
                    : throw new UsageException("--memory: '" + memory + "' is not a memory size; give whole megabytes, e.g. --memory 16384.");
            }

            var bind = arguments.Value("bind");
            if (bind != null)
            {
                options.BindAddress = System.Net.IPAddress.TryParse(bind, out _)
                    ? bind
                    : throw new UsageException("--bind: '" + bind + "' is not an IP address; give e.g. --bind 127.0.0.1 (this machine only) or --bind 0.0.0.0 (every interface).");
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
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is InvalidOperationException)
            {
                throw new LocalStartException("the scheduler could not start on " + options.BindAddress + ":" + options.Port.ToString(CultureInfo.InvariantCulture) +
                    " with state in " + options.StateDirectory + ": " + e.Message.TrimEnd().TrimEnd('.') + ". Give another --port (0 picks a free one) or --state-dir.", e);
            }

            await using (cue.ConfigureAwait(false))
            {
                context.Out("LocalCue listening on " + cue.Address + " (state in " + options.StateDirectory + ", " + Format.Cores(options.Cores) + " cores, " +
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
            }

            return Cli.ExitCodes.Ok;
        }
    }
}
