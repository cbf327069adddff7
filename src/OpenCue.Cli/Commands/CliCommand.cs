using System.Collections.Generic;
using System.Linq;
using System.Text;
using OpenCue.Cli.Internal;

namespace OpenCue.Cli.Commands;

/// <summary>A <c>cuerun</c> sub-command: its name, options, help and behaviour.</summary>
internal abstract class CliCommand
{
    /// <summary>The word after <c>cuerun</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The synopsis after <c>cuerun NAME</c>, e.g. <c>FILE [options]</c>.</summary>
    public abstract string Arguments { get; }

    /// <summary>One line for the main help.</summary>
    public abstract string Summary { get; }

    /// <summary>Other forms of the command (synopsis after the name, summary), listed in the help after the first.</summary>
    public virtual IReadOnlyList<(string Arguments, string Summary)> OtherForms => System.Array.Empty<(string, string)>();

    /// <summary>
    /// Whether the command writes to stdout as it goes (progress, a server's address) instead of
    /// all at once at the end; other commands leave stdout empty when they fail.
    /// </summary>
    public virtual bool StreamsOutput => false;

    public abstract IReadOnlyList<OptionDefinition> Options { get; }

    /// <summary>What the command does, what its arguments are, the environment it reads.</summary>
    protected abstract string Description { get; }

    /// <summary>Text shown after the options (e.g. the environment variables read), or <see langword="null"/>.</summary>
    protected virtual string? Notes => null;

    /// <summary>The exit codes section.</summary>
    protected abstract string ExitCodes { get; }

    /// <summary>Runs the command; usage errors are thrown as <see cref="UsageException"/>.</summary>
    public abstract int Run(ParsedArguments arguments, CliContext context);

    public string Help()
    {
        var text = new StringBuilder();
        text.Append("Usage: cuerun ").Append(Name).Append(' ').Append(Arguments).Append('\n');
        foreach (var form in OtherForms)
        {
            text.Append("       cuerun ").Append(Name).Append(' ').Append(form.Arguments).Append('\n');
        }

        text.Append('\n');
        text.Append(Description).Append("\n\nOptions:\n");
        var width = Options.Select(o => o.Synopsis.Length).Concat(new[] { "-h, --help".Length }).Max() + 3;
        foreach (var option in Options)
        {
            text.Append("  ").Append(option.Synopsis.PadRight(width)).Append(option.Help).Append('\n');
        }

        text.Append("  ").Append("-h, --help".PadRight(width)).Append("show this help\n\n");
        if (Notes != null)
        {
            text.Append(Notes).Append("\n\n");
        }

        text.Append("Exit codes:\n").Append(ExitCodes).Append('\n');
        return text.ToString();
    }
}
