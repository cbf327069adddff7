using System;

namespace OpenCue.Cli
{
    /// <summary>The <c>cuerun</c> entry point.</summary>
    internal static class Program
    {
        private static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
    }
}
