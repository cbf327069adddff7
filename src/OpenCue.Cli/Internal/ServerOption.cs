namespace OpenCue.Cli.Internal;

/// <summary>One option of the server's command line (<c>cuerun serve</c>).</summary>
/// <param name="Name">The name without dashes, e.g. <c>state-dir</c>.</param>
/// <param name="ValueName">The value's placeholder, or <see langword="null"/> for a flag.</param>
/// <param name="Help">One line of help.</param>
/// <param name="Repeatable">Whether it may be given more than once.</param>
/// <param name="SynopsisValue">The value shown in the usage line instead of <paramref name="ValueName"/> (e.g. the default port).</param>
internal sealed record ServerOption(string Name, string? ValueName, string Help, bool Repeatable = false, string? SynopsisValue = null);
