using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenCue.Authoring;

/// <summary>
/// A layer's command: either an argument vector (joined with POSIX quoting by
/// <see cref="ShellQuoting"/>) or one shell command line written verbatim. PyOutline's
/// <c>command</c> argument, which is a list or a string.
/// </summary>
public sealed class LayerCommand : IEquatable<LayerCommand>
{
    // The joined command line, made once: the command is immutable.
    private string? _commandLine;

    private LayerCommand(IReadOnlyList<string>? arguments, string? text)
    {
        Arguments = arguments;
        Text = text;
    }

    /// <summary>The argument vector, when the command was given as a list; otherwise <see langword="null"/>.</summary>
    public IReadOnlyList<string>? Arguments { get; }

    /// <summary>The command line, when the command was given as one string; otherwise <see langword="null"/>.</summary>
    public string? Text { get; }

    /// <summary>Whether the command has nothing to run (no arguments, or blank text).</summary>
    public bool IsEmpty => Arguments is null ? string.IsNullOrWhiteSpace(Text) : Arguments.Count == 0;

    /// <summary>A command given as an argument vector; each argument reaches the process unchanged.</summary>
    /// <param name="arguments">Program and arguments.</param>
    /// <returns>The command.</returns>
    public static LayerCommand FromArguments(IEnumerable<string> arguments)
    {
        if (arguments is null)
        {
            throw new ArgumentNullException(nameof(arguments));
        }

        var list = arguments.ToArray();
        foreach (var argument in list)
        {
            if (argument is null)
            {
                throw new ArgumentException("A command argument is null.", nameof(arguments));
            }
        }

        return new LayerCommand(Array.AsReadOnly(list), null);
    }

    /// <summary>A command given as one shell command line, written to the spec verbatim.</summary>
    /// <param name="commandLine">The command line; the shell on the render host interprets it.</param>
    /// <returns>The command.</returns>
    public static LayerCommand FromText(string commandLine) =>
        new LayerCommand(null, commandLine ?? throw new ArgumentNullException(nameof(commandLine)));

    /// <summary>The text for the spec's <c>&lt;cmd&gt;</c>.</summary>
    /// <returns>The command line.</returns>
    public string ToCommandLine() => _commandLine ??= Arguments is null ? Text! : ShellQuoting.Join(Arguments);

    /// <inheritdoc />
    public bool Equals(LayerCommand? other) =>
        other != null && string.Equals(Text, other.Text, StringComparison.Ordinal) &&
        (Arguments is null ? other.Arguments is null : other.Arguments != null && Arguments.SequenceEqual(other.Arguments, StringComparer.Ordinal));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LayerCommand);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToCommandLine());

    /// <inheritdoc />
    public override string ToString() => ToCommandLine();
}
