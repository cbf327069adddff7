using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace OpenCue.LocalCue;

/// <summary>The stand-alone server: <c>dotnet run --project src/OpenCue.LocalCue -- --port 8443 --state-dir DIR</c>.</summary>
public static class Program
{
    /// <summary>Runs until Ctrl+C or SIGTERM.</summary>
    /// <param name="args">The options of <c>--help</c> (the same as <c>cuerun serve</c>'s).</param>
    /// <returns>
    /// 0: stopped by Ctrl+C or SIGTERM. 1: stopped by a signal, but stopping took longer than 10 s and the
    /// process exited anyway. 2: a bad argument (one line on stderr). 3: the scheduler could not start (port
    /// in use, state directory or socket path unusable, unknown --allow-user; one line on stderr).
    /// </returns>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 1 && (args[0] == "--help" || args[0] == "-h"))
        {
            Console.WriteLine("usage: OpenCue.LocalCue " + ServerCommandLine.Synopsis);
            foreach (var option in ServerCommandLine.Options)
            {
                Console.WriteLine("  --" + (option.Name + " " + option.ValueName).TrimEnd().PadRight(26) + option.Help);
            }

            Console.WriteLine("exit codes: 0 stopped by Ctrl+C/SIGTERM, 1 stopping took over 10 s, 2 bad argument, 3 could not start");
            return ServerCommandLine.Stopped;
        }

        LocalCueOptions options;
        try
        {
            options = ServerCommandLine.Parse(args);
        }
        catch (ServerUsageException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return ServerCommandLine.Usage;
        }

        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
        options.LoggerFactory = loggerFactory;
        var logger = loggerFactory.CreateLogger("OpenCue.LocalCue");
        using var stop = new CancellationTokenSource();
        var stopping = 0;
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            if (Interlocked.Exchange(ref stopping, 1) == 0)
            {
                // Whatever the scheduler is doing (starting, a long spec parse, frames that will not die),
                // the process is gone within the grace period.
                _ = ExitAfterGracePeriodAsync(logger);
                stop.Cancel();
            }
        }

        // Ctrl+C and SIGTERM stop the server: running frames are stopped and run again at the next start.
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        LocalCuebot cue;
        try
        {
            cue = await LocalCuebot.StartAsync(options, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ServerCommandLine.Stopped;
        }
        catch (Exception e) when (ServerCommandLine.IsStartFailure(e))
        {
            await Console.Error.WriteLineAsync("error: " + ServerCommandLine.StartFailure(options, e)).ConfigureAwait(false);
            return ServerCommandLine.StartFailed;
        }

        Console.WriteLine("LocalCue listening on " + cue.Address + (cue.UnixSocketAddress is null ? string.Empty : " and " + cue.UnixSocketAddress) +
            " (state in " + options.StateDirectory + "). Ctrl+C stops it.");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        var disposal = cue.DisposeAsync().AsTask();
        if (await Task.WhenAny(disposal, Task.Delay(ServerCommandLine.StopGracePeriod)).ConfigureAwait(false) != disposal)
        {
            HostingLog.StopTimedOut(logger, (int)ServerCommandLine.StopGracePeriod.TotalSeconds);
            return ServerCommandLine.StopTimedOut;
        }

        return ServerCommandLine.Stopped;
    }

    private static async Task ExitAfterGracePeriodAsync(ILogger logger)
    {
        // A little longer than the bounded disposal above, which returns StopTimedOut itself when it can.
        await Task.Delay(ServerCommandLine.StopGracePeriod + TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        HostingLog.StopTimedOut(logger, (int)ServerCommandLine.StopGracePeriod.TotalSeconds);
        Environment.Exit(ServerCommandLine.StopTimedOut);
    }
}
