using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace OpenCue.Authoring.Json;

/// <summary>Where a value being read sits (the outline or one layer), to build error messages.</summary>
internal sealed class JsonScope
{
    private JsonScope(string? layerName, string? module, string description)
    {
        LayerName = layerName;
        Module = module;
        Description = description;
    }

    public static JsonScope Root { get; } = new JsonScope(null, null, "The outline");

    public string? LayerName { get; }

    public string? Module { get; }

    /// <summary>E.g. <c>Layer 'render' (outline.modules.shell.Shell)</c>.</summary>
    public string Description { get; }

    public static JsonScope Layer(int index, string? name, string? module)
    {
        var id = name is null ? "#" + (index + 1).ToString(CultureInfo.InvariantCulture) : name;
        var text = name is null ? "Layer " + id : "Layer '" + name + "'";
        if (module != null)
        {
            text += " (" + module + ")";
        }

        return new JsonScope(id, module, text);
    }

    /// <summary>An error about the key's value: "Layer 'x' (...), 'chunk': message".</summary>
    public PyOutlineJsonException Error(string? key, string message) =>
        new PyOutlineJsonException(Description + (key is null ? string.Empty : ", '" + key + "'") + ": " + message, LayerName, key);

    /// <summary>An unknown key, listing the accepted ones.</summary>
    public PyOutlineJsonException Unknown(string key, IEnumerable<string> accepted, string what) =>
        new PyOutlineJsonException(
            Description + " has an unknown " + what + " '" + key + "'. Accepted: " + string.Join(", ", accepted) + ".",
            LayerName,
            key);

    /// <summary>The properties of an object, refusing a key given twice.</summary>
    public IEnumerable<JsonProperty> Properties(JsonElement element, string? key)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw Error(key, "the key '" + property.Name + "' is given twice; give it once.");
            }

            yield return property;
        }
    }
}
