using System;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCue.Samples.Tutorial;

/// <summary>
/// <c>dotnet run --project samples/Tutorial -- &lt;pipeline&gt; [--spec] [--server HOST:PORT] [--local [--stand-in]]</c>:
/// every pipeline of OpenCue's "Creating Multi-Layer Jobs" tutorial, in C# (see <c>Pipelines/</c>).
/// </summary>
public static class Program
{
    /// <summary>Runs the sample.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>0 success, 1 the job failed, 2 usage.</returns>
    public static async Task<int> Main(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };

        return await TutorialApp.RunAsync(args, Console.Out, Console.Error, interrupt.Token).ConfigureAwait(false);
    }
}
