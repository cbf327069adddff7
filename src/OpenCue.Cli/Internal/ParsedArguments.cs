using System.Collections.Generic;

namespace OpenCue.Cli.Internal
{
    /// <summary>A command's arguments after parsing: positionals in order and the options given.</summary>
    internal sealed class ParsedArguments
    {
        private readonly Dictionary<string, string?> _options;

        public ParsedArguments(IReadOnlyList<string> positionals, Dictionary<string, string?> options, bool helpRequested)
        {
            Positionals = positionals;
            _options = options;
            HelpRequested = helpRequested;
        }

        public IReadOnlyList<string> Positionals { get; }

        /// <summary>Whether <c>--help</c> or <c>-h</c> was given.</summary>
        public bool HelpRequested { get; }

        /// <summary>Whether the option (a flag or a valued option) was given.</summary>
        public bool Has(string name) => _options.ContainsKey(name);

        /// <summary>The option's value, or <see langword="null"/> when not given.</summary>
        public string? Value(string name) => _options.TryGetValue(name, out var value) ? value : null;
    }
}
