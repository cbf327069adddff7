using System.Collections.Generic;

namespace OpenCue.Authoring;

/// <summary>
/// A single-frame Post layer (PyOutline's <c>OutlinePostCommand</c>): Cuebot moves it into a post
/// job that starts when the job finishes, whether its frames succeeded or the job was killed:
/// the way to run cleanup "regardless of success or failure". Service <c>postprocess</c>.
/// </summary>
public class OutlinePostCommand : FrameLayer
{
    /// <summary>Creates the post command.</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="command">Program and arguments.</param>
    public OutlinePostCommand(string name, IEnumerable<string> command)
        : base(name)
    {
        Command = LayerCommand.FromArguments(command);
        Type = LayerType.Post;
        Service = "postprocess";
    }

    /// <summary>Creates the post command with a command line.</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="commandLine">The command line.</param>
    public OutlinePostCommand(string name, string commandLine)
        : base(name)
    {
        Command = LayerCommand.FromText(commandLine);
        Type = LayerType.Post;
        Service = "postprocess";
    }
}
