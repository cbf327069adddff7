using System;
using System.Collections.Generic;

namespace OpenCue.Cli.Internal;

/// <summary>A command's arguments after parsing: positionals in order and the options given.</summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, string?> _options;
    private readonly Dictionary<string, List<string>> _repeated;

    public ParsedArguments(IReadOnlyList<string> positionals, Dictionary<string, string?> options, bool helpRequested)
        : this(positionals, options, new Dictionary<string, List<string>>(StringComparer.Ordinal), helpRequested)
    {
    }

    public ParsedArguments(IReadOnlyList<string> positionals, Dictionary<string, string?> options, Dictionary<string, List<string>> repeated, bool helpRequested)
    {
        Positionals = positionals;
        _options = options;
        _repeated = repeated;
        HelpRequested = helpRequested;
    }

    public IReadOnlyList<string> Positionals { get; }

    /// <summary>Whether <c>--help</c> or <c>-h</c> was given.</summary>
    public bool HelpRequested { get; }

    /// <summary>Whether the option (a flag or a valued option) was given.</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>The option's value (the last one of a repeatable option), or <see langword="null"/> when not given.</summary>
    public string? Value(string name) => _options.TryGetValue(name, out var value) ? value : null;

    /// <summary>Every value of a repeatable option, in order; empty when not given.</summary>
    public IReadOnlyList<string> Values(string name) =>
        _repeated.TryGetValue(name, out var values) ? values : (IReadOnlyList<string>)Array.Empty<string>();
}
