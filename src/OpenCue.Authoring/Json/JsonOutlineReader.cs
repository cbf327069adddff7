using System;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace OpenCue.Authoring.Json;

/// <summary>Reads a PyOutline JSON document into an outline (see <see cref="PyOutlineJson.Load(string)"/>).</summary>
internal static class JsonOutlineReader
{
    public static readonly string[] AcceptedKeys =
    {
        "env", "facility", "layers", "maxcores", "maxgpus", "name", "range", "shot", "show", "user",
    };

    public static Outline Read(string json, ILogger? logger)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new PyOutlineJsonException(ParserMessage(e.Message), (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1, e);
        }

        using (document)
        {
            return Read(document.RootElement, logger);
        }
    }

    private static Outline Read(JsonElement root, ILogger? logger)
    {
        var scope = JsonScope.Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw scope.Error(null, "expected a JSON object with 'name', 'range' and 'layers', got " + JsonValues.Describe(root) + ".");
        }

        var outline = new Outline();
        if (logger != null)
        {
            outline.Logger = logger;
        }

        JsonElement? layers = null;
        foreach (var property in scope.Properties(root, null))
        {
            var key = property.Name;
            var value = property.Value;
            switch (key)
            {
                case "name":
                    outline.Name = JsonValues.String(scope, key, value);
                    break;
                case "range":
                    outline.FrameRange = JsonValues.Range(scope, key, value);
                    break;
                case "facility":
                    outline.Facility = JsonValues.String(scope, key, value);
                    break;
                case "show":
                    outline.Show = JsonValues.String(scope, key, value);
                    break;
                case "shot":
                    outline.Shot = JsonValues.String(scope, key, value);
                    break;
                case "user":
                    outline.User = JsonValues.String(scope, key, value);
                    break;
                case "maxcores":
                    outline.MaxCores = JsonValues.Int(scope, key, value);
                    break;
                case "maxgpus":
                    outline.MaxGpus = JsonValues.Int(scope, key, value);
                    break;
                case "env":
                    foreach (var pair in JsonValues.StringMap(scope, key, value))
                    {
                        outline.SetEnv(pair.Key, pair.Value);
                    }

                    break;
                case "layers":
                    layers = value.ValueKind == JsonValueKind.Array
                        ? value
                        : throw scope.Error(key, "expected a list of layer objects, got " + JsonValues.Describe(value) + ".");
                    break;
                default:
                    throw scope.Unknown(key, AcceptedKeys, "key");
            }
        }

        if (!layers.HasValue)
        {
            throw scope.Error(null, "it has no 'layers' list; PyOutline requires one (e.g. \"layers\": [{\"name\": \"render\", \"module\": \"" +
                PyOutlineModules.Shell + "\", \"command\": [\"echo\", \"#IFRAME#\"]}]).");
        }

        var index = 0;
        foreach (var element in layers.Value.EnumerateArray())
        {
            var layer = JsonLayerReader.Read(element, index++, outline);
            if (layer is null)
            {
                continue;
            }

            if (outline.IsLayer(layer.Name))
            {
                throw JsonScope.Layer(index - 1, layer.Name, null).Error("name", "another layer of the outline already has this name; layer names must be unique.");
            }

            outline.AddLayer(layer);
        }

        return outline;
    }

    /// <summary>The parser's message without its own 0-based position suffix.</summary>
    private static string ParserMessage(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = at >= 0 ? message.Substring(0, at) : message;
        return text.Length == 0 ? "syntax error." : text;
    }
}
