using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.Cli.Internal;

namespace OpenCue.Cli;

/// <summary>The <c>cuerun</c> entry point.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        var first = new Stopwatch();

        // The first Ctrl+C stops waiting or serving cleanly; another one a second later ends the process at
        // once. (A signal sent to the whole process group, as timeout(1) does, can arrive twice at once.)
        Console.CancelKeyPress += (_, e) =>
        {
            lock (first)
            {
                e.Cancel = !first.IsRunning || first.Elapsed < TimeSpan.FromSeconds(1);
                first.Start();
            }

            stop.Cancel();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        if (args.Length > 0 && args[0] == "serve")
        {
            // Whatever the scheduler is doing when told to stop (starting, a long spec parse, frames that will
            // not die), the process is gone within the grace period.
            stop.Token.Register(() => _ = ExitAfterGracePeriodAsync());
        }

        return CliApp.Run(args, Console.Out, Console.Error, isTerminal: !Console.IsOutputRedirected, stop.Token);
    }

    private static async Task ExitAfterGracePeriodAsync()
    {
        // A little longer than serve's bounded stop, which returns StopTimedOut itself when it can.
        await Task.Delay(ServerCommandLine.StopGracePeriod + TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        await Console.Error.WriteLineAsync("cuerun serve: stopping took longer than " +
            ServerCommandLine.StopGracePeriod.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s; exiting anyway.").ConfigureAwait(false);
        Environment.Exit(ServerCommandLine.StopTimedOut);
    }
}
