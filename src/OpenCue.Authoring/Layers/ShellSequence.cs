using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace OpenCue.Authoring;

/// <summary>
/// Runs an array of shell command lines, frame N running command N (PyOutline's
/// <c>ShellSequence</c>). The range is <c>1-N</c>. PyOutline relies on its <c>pycuerun</c> wrapper
/// to pick the command; here the spec's command is a portable <c>case</c> on <c>#IFRAME#</c>
/// whose branch for each chunk runs that chunk's commands in order, stopping at the first failure.
/// </summary>
public class ShellSequence : Layer
{
    private IReadOnlyList<string> _commands;

    /// <summary>Creates the layer.</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="commands">The command lines, in frame order (frame 1 runs the first).</param>
    public ShellSequence(string name, IEnumerable<string> commands)
        : base(name)
    {
        _commands = (commands ?? throw new ArgumentNullException(nameof(commands))).ToArray();
        base.Range = "1-" + _commands.Count.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The command lines; setting them resets the range to <c>1-N</c>.</summary>
    public IReadOnlyList<string> Commands
    {
        get => _commands;
        set
        {
            _commands = (value ?? throw new ArgumentNullException(nameof(value))).ToArray();
            base.Range = "1-" + _commands.Count.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <inheritdoc />
    public override string? GetCommandLine()
    {
        if (_commands.Count == 0)
        {
            return null;
        }

        string? range;
        try
        {
            range = GetFrameRange();
        }
        catch (FormatException)
        {
            return null;
        }

        if (range is null || Chunk < 1 || !FrameSet.TryParse(range, out var frameSet, out _) || frameSet.IsEmpty)
        {
            return null;
        }

        // One command per line, each in its own { } group: a trailing '&', a comment or a ';' in a
        // command cannot break the others. A chunk runs its commands in order and stops at the first failure.
        var builder = new StringBuilder("case #IFRAME# in\n");
        foreach (var chunk in Chunking.GetChunks(frameSet, Chunk))
        {
            builder.Append(chunk.StartFrame.ToString(CultureInfo.InvariantCulture)).Append(")");
            var frames = chunk.ToFrameSet();
            for (var i = 0; i < frames.Count; i++)
            {
                var index = frames[i] - 1;
                builder.Append(i > 0 ? " && {\n" : " {\n").Append(index >= 0 && index < _commands.Count ? _commands[index] : "false").Append("\n}");
            }

            builder.Append(" ;;\n");
        }

        builder.Append("*) echo 'no command for frame #IFRAME#' >&2; exit 1 ;;\nesac");
        return builder.ToString();
    }
}
