using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace OpenCue.Authoring.Json;

/// <summary>Reads one entry of a PyOutline JSON <c>layers</c> list into a layer.</summary>
internal static class JsonLayerReader
{
    /// <summary>Reads the layer; <see langword="null"/> when it has <c>register: false</c> (PyOutline then does not add it).</summary>
    public static Layer? Read(JsonElement element, int index, Outline outline)
    {
        var scope = JsonScope.Layer(index, null, null);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw scope.Error(null, "a layer must be an object with 'name', 'module' and its arguments, not " + JsonValues.Describe(element) + ".");
        }

        // The name first, so that every later message (a key given twice included) can name the layer.
        var all = element.EnumerateObject().ToList();
        if (TryFind(all, "name", out var early) && early.ValueKind == JsonValueKind.String && early.GetString()!.Length > 0)
        {
            scope = JsonScope.Layer(index, early.GetString(), null);
        }

        var properties = scope.Properties(element, null).ToList();
        if (!TryFind(properties, "name", out var nameValue))
        {
            throw scope.Error(null, "it has no 'name'; every layer needs a name and a module (e.g. \"module\": \"" + PyOutlineModules.Shell + "\").");
        }

        var name = JsonValues.String(scope, "name", nameValue);
        if (name.Length == 0)
        {
            throw scope.Error("name", "the layer name is empty.");
        }

        scope = JsonScope.Layer(index, name, null);
        if (!TryFind(properties, "module", out var moduleValue))
        {
            throw scope.Error(null, "it has no 'module'; accepted modules: " + string.Join(", ", PyOutlineModules.All) + ".");
        }

        var module = JsonValues.String(scope, "module", moduleValue);
        if (!PyOutlineModules.IsKnown(module))
        {
            throw scope.Error("module", "unknown module '" + module + "'. Accepted: " + string.Join(", ", PyOutlineModules.All) + ".");
        }

        scope = JsonScope.Layer(index, name, module);
        var arguments = properties.Where(p => p.Name != "name" && p.Name != "module").ToList();
        var accepted = PyOutlineModules.AcceptedArguments(module);
        foreach (var argument in arguments)
        {
            if (!accepted.Contains(argument.Name, StringComparer.Ordinal))
            {
                throw scope.Unknown(argument.Name, accepted, "argument");
            }
        }

        var layer = Create(scope, name, module, arguments);
        var register = true;
        double? threads = null;
        foreach (var argument in arguments)
        {
            if (argument.Name == "register")
            {
                register = JsonValues.Bool(scope, argument.Name, argument.Value);
            }
            else if (argument.Name == "threads")
            {
                threads = JsonValues.Double(scope, argument.Name, argument.Value);
            }
            else
            {
                Apply(scope, layer, argument.Name, argument.Value);
            }
        }

        if (threads.HasValue)
        {
            if (layer.MinCores.HasValue)
            {
                JsonLog.CoresAndThreads(outline.Logger, name);
            }
            else
            {
                layer.MinCores = threads;
            }
        }

        return register ? layer : null;
    }

    private static Layer Create(JsonScope scope, string name, string module, List<JsonProperty> arguments)
    {
        JsonElement? Find(string key) => TryFind(arguments, key, out var value) ? value : null;

        switch (module)
        {
            case PyOutlineModules.ShellScript:
                var script = Find("script");
                var args = Find("args");
                return new ShellScript(
                    name,
                    script.HasValue ? JsonValues.String(scope, "script", script.Value) : string.Empty,
                    args.HasValue ? JsonValues.StringList(scope, "args", args.Value).ToArray() : Array.Empty<string>());
            case PyOutlineModules.ShellSequence:
                var commands = Find("commands");
                return new ShellSequence(name, commands.HasValue ? JsonValues.StringList(scope, "commands", commands.Value) : Array.Empty<string>());
            default:
                var command = Find("command");
                Layer layer = module == PyOutlineModules.ShellCommand ? new ShellCommand(name, Array.Empty<string>()) : new Shell(name);
                layer.Command = command.HasValue ? ReadCommand(scope, command.Value) : null;
                return layer;
        }
    }

    private static bool TryFind(List<JsonProperty> properties, string key, out JsonElement value)
    {
        foreach (var property in properties)
        {
            if (property.Name == key)
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static LayerCommand ReadCommand(JsonScope scope, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => LayerCommand.FromText(value.GetString()!),
        JsonValueKind.Array => LayerCommand.FromArguments(JsonValues.StringList(scope, "command", value)),
        _ => throw scope.Error("command", "expected a list of strings (program and arguments) or one command-line string, got " + JsonValues.Describe(value) + "."),
    };

    private static void Apply(JsonScope scope, Layer layer, string key, JsonElement value)
    {
        switch (key)
        {
            case "command":
            case "commands":
            case "script":
            case "args":
                break; // read by Create
            case "range":
                layer.Range = JsonValues.Range(scope, key, value);
                break;
            case "chunk":
                layer.Chunk = JsonValues.Int(scope, key, value);
                break;
            case "cores":
                layer.MinCores = JsonValues.Double(scope, key, value);
                break;
            case "max_cores":
                layer.MaxCores = JsonValues.Double(scope, key, value);
                break;
            case "threadable":
                layer.Threadable = JsonValues.Bool(scope, key, value);
                break;
            case "memory":
                layer.Memory = JsonValues.StringOrNumberText(scope, key, value, "\"8g\" or \"8192m\"");
                break;
            case "gpus":
                layer.MinGpus = JsonValues.Int(scope, key, value);
                break;
            case "gpu_memory":
                layer.GpuMemory = JsonValues.StringOrNumberText(scope, key, value, "\"4g\" or \"4096m\"");
                break;
            case "timeout":
                layer.Timeout = JsonValues.Int(scope, key, value);
                break;
            case "timeout_llu":
                layer.TimeoutLlu = JsonValues.Int(scope, key, value);
                break;
            case "retries":
                layer.RetryCount = JsonValues.Int(scope, key, value);
                break;
            case "service":
                layer.Service = value.ValueKind == JsonValueKind.Null ? null : JsonValues.String(scope, key, value);
                break;
            case "type":
                layer.Type = ReadType(scope, value);
                break;
            case "tags":
                ReadTags(scope, layer, value);
                break;
            case "limits":
                Replace(layer.Limits, JsonValues.StringList(scope, key, value));
                break;
            case "env":
                foreach (var pair in JsonValues.StringMap(scope, key, value))
                {
                    layer.SetEnvironment(pair.Key, pair.Value);
                }

                break;
            case "outputs":
                foreach (var pair in JsonValues.StringMap(scope, key, value))
                {
                    layer.RegisterOutput(pair.Key, pair.Value);
                }

                break;
            case "require":
                foreach (var require in JsonValues.StringOrList(scope, key, value))
                {
                    try
                    {
                        layer.Require(require);
                    }
                    catch (FormatException e)
                    {
                        throw new PyOutlineJsonException(scope.Description + ", 'require': " + e.Message, scope.LayerName, key, e);
                    }
                }

                break;
            default:
                throw new InvalidOperationException("Unhandled layer argument " + key);
        }
    }

    private static LayerType ReadType(JsonScope scope, JsonElement value)
    {
        var text = JsonValues.String(scope, "type", value);
        foreach (var type in new[] { LayerType.Render, LayerType.Util, LayerType.Post })
        {
            if (string.Equals(text, type.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        throw scope.Error("type", "unknown layer type '" + text + "'. Accepted: Render, Util, Post (any case).");
    }

    private static void ReadTags(JsonScope scope, Layer layer, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            Replace(layer.Tags, string.IsNullOrWhiteSpace(text) ? Array.Empty<string>() : text.Split('|').Select(t => t.Trim()));
            return;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw scope.Error("tags", "expected a list of tags or a string such as \"general | desktop\", got " + JsonValues.Describe(value) + ".");
        }

        Replace(layer.Tags, JsonValues.StringList(scope, "tags", value));
    }

    private static void Replace(IList<string> target, IEnumerable<string> values)
    {
        target.Clear();
        foreach (var value in values)
        {
            target.Add(value);
        }
    }
}
