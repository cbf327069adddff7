using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using OpenCue.Cli.Commands;
using OpenCue.Cli.Internal;

namespace OpenCue.Cli
{
    /// <summary>
    /// The <c>cuerun</c> command line: <c>spec</c>, <c>validate</c>, <c>frames</c>, <c>--help</c>,
    /// <c>--version</c>. Output goes to the writers given, so it can run in-process.
    /// </summary>
    public static class CliApp
    {
        private static readonly CliCommand[] Commands = { new SpecCommand(), new ValidateCommand(), new FramesCommand() };

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

        /// <summary>Runs <c>cuerun</c> with the process environment.</summary>
        /// <param name="args">The arguments after <c>cuerun</c>.</param>
        /// <param name="stdout">Where results go.</param>
        /// <param name="stderr">Where warnings and errors go.</param>
        /// <returns>The exit code: 0 success, 1 validation errors (<c>validate</c>), 2 invalid input or usage.</returns>
        public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
            Run(args, stdout, stderr, Environment.GetEnvironmentVariable);

        /// <summary>Runs <c>cuerun</c> reading the environment through <paramref name="environment"/> (for tests).</summary>
        internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
        {
            ArgumentNullException.ThrowIfNull(args);
            ArgumentNullException.ThrowIfNull(stdout);
            ArgumentNullException.ThrowIfNull(stderr);
            ArgumentNullException.ThrowIfNull(environment);
            var context = new CliContext(stdout, stderr, environment);
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
                context.Error("cuerun: unknown command '" + first + "'. Commands: " + string.Join(", ", Commands.Select(c => c.Name)) +
                    ". Run 'cuerun --help' for usage.");
                return ExitCodes.Usage;
            }

            return RunCommand(command, args.Skip(1).ToList(), context);
        }

        private static int RunCommand(CliCommand command, List<string> args, CliContext context)
        {
            // Output is buffered so that a failure leaves stdout empty.
            var stdout = new StringWriter();
            var buffered = new CliContext(stdout, context.Stderr, context.Environment);
            int code;
            try
            {
                var parsed = ArgumentParser.Parse(args, command.Options);
                if (parsed.HelpRequested)
                {
                    context.Stdout.Write(command.Help());
                    return ExitCodes.Ok;
                }

                code = command.Run(parsed, buffered);
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

            context.Stdout.Write(stdout.ToString());
            context.Stdout.Flush();
            return code;
        }

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
                context.Error("cuerun: no help for '" + string.Join(" ", rest) + "'. Commands: " + string.Join(", ", Commands.Select(c => c.Name)) + ".");
                return ExitCodes.Usage;
            }

            context.Stdout.Write(command.Help());
            return ExitCodes.Ok;
        }

        internal static string MainHelp()
        {
            var text = new StringBuilder();
            text.Append("cuerun ").Append(Version).Append(": OpenCue job specs from PyOutline JSON outlines\n\n");
            text.Append("Usage:\n");
            var lines = Commands.Select(c => ("cuerun " + c.Name + " " + c.Arguments, c.Summary)).ToList();
            lines.Add(("cuerun COMMAND --help", "help on a command (also: cuerun help COMMAND)"));
            lines.Add(("cuerun --help", "this help"));
            lines.Add(("cuerun --version", "print the version"));
            var width = lines.Max(l => l.Item1.Length) + 3;
            foreach (var (synopsis, summary) in lines)
            {
                text.Append("  ").Append(synopsis.PadRight(width)).Append(summary).Append('\n');
            }

            text.Append('\n').Append(OutlineInput.FileHelp).Append('\n');
            text.Append("RANGE: ").Append(FrameRangeHelp.Accepted.Substring("Accepted: ".Length)).Append("\n\n");
            text.Append("Exit codes:\n");
            text.Append("  0  success\n");
            text.Append("  1  validate: the outline has errors (warnings alone exit 0)\n");
            text.Append("  2  invalid input or usage: unknown command or option, bad value or range, missing or unreadable\n");
            text.Append("     file, bad JSON or XML, or (spec) an outline with errors; the message is on stderr and\n");
            text.Append("     nothing is on stdout\n");
            return text.ToString();
        }
    }
}
