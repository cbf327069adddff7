namespace OpenCue.Cli.Internal;

/// <summary>One <c>--option</c> of a command: a flag, or an option taking a value.</summary>
internal sealed class OptionDefinition
{
    public OptionDefinition(string name, string? valueName, string help, bool repeatable = false)
    {
        Name = name;
        ValueName = valueName;
        Help = help;
        Repeatable = repeatable;
    }

    /// <summary>The name without dashes, e.g. <c>spec-version</c>.</summary>
    public string Name { get; }

    /// <summary>The value's placeholder in help (<c>V</c>), or <see langword="null"/> for a flag.</summary>
    public string? ValueName { get; }

    public bool TakesValue => ValueName != null;

    public string Help { get; }

    /// <summary>Whether the option may be given more than once (e.g. <c>--env K=V</c>); every value is kept.</summary>
    public bool Repeatable { get; }

    /// <summary>How the option is shown in help: <c>--spec-version V</c>.</summary>
    public string Synopsis => "--" + Name + (TakesValue ? " " + ValueName : string.Empty);
}
