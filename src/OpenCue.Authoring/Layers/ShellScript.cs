using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenCue.Authoring;

/// <summary>
/// Runs a script file as a single frame (PyOutline's <c>ShellScript</c>). PyOutline copies the
/// script into its session directory at launch; here the path is run where it is, so it must be
/// executable and reachable from the render hosts (a shared file system).
/// </summary>
public class ShellScript : FrameLayer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="scriptPath">The script to run; it needs a <c>#!</c> line or is run by <c>/bin/sh</c>.</param>
    /// <param name="arguments">Arguments passed to the script.</param>
    public ShellScript(string name, string scriptPath, params string[] arguments)
        : base(name)
    {
        ScriptPath = scriptPath ?? throw new ArgumentNullException(nameof(scriptPath));
        Arguments = (arguments ?? Array.Empty<string>()).ToArray();
    }

    /// <summary>The script to run.</summary>
    public string ScriptPath { get; set; }

    /// <summary>Arguments passed to the script.</summary>
    public IReadOnlyList<string> Arguments { get; set; }

    /// <inheritdoc />
    public override string? GetCommandLine() =>
        string.IsNullOrEmpty(ScriptPath) ? null : ShellQuoting.Join(new[] { ScriptPath }.Concat(Arguments));
}
