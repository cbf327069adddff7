using System.Collections.Generic;
using OpenCue.Cli.Internal;

namespace OpenCue.Cli.Commands;

/// <summary><c>cuerun validate FILE</c>: lists every problem Cuebot (and more) would find.</summary>
internal sealed class ValidateCommand : CliCommand
{
    public override string Name => "validate";

    public override string Arguments => "FILE [options]";

    public override string Summary => "check FILE against Cuebot's rules and list every problem";

    public override IReadOnlyList<OptionDefinition> Options => OutlineInput.Options;

    protected override string Description =>
        "Checks FILE against every rule Cuebot enforces when it reads a spec, and more (dependency cycles,\n" +
        "depends on layers left out, frames that do not line up). Prints every problem on stdout, one per\n" +
        "line ('error [code] job ...' or 'warning [code] job ...'), then a summary line.\n\n" +
        OutlineInput.FileHelp;

    protected override string? Notes => OutlineInput.EnvironmentHelp;

    protected override string ExitCodes =>
        "  0  no errors (warnings alone still exit 0)\n" +
        "  1  the outline has errors\n" +
        "  2  invalid input or usage (unknown option, bad value, missing or unreadable FILE, bad JSON or XML);\n" +
        "     the message is on stderr and nothing is on stdout";

    public override int Run(ParsedArguments arguments, CliContext context)
    {
        var (outline, options) = OutlineInput.Load(arguments, context);
        var result = outline.Validate(options);
        foreach (var problem in result.Problems)
        {
            context.Out(problem.ToString());
        }

        var errors = result.Errors.Count;
        context.Out("outline '" + outline.Name + "': " + SpecCommand.Count(errors, "error") + ", " +
            SpecCommand.Count(result.Warnings.Count, "warning") + (errors == 0 ? "; it can be launched." : "; Cuebot would refuse it."));
        return errors == 0 ? Cli.ExitCodes.Ok : Cli.ExitCodes.ValidationFailed;
    }
}
