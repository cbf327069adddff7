using System;
using System.IO;
using Microsoft.Extensions.Logging;

namespace OpenCue.Authoring.Json;

/// <summary>
/// Reads and writes outlines in the JSON format of PyOutline's <c>outline.load_json</c> (the
/// <c>.json</c>/<c>.outline</c> files of PyOutline's tests):
/// <code>
/// {
///   "name": "shell_command",
///   "range": "1-100",
///   "layers": [
///     { "name": "shell_layer", "module": "outline.modules.shell.Shell",
///       "command": ["/bin/ls"], "env": {"LAYER_KEY": "LAYER_VALUE"} }
///   ]
/// }
/// </code>
/// <para>
/// Top-level keys: <c>name</c>, <c>range</c> (a string, a frame number or a list of frame numbers),
/// <c>facility</c>, <c>maxcores</c>, <c>maxgpus</c>, <c>layers</c> (required) as PyOutline reads them,
/// and, as extensions of this library that PyOutline does not read, <c>show</c>, <c>shot</c>,
/// <c>user</c> and <c>env</c> (the job environment, an object of strings).
/// </para>
/// <para>
/// Each layer has <c>name</c> and <c>module</c>: <c>outline.modules.shell.Shell</c> (<see cref="Shell"/>,
/// arg <c>command</c>), <c>outline.modules.shell.ShellCommand</c> (<see cref="ShellCommand"/>, arg
/// <c>command</c>), <c>outline.modules.shell.ShellScript</c> (<see cref="ShellScript"/>, arg <c>script</c>
/// and, an extension, <c>args</c>) or <c>outline.modules.shell.ShellSequence</c> (<see cref="ShellSequence"/>,
/// arg <c>commands</c>). <c>command</c> is a list (argv, <see cref="LayerCommand.FromArguments"/>) or a
/// string (a command line, <see cref="LayerCommand.FromText"/>). A missing command is not an error
/// here: as in PyOutline, it is reported when the outline is validated or written.
/// </para>
/// <para>
/// Layer arguments, as PyOutline's: <c>range</c>, <c>chunk</c>, <c>cores</c>, <c>threads</c> (legacy alias of
/// <c>cores</c>; when both are given <c>cores</c> wins and a warning is logged), <c>memory</c> (a string kept
/// as is; a JSON number is kept as its text, which Cuebot reads as gigabytes — validation warns),
/// <c>gpus</c>, <c>gpu_memory</c>, <c>service</c>, <c>tags</c> (a list or a <c>"a | b"</c> string),
/// <c>limits</c>, <c>env</c>, <c>type</c> (<c>Render</c>, <c>Util</c>, <c>Post</c>, any case), <c>timeout</c>,
/// <c>timeout_llu</c>, <c>threadable</c>, <c>require</c> (a string or a list of <c>layer[:kind]</c>,
/// <see cref="Layer.Require(string)"/>) and <c>register</c> (<see langword="false"/>: the layer is not added,
/// as in PyOutline). Extensions of this library: <c>max_cores</c> (<see cref="Layer.MaxCores"/>),
/// <c>retries</c> (<see cref="Layer.RetryCount"/>) and <c>outputs</c> (an object of output name to path).
/// Numbers may also be given as strings holding them, as PyOutline converts them with <c>int()</c>/<c>float()</c>.
/// A <c>ShellSequence</c>'s own <c>range</c> is honoured (PyOutline overwrites it with <c>1-N</c>).
/// </para>
/// <para>
/// Unknown modules, unknown keys, keys given twice, values of the wrong type and JSON syntax errors
/// throw <see cref="PyOutlineJsonException"/>, whose message names the layer and key and lists what is
/// accepted (for syntax errors: the line and position).
/// </para>
/// </summary>
public static class PyOutlineJson
{
    /// <summary>Reads an outline from PyOutline JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The outline, with its layers added in file order.</returns>
    /// <exception cref="PyOutlineJsonException">The text is not valid JSON or not a valid outline; the message says where and why.</exception>
    public static Outline Load(string json) => Load(json, null);

    /// <summary>Reads an outline from PyOutline JSON text, logging warnings (e.g. both <c>cores</c> and <c>threads</c>) to <paramref name="logger"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="logger">Becomes the outline's <see cref="Outline.Logger"/>; <see langword="null"/> logs nowhere.</param>
    /// <returns>The outline, with its layers added in file order.</returns>
    /// <exception cref="PyOutlineJsonException">The text is not valid JSON or not a valid outline; the message says where and why.</exception>
    public static Outline Load(string json, ILogger? logger) => JsonOutlineReader.Read(json, logger);

    /// <summary>Reads an outline from a PyOutline JSON file (UTF-8), e.g. a <c>.json</c> or <c>.outline</c> file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The outline.</returns>
    /// <exception cref="PyOutlineJsonException">The file is not valid JSON or not a valid outline.</exception>
    /// <exception cref="IOException">The file cannot be read (e.g. <see cref="FileNotFoundException"/>).</exception>
    public static Outline LoadFile(string path) => LoadFile(path, null);

    /// <summary>Reads an outline from a PyOutline JSON file (UTF-8), logging warnings to <paramref name="logger"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="logger">Becomes the outline's <see cref="Outline.Logger"/>; <see langword="null"/> logs nowhere.</param>
    /// <returns>The outline.</returns>
    /// <exception cref="PyOutlineJsonException">The file is not valid JSON or not a valid outline.</exception>
    /// <exception cref="IOException">The file cannot be read (e.g. <see cref="FileNotFoundException"/>).</exception>
    public static Outline LoadFile(string path, ILogger? logger)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        return Load(File.ReadAllText(path), logger);
    }

    /// <summary>
    /// Writes an outline as indented PyOutline JSON (<c>\n</c> line ends), with only what is set:
    /// defaults (chunk 1, type Render, service <c>shell</c>, unset resources, empty lists) are left
    /// out, and <c>show</c>, <c>shot</c> and <c>user</c> are written only when they differ from the
    /// defaults of the current environment (<c>SHOW</c>, <c>SHOT</c>, <c>USER</c>). Depends are written
    /// as <c>require</c> strings (<c>layer</c>, <c>layer:all</c>, <c>layer:prev</c>, <c>layer:sim</c>),
    /// followed by requires not yet resolved. <c>PyOutlineJson.Load(Save(x))</c> writes the same spec
    /// as <c>x</c> (a depend's propagation flag is not kept; it only affects depends made later).
    /// </summary>
    /// <param name="outline">The outline.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="PyOutlineJsonException">
    /// The outline holds something the format cannot describe: a layer type other than
    /// <see cref="Layer"/>, <see cref="Shell"/>, <see cref="ShellCommand"/>, <see cref="ShellScript"/> and
    /// <see cref="ShellSequence"/> (e.g. pre/post-process layers), or an any-frame depend.
    /// </exception>
    public static string Save(Outline outline) => JsonOutlineWriter.Write(outline);
}
