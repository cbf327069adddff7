using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OpenCue.Authoring.Internal;

namespace OpenCue.Authoring.Json;

/// <summary>Writes an outline as PyOutline JSON (see <see cref="PyOutlineJson.Save(Outline)"/>).</summary>
internal static class JsonOutlineWriter
{
    public static string Write(Outline outline)
    {
        if (outline is null)
        {
            throw new ArgumentNullException(nameof(outline));
        }

        var modules = outline.GetLayers().Select(layer => PyOutlineModules.ModuleOf(layer) ?? throw new PyOutlineJsonException(
            "Layer '" + layer.Name + "' is a " + layer.GetType().Name + ", which the PyOutline JSON format cannot describe. It describes " +
            "Shell, ShellCommand, ShellScript and ShellSequence layers (and plain Layer objects, as Shell).",
            layer.Name,
            "module")).ToList();

        using var stream = new MemoryStream();
        var options = new JsonWriterOptions
        {
            Indented = true,

            // Commands hold '<', '>', '&', quotes: keep them readable (the file is never embedded in HTML).
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            writer.WriteStartObject();
            writer.WriteString("name", outline.Name);
            WriteIfSet(writer, "show", outline.ExplicitShow);
            WriteIfSet(writer, "shot", outline.ExplicitShot);
            WriteIfSet(writer, "user", outline.ExplicitUser);
            if (outline.Facility != null)
            {
                writer.WriteString("facility", outline.Facility);
            }

            if (outline.FrameRange != null)
            {
                writer.WriteString("range", outline.FrameRange);
            }

            if (outline.MaxCores.HasValue)
            {
                writer.WriteNumber("maxcores", outline.MaxCores.Value);
            }

            if (outline.MaxGpus.HasValue)
            {
                writer.WriteNumber("maxgpus", outline.MaxGpus.Value);
            }

            WriteMap(writer, "env", outline.Env);
            writer.WriteStartArray("layers");
            var layers = outline.GetLayers();
            for (var i = 0; i < layers.Count; i++)
            {
                WriteLayer(writer, layers[i], modules[i]);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n");
    }

    private static void WriteLayer(Utf8JsonWriter writer, Layer layer, string module)
    {
        writer.WriteStartObject();
        writer.WriteString("name", layer.Name);
        writer.WriteString("module", module);
        switch (layer)
        {
            case ShellScript script:
                if (!string.IsNullOrEmpty(script.ScriptPath))
                {
                    writer.WriteString("script", script.ScriptPath);
                }

                if (script.Arguments.Count > 0)
                {
                    WriteList(writer, "args", script.Arguments);
                }

                break;
            case ShellSequence sequence:
                WriteList(writer, "commands", sequence.Commands);
                break;
            default:
                WriteCommand(writer, layer.Command);
                break;
        }

        var defaultRange = layer is ShellSequence seq ? "1-" + seq.Commands.Count.ToString(CultureInfo.InvariantCulture) : null;
        if (layer.Range != null && !string.Equals(layer.Range, defaultRange, StringComparison.Ordinal))
        {
            writer.WriteString("range", layer.Range);
        }

        if (layer.Chunk != 1)
        {
            writer.WriteNumber("chunk", layer.Chunk);
        }

        if (layer.Type != LayerType.Render)
        {
            writer.WriteString("type", layer.Type.ToString());
        }

        if (layer.Service is null)
        {
            writer.WriteNull("service");
        }
        else if (!string.Equals(layer.Service, "shell", StringComparison.Ordinal))
        {
            writer.WriteString("service", layer.Service);
        }

        WriteNumber(writer, layer, "cores", layer.MinCores);
        WriteNumber(writer, layer, "max_cores", layer.MaxCores);
        if (layer.Threadable.HasValue)
        {
            writer.WriteBoolean("threadable", layer.Threadable.Value);
        }

        WriteString(writer, "memory", layer.Memory);
        WriteNumber(writer, "gpus", layer.MinGpus);
        WriteString(writer, "gpu_memory", layer.GpuMemory);
        WriteNumber(writer, "timeout", layer.Timeout);
        WriteNumber(writer, "timeout_llu", layer.TimeoutLlu);
        WriteNumber(writer, "retries", layer.RetryCount);
        if (layer.Tags.Count > 0)
        {
            WriteList(writer, "tags", layer.Tags);
        }

        if (layer.Limits.Count > 0)
        {
            WriteList(writer, "limits", layer.Limits);
        }

        WriteMap(writer, "env", layer.Env);
        WriteMap(writer, "outputs", layer.Outputs);
        var requires = Requires(layer);
        if (requires.Count > 0)
        {
            WriteList(writer, "require", requires);
        }

        writer.WriteEndObject();
    }

    /// <summary>The layer's depends as PyOutline require strings, then its pending requires.</summary>
    private static List<string> Requires(Layer layer)
    {
        var requires = new List<string>();
        foreach (var depend in layer.GetDepends())
        {
            if (depend.IsAnyFrame)
            {
                throw new PyOutlineJsonException(
                    "Layer '" + layer.Name + "' has an any-frame depend on '" + depend.DependOnLayer.Name + "', which a PyOutline " +
                    "require string cannot express (PyOutline turns 'any' into FrameByFrame for such layers).",
                    layer.Name,
                    "require");
            }

            requires.Add(depend.Type switch
            {
                DependType.FrameByFrame => depend.DependOnLayer.Name,
                DependType.LayerOnLayer => depend.DependOnLayer.Name + ":all",
                DependType.PreviousFrame => depend.DependOnLayer.Name + ":prev",
                DependType.LayerOnSimFrame => depend.DependOnLayer.Name + ":sim",
                _ => depend.DependOnLayer.Name + ":any",
            });
        }

        requires.AddRange(layer.Requires);
        return requires;
    }

    private static void WriteCommand(Utf8JsonWriter writer, LayerCommand? command)
    {
        if (command is null)
        {
            return;
        }

        if (command.Arguments != null)
        {
            WriteList(writer, "command", command.Arguments);
        }
        else
        {
            writer.WriteString("command", command.Text);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string key, string? explicitValue)
    {
        if (explicitValue != null)
        {
            writer.WriteString(key, explicitValue);
        }
    }

    private static void WriteString(Utf8JsonWriter writer, string key, string? value)
    {
        if (value != null)
        {
            writer.WriteString(key, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, Layer layer, string key, double? value)
    {
        if (value.HasValue)
        {
            if (double.IsNaN(value.Value) || double.IsInfinity(value.Value))
            {
                throw new PyOutlineJsonException("Layer '" + layer.Name + "' has " + key + " " + value.Value.ToString(CultureInfo.InvariantCulture) +
                    ", which JSON cannot hold; use a finite number.", layer.Name, key);
            }

            writer.WriteNumber(key, value.Value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string key, int? value)
    {
        if (value.HasValue)
        {
            writer.WriteNumber(key, value.Value);
        }
    }

    private static void WriteList(Utf8JsonWriter writer, string key, IEnumerable<string> values)
    {
        writer.WriteStartArray(key);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteMap(Utf8JsonWriter writer, string key, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            return;
        }

        writer.WriteStartObject(key);
        foreach (var pair in map)
        {
            writer.WriteString(pair.Key, pair.Value);
        }

        writer.WriteEndObject();
    }
}
