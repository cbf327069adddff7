using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;

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
        return CliApp.Run(args, Console.Out, Console.Error, isTerminal: !Console.IsOutputRedirected, stop.Token);
    }
}
