using System;
using System.IO;
using System.Threading;

namespace OpenCue.Cli.Internal;

/// <summary>Where a command writes, how it reads the environment, whether stdout is a terminal, and when to stop (injected by tests).</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter stdout, TextWriter stderr, Func<string, string?> environment, bool isTerminal = false, CancellationToken cancellationToken = default)
    {
        Stdout = stdout;
        Stderr = stderr;
        Environment = environment;
        IsTerminal = isTerminal;
        CancellationToken = cancellationToken;
    }

    public TextWriter Stdout { get; }

    public TextWriter Stderr { get; }

    /// <summary>Reads an environment variable; <see langword="null"/> when unset.</summary>
    public Func<string, string?> Environment { get; }

    /// <summary>Whether stdout is a terminal: progress is then redrawn in place rather than printed line by line.</summary>
    public bool IsTerminal { get; }

    /// <summary>Cancelled by Ctrl+C (or by a test): waiting and serving stop.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Writes a line to stdout ending in <c>\n</c> on every platform.</summary>
    public void Out(string line) => Stdout.Write(line + "\n");

    /// <summary>Writes a line to stderr ending in <c>\n</c> on every platform.</summary>
    public void Error(string line) => Stderr.Write(line + "\n");

    /// <summary>The same context writing to other writers.</summary>
    public CliContext WithStdout(TextWriter stdout) => new(stdout, Stderr, Environment, IsTerminal, CancellationToken);
}
