using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace OpenCue.LocalCue
{
    /// <summary>The stand-alone server: <c>dotnet run --project src/OpenCue.LocalCue -- --port 8443 --state-dir DIR</c>.</summary>
    public static class Program
    {
        /// <summary>Runs until Ctrl+C or SIGTERM.</summary>
        /// <param name="args">Options: --port N (8443), --state-dir DIR, --cores N, --memory MB, --bind ADDRESS.</param>
        /// <returns>The exit code: 0, or 2 for bad arguments.</returns>
        public static async Task<int> Main(string[] args)
        {
            var options = new LocalCueOptions { Port = 8443 };
            try
            {
                for (var i = 0; i < args.Length; i++)
                {
                    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value.");
                    switch (args[i])
                    {
                        case "--port": options.Port = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                        case "--state-dir": options.StateDirectory = Value(); break;
                        case "--cores": options.Cores = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                        case "--memory": options.MemoryMb = long.Parse(Value(), CultureInfo.InvariantCulture); break;
                        case "--bind": options.BindAddress = Value(); break;
                        case "--help":
                        case "-h":
                            Console.WriteLine("usage: OpenCue.LocalCue [--port 8443] [--state-dir DIR] [--cores N] [--memory MB] [--bind 127.0.0.1]");
                            return 0;
                        default: throw new ArgumentException("Unknown option " + args[i] + "; use --port, --state-dir, --cores, --memory, --bind.");
                    }
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return 2;
            }

            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
            options.LoggerFactory = loggerFactory;
            using var stop = new CancellationTokenSource();
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }

            // Ctrl+C and SIGTERM stop the server cleanly: running frames are stopped and run again at the next start.
            using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            LocalCuebot started;
            try
            {
                started = await LocalCuebot.StartAsync(options, stop.Token).ConfigureAwait(false);
            }
            catch (Storage.StoreLayoutException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return 1;
            }

            await using var cue = started;
            Console.WriteLine("LocalCue listening on " + cue.Address + " (state in " + options.StateDirectory + "). Ctrl+C stops it.");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        }
    }
}
