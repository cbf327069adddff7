using System;
using System.Collections.Generic;
using System.Globalization;
using OpenCue.Authoring;
using OpenCue.Authoring.Specs;
using OpenCue.Cli.Internal;

namespace OpenCue.Cli.Commands;

/// <summary><c>cuerun spec FILE</c>: prints the Cuebot XML job spec.</summary>
internal sealed class SpecCommand : CliCommand
{
    public override string Name => "spec";

    public override string Arguments => "FILE [options]";

    public override string Summary => "print the Cuebot XML job spec (cjsl) of FILE";

    public override IReadOnlyList<OptionDefinition> Options => OutlineInput.Options;

    protected override string Description =>
        "Prints the Cuebot XML job spec of FILE on stdout, as PyOutline's launcher writes it. The outline is\n" +
        "validated first: warnings go to stderr; with any error, every problem is listed on stderr and no\n" +
        "spec is written.\n\n" + OutlineInput.FileHelp;

    protected override string? Notes => OutlineInput.EnvironmentHelp;

    protected override string ExitCodes =>
        "  0  the spec was written on stdout\n" +
        "  2  invalid input or usage (unknown option, bad value, missing or unreadable FILE, bad JSON or XML),\n" +
        "     or the outline has errors; the problems are on stderr and nothing is on stdout";

    public override int Run(ParsedArguments arguments, CliContext context)
    {
        var (outline, options) = OutlineInput.Load(arguments, context);
        var result = outline.Validate(options);
        if (!result.IsValid)
        {
            foreach (var problem in result.Problems)
            {
                context.Error(problem.ToString());
            }

            throw new UsageException("outline '" + outline.Name + "' has " + Count(result.Errors.Count, "error") + "; no spec written.", suggestHelp: false);
        }

        foreach (var warning in result.Warnings)
        {
            context.Error(warning.ToString());
        }

        string spec;
        try
        {
            options.Validate = false; // just validated; its warnings are printed above
            spec = SpecWriter.Write(outline, options);
        }
        catch (Exception e) when (e is OutlineException || e is FormatException)
        {
            throw new UsageException(e.Message, e);
        }

        context.Out(spec);
        return Cli.ExitCodes.Ok;
    }

    internal static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");
}
