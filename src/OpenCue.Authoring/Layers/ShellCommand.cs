using System.Collections.Generic;

namespace OpenCue.Authoring;

/// <summary>
/// Runs one shell command as a single frame, whatever the outline's range (PyOutline's
/// <c>ShellCommand</c>): setup, publish and notification steps.
/// </summary>
public class ShellCommand : FrameLayer
{
    /// <summary>Creates the layer with an argument-list command.</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="command">Program and arguments.</param>
    public ShellCommand(string name, IEnumerable<string> command)
        : base(name)
    {
        Command = LayerCommand.FromArguments(command);
    }

    /// <summary>Creates the layer with a command line.</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="commandLine">The command line.</param>
    public ShellCommand(string name, string commandLine)
        : base(name)
    {
        Command = LayerCommand.FromText(commandLine);
    }
}
