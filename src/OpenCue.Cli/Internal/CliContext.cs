using System;
using System.IO;

namespace OpenCue.Cli.Internal
{
    /// <summary>Where a command writes and how it reads the environment (injected by tests).</summary>
    internal sealed class CliContext
    {
        public CliContext(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
        {
            Stdout = stdout;
            Stderr = stderr;
            Environment = environment;
        }

        public TextWriter Stdout { get; }

        public TextWriter Stderr { get; }

        /// <summary>Reads an environment variable; <see langword="null"/> when unset.</summary>
        public Func<string, string?> Environment { get; }

        /// <summary>Writes a line to stdout ending in <c>\n</c> on every platform.</summary>
        public void Out(string line) => Stdout.Write(line + "\n");

        /// <summary>Writes a line to stderr ending in <c>\n</c> on every platform.</summary>
        public void Error(string line) => Stderr.Write(line + "\n");
    }
}
