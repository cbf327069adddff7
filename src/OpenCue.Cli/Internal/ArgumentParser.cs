using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenCue.Cli.Internal;

/// <summary>
/// Parses a command's arguments: <c>--name value</c>, <c>--name=value</c>, flags, <c>-h</c>/<c>--help</c> (anywhere before <c>--</c>; it wins),
/// and <c>--</c> to end options. An argument starting with <c>-</c> and a digit (a negative frame
/// range such as <c>-5-3</c>) is positional.
/// </summary>
internal static class ArgumentParser
{
    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlyList<OptionDefinition> definitions)
    {
        // Help wins over anything else given, even an unknown option.
        var beforeDashDash = args.TakeWhile(a => a != "--");
        if (beforeDashDash.Any(a => a == "-h" || a == "--help"))
        {
            return new ParsedArguments(Array.Empty<string>(), new Dictionary<string, string?>(StringComparer.Ordinal), helpRequested: true);
        }

        var positionals = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        var repeated = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var optionsEnded = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (optionsEnded || !IsOption(arg))
            {
                positionals.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg.Substring(2, (equals < 0 ? arg.Length : equals) - 2) : null;
            var definition = name is null ? null : definitions.FirstOrDefault(d => d.Name == name);
            if (definition is null)
            {
                throw new UsageException("unknown option '" + (equals < 0 ? arg : arg.Substring(0, equals)) + "'. Accepted: " +
                    string.Join(", ", definitions.Select(d => d.Synopsis).Concat(new[] { "--help" })) + ".");
            }

            if (options.ContainsKey(definition.Name) && !definition.Repeatable)
            {
                throw new UsageException("option '--" + definition.Name + "' is given twice; give it once.");
            }

            string? value = null;
            if (definition.TakesValue)
            {
                if (equals >= 0)
                {
                    value = arg.Substring(equals + 1);
                }
                else if (i + 1 < args.Count)
                {
                    value = args[++i];
                }
                else
                {
                    throw new UsageException("option '--" + definition.Name + "' needs a value: " + definition.Synopsis + " (" + definition.Help + ").");
                }
            }
            else if (equals >= 0)
            {
                throw new UsageException("option '--" + definition.Name + "' is a flag and takes no value; give '--" + definition.Name + "' alone.");
            }

            options[definition.Name] = value;
            if (definition.Repeatable && value != null)
            {
                if (!repeated.TryGetValue(definition.Name, out var values))
                {
                    repeated[definition.Name] = values = new List<string>();
                }

                values.Add(value);
            }
        }

        return new ParsedArguments(positionals, options, repeated, helpRequested: false);
    }

    private static bool IsOption(string arg) =>
        arg.Length > 1 && arg[0] == '-' && !char.IsDigit(arg[1]);
}
