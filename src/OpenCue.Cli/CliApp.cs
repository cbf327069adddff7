using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using OpenCue.Cli.Commands;
using OpenCue.Cli.Internal;
using OpenCue.Client;

namespace OpenCue.Cli;

/// <summary>
/// The <c>cuerun</c> command line: outlines (<c>spec</c>, <c>validate</c>, <c>graph</c>, <c>frames</c>),
/// launching (<c>launch</c>, <c>serve</c>) and jobs on a Cuebot (<c>jobs</c>, <c>layers</c>, <c>frames</c>,
/// <c>kill</c>, <c>pause</c>, <c>resume</c>, <c>retry</c>, <c>eat</c>, <c>satisfy</c>, <c>analyze</c>).
/// Output goes to the writers given, so it can run in-process.
/// </summary>
internal static class CliApp
{
    private static readonly CliCommand[] Commands =
    {
        new SpecCommand(), new ValidateCommand(), new GraphCommand(), new FramesCommand(),
        new LaunchCommand(), new ServeCommand(),
        new JobsCommand(), new LayersCommand(), new KillCommand(), new PauseResumeCommand(pause: true), new PauseResumeCommand(pause: false),
        new RetryEatCommand(retry: true), new RetryEatCommand(retry: false), new SatisfyCommand(), new AnalyzeCommand(),
    };

    /// <summary>The version printed by <c>cuerun --version</c>.</summary>
    public static string Version
    {
        get
        {
            var assembly = typeof(CliApp).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus >= 0 ? version.Substring(0, plus) : version;
        }
    }

    /// <summary>Runs <c>cuerun</c> with the process environment, never interrupted.</summary>
    /// <param name="args">The arguments after <c>cuerun</c>.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where warnings and errors go.</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>): 0 success, 1 failed (validate errors, a failed test or wait), 2 invalid input or usage, 3 Cuebot unreachable or erring.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, isTerminal: ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected, CancellationToken.None);

    /// <summary>Runs <c>cuerun</c> with the process environment.</summary>
    /// <param name="args">The arguments after <c>cuerun</c>.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where warnings and errors go.</param>
    /// <param name="isTerminal">Whether stdout is a terminal: progress bars are then redrawn in place; otherwise progress is printed line by line.</param>
    /// <param name="cancellationToken">Stops waiting (<c>launch --wait</c>) and serving (<c>serve</c>), as Ctrl+C does.</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool isTerminal, CancellationToken cancellationToken) =>
        Run(args, stdout, stderr, Environment.GetEnvironmentVariable, isTerminal, cancellationToken);

    /// <summary>Runs <c>cuerun</c> reading the environment through <paramref name="environment"/> (for tests).</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, bool isTerminal = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(environment);
        var context = new CliContext(stdout, stderr, environment, isTerminal, cancellationToken);
        if (args.Length == 0)
        {
            context.Error("cuerun: missing command.");
            stderr.Write(MainHelp());
            return ExitCodes.Usage;
        }

        var first = args[0];
        if (first == "--help" || first == "-h" || first == "help")
        {
            return Help(context, args.Skip(1).ToList());
        }

        if (first == "--version")
        {
            if (args.Length > 1)
            {
                context.Error("cuerun: --version takes no arguments.");
                return ExitCodes.Usage;
            }

            context.Out("cuerun " + Version);
            return ExitCodes.Ok;
        }

        var command = Commands.FirstOrDefault(c => c.Name == first);
        if (command is null)
        {
            context.Error("cuerun: unknown command '" + first + "'. Commands: " + CommandNames + ". Run 'cuerun --help' for usage.");
            return ExitCodes.Usage;
        }

        return RunCommand(command, args.Skip(1).ToList(), context);
    }

    private static string CommandNames => string.Join(", ", Commands.Select(c => c.Name));

    private static int RunCommand(CliCommand command, List<string> args, CliContext context)
    {
        // Output is buffered so that a failure leaves stdout empty, except for commands that show
        // progress as they go (they write nothing before the point where they can fail).
        var stdout = new StringWriter();
        var run = command.StreamsOutput
            ? new CliContext(TextWriter.Synchronized(context.Stdout), TextWriter.Synchronized(context.Stderr), context.Environment, context.IsTerminal, context.CancellationToken)
            : context.WithStdout(stdout);
        int code;
        try
        {
            var parsed = ArgumentParser.Parse(args, command.Options);
            if (parsed.HelpRequested)
            {
                context.Stdout.Write(command.Help());
                return ExitCodes.Ok;
            }

            code = command.Run(parsed, run);
        }
        catch (UsageException e)
        {
            context.Error("cuerun " + command.Name + ": " + e.Message);
            if (e.SuggestHelp)
            {
                context.Error("Run 'cuerun " + command.Name + " --help' for usage.");
            }

            return ExitCodes.Usage;
        }
        catch (CueException e)
        {
            context.Error("cuerun " + command.Name + ": " + Describe(e, command));
            return ExitCodes.CueError;
        }
        catch (LocalStartException e)
        {
            context.Error("cuerun " + command.Name + ": " + e.Message);
            return ExitCodes.CueError;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            context.Error("cuerun " + command.Name + ": interrupted.");
            return ExitCodes.Interrupted;
        }

        context.Stdout.Write(stdout.ToString());
        context.Stdout.Flush();
        return code;
    }

    /// <summary>What went wrong with the Cuebot, and what to do about it.</summary>
    private static string Describe(CueException e, CliCommand command) => Sentence(e) switch
    {
        var message when e is CueServerLostException lost => message + ". Once it is back, 'cuerun jobs --server " + lost.Server +
            "' lists the job; --server-lost-timeout SECONDS waits longer.",
        var message when e is CueConnectionException => "cannot reach the Cuebot: " + message + ". Check that a Cuebot (or 'cuerun serve') runs there; give --server HOST:PORT " +
            "(Cuebot's gRPC port is 8443) or set CUEBOT_HOSTS.",
        var message when e is JobLaunchException => message + " (the spec was refused; 'cuerun validate FILE' checks it without a Cuebot).",
        var message when e is CueDeadlineExceededException => "the Cuebot did not answer in time: " + message + ". " +
            (command is LaunchCommand ? "--launch-deadline SECONDS (the launch) and --deadline SECONDS (other calls) wait longer." : "--deadline SECONDS waits longer."),
        var message when e is EntityNotFoundException => "not found on the Cuebot: " + message + ".",
        var message => "the Cuebot answered with an error: " + message + ".",
    };

    private static string Sentence(Exception e) => e.Message.TrimEnd().TrimEnd('.');

    private static int Help(CliContext context, List<string> rest)
    {
        if (rest.Count == 0)
        {
            context.Stdout.Write(MainHelp());
            return ExitCodes.Ok;
        }

        var command = rest.Count == 1 ? Commands.FirstOrDefault(c => c.Name == rest[0]) : null;
        if (command is null)
        {
            context.Error("cuerun: no help for '" + string.Join(" ", rest) + "'. Commands: " + CommandNames + ".");
            return ExitCodes.Usage;
        }

        context.Stdout.Write(command.Help());
        return ExitCodes.Ok;
    }

    internal static string MainHelp()
    {
        var text = new StringBuilder();
        text.Append("cuerun ").Append(Version).Append(": launch, follow and control OpenCue jobs written as PyOutline JSON outlines\n\n");
        text.Append("Usage: cuerun COMMAND [ARGUMENTS] [OPTIONS]\n\n");
        var sections = new (string Title, string[] Names)[]
        {
            ("Outlines (no Cuebot needed)", new[] { "spec", "validate", "graph", "frames" }),
            ("Launching", new[] { "launch", "serve" }),
            ("Jobs on a Cuebot (--server H:P, else CUEBOT_HOSTS or pycue's config; --json for scripts)",
                new[] { "jobs", "layers", "frames JOB", "kill", "pause", "resume", "retry", "eat", "satisfy", "analyze" }),
        };
        var groups = new List<(string Title, List<(string, string)> Lines)>();
        foreach (var (title, names) in sections)
        {
            var lines = new List<(string, string)>();
            foreach (var name in names)
            {
                var command = Commands.First(c => c.Name == name.Split(' ')[0]);
                if (name.Contains(' ', StringComparison.Ordinal))
                {
                    lines.AddRange(command.OtherForms.Select(f => ("cuerun " + command.Name + " " + f.Arguments, f.Summary)));
                }
                else
                {
                    lines.Add(("cuerun " + command.Name + " " + command.Arguments, command.Summary));
                }
            }

            groups.Add((title, lines));
        }

        groups.Add(("Help", new List<(string, string)>
        {
            ("cuerun COMMAND --help", "help on a command (also: cuerun help COMMAND)"),
            ("cuerun --help", "this help"),
            ("cuerun --version", "print the version"),
        }));
        foreach (var (title, lines) in groups)
        {
            text.Append(title).Append(":\n");
            foreach (var (synopsis, summary) in lines)
            {
                text.Append("  ").Append(synopsis).Append('\n');
                text.Append("      ").Append(summary).Append('\n');
            }

            text.Append('\n');
        }

        text.Append(OutlineInput.FileHelp).Append('\n');
        text.Append("RANGE: ").Append(FrameRangeHelp.Accepted.Substring("Accepted: ".Length)).Append('\n');
        text.Append(CueServer.JobHelp).Append("\n\n");
        text.Append("Exit codes:\n");
        text.Append("  0    success\n");
        text.Append("  1    validate: the outline has errors (warnings alone exit 0); launch --test: frames died or were\n");
        text.Append("       eaten; launch --wait: the job ended with frames that did not succeed, or stopped at a dead\n");
        text.Append("       frame (--fail-on-dead, --local)\n");
        text.Append("  2    invalid input or usage: unknown command or option, bad value or range, missing or unreadable\n");
        text.Append("       file, bad JSON or XML, an outline with errors (spec, launch), a JOB or layer the Cuebot does\n");
        text.Append("       not have; the message is on stderr and nothing is on stdout\n");
        text.Append("  3    the Cuebot could not be reached or answered with an error (it refused the job, a deadline\n");
        text.Append("       passed: --deadline, --launch-deadline), launch --wait/--test lost it (unreachable for\n");
        text.Append("       --server-lost-timeout), or the local scheduler could not start; the message is on stderr\n");
        text.Append("  130  interrupted (Ctrl+C) while waiting\n");
        return text.ToString();
    }
}
