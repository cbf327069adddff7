using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenCue.Authoring.Json;

/// <summary>The PyOutline module names (<c>module</c> of a JSON layer) and the arguments each accepts.</summary>
internal static class PyOutlineModules
{
    public const string Shell = "outline.modules.shell.Shell";
    public const string ShellCommand = "outline.modules.shell.ShellCommand";
    public const string ShellScript = "outline.modules.shell.ShellScript";
    public const string ShellSequence = "outline.modules.shell.ShellSequence";

    /// <summary>Arguments every module accepts (PyOutline layer args, plus <c>max_cores</c>, <c>retries</c>, <c>outputs</c>).</summary>
    public static readonly IReadOnlyList<string> CommonArguments = new[]
    {
        "chunk", "cores", "env", "gpu_memory", "gpus", "limits", "max_cores", "memory", "outputs", "range",
        "register", "require", "retries", "service", "tags", "threadable", "threads", "timeout", "timeout_llu", "type",
    };

    public static readonly IReadOnlyList<string> All = new[] { Shell, ShellCommand, ShellScript, ShellSequence };

    public static bool IsKnown(string module) => All.Contains(module, StringComparer.Ordinal);

    /// <summary>The module-specific arguments.</summary>
    public static IReadOnlyList<string> SpecificArguments(string module) => module switch
    {
        Shell => new[] { "command" },
        ShellCommand => new[] { "command" },
        ShellScript => new[] { "args", "script" },
        _ => new[] { "commands" },
    };

    /// <summary>Every argument the module accepts, sorted, for messages.</summary>
    public static IReadOnlyList<string> AcceptedArguments(string module) =>
        CommonArguments.Concat(SpecificArguments(module)).OrderBy(a => a, StringComparer.Ordinal).ToArray();

    /// <summary>The module a layer is written as, or <see langword="null"/> when the format cannot describe its type.</summary>
    public static string? ModuleOf(Layer layer)
    {
        var type = layer.GetType();
        if (type == typeof(Layer) || type == typeof(OpenCue.Authoring.Shell))
        {
            return Shell;
        }

        if (type == typeof(OpenCue.Authoring.ShellCommand))
        {
            return ShellCommand;
        }

        if (type == typeof(OpenCue.Authoring.ShellScript))
        {
            return ShellScript;
        }

        return type == typeof(OpenCue.Authoring.ShellSequence) ? ShellSequence : null;
    }
}
