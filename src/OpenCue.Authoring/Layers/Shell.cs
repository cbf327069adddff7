using System.Collections.Generic;

namespace OpenCue.Authoring;

/// <summary>
/// Runs a shell command over the layer's frame range, one task per chunk (PyOutline's
/// <c>outline.modules.shell.Shell</c>). Use Cuebot's tokens (<c>#IFRAME#</c>, <c>#FRAME_START#</c>,
/// <c>#FRAME_END#</c>, <c>#FRAMESPEC#</c>, ...) in the command to pass the frame.
/// </summary>
public class Shell : Layer
{
    /// <summary>Creates a shell layer with no command yet (set <see cref="Layer.Command"/>).</summary>
    /// <param name="name">The layer name.</param>
    public Shell(string name)
        : base(name)
    {
    }

    /// <summary>Creates a shell layer whose command is an argument list; each argument reaches the process unchanged.</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="command">Program and arguments.</param>
    public Shell(string name, IEnumerable<string> command)
        : base(name)
    {
        Command = LayerCommand.FromArguments(command);
    }

    /// <summary>Creates a shell layer whose command is one command line, written verbatim.</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="commandLine">The command line, read by <c>/bin/sh</c> on the render host.</param>
    public Shell(string name, string commandLine)
        : base(name)
    {
        Command = LayerCommand.FromText(commandLine);
    }
}
