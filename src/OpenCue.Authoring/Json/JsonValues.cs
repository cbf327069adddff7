using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace OpenCue.Authoring.Json;

/// <summary>Typed reads of JSON values, each failing with a message naming the key and the expected form.</summary>
internal static class JsonValues
{
    public static string String(JsonScope scope, string key, JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Expected(scope, key, "a string", value);

    public static bool Bool(JsonScope scope, string key, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Expected(scope, key, "true or false", value),
    };

    /// <summary>A JSON integer (or integral number), or a string holding one, as PyOutline's <c>int()</c> takes.</summary>
    public static int Int(JsonScope scope, string key, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt32(out var number))
            {
                return number;
            }

            if (value.TryGetDouble(out var real) && Math.Floor(real) == real && real >= int.MinValue && real <= int.MaxValue)
            {
                return (int)real;
            }
        }
        else if (value.ValueKind == JsonValueKind.String &&
            int.TryParse(value.GetString()!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw Expected(scope, key, "a whole number (e.g. 5)", value);
    }

    /// <summary>A JSON number, or a string holding one, as PyOutline's <c>float()</c> takes.</summary>
    public static double Double(JsonScope scope, string key, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && !double.IsInfinity(number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String &&
            double.TryParse(value.GetString()!.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) &&
            !double.IsNaN(parsed) && !double.IsInfinity(parsed))
        {
            return parsed;
        }

        throw Expected(scope, key, "a number (e.g. 4 or 0.5)", value);
    }

    /// <summary>A string, or a number kept as its JSON text (memory values: Cuebot reads a bare number as gigabytes).</summary>
    public static string StringOrNumberText(JsonScope scope, string key, JsonElement value, string example) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        _ => throw Expected(scope, key, "a string such as " + example, value),
    };

    public static IReadOnlyList<string> StringList(JsonScope scope, string key, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Expected(scope, key, "a list of strings", value);
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw scope.Error(key, "item " + (list.Count + 1).ToString(CultureInfo.InvariantCulture) + " of the list must be a string, not " + Describe(item) + ".");
            }

            list.Add(item.GetString()!);
        }

        return list;
    }

    /// <summary>A string, or a list of strings.</summary>
    public static IReadOnlyList<string> StringOrList(JsonScope scope, string key, JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? new[] { value.GetString()! }
        : value.ValueKind == JsonValueKind.Array ? StringList(scope, key, value)
        : throw Expected(scope, key, "a string or a list of strings", value);

    /// <summary>An object of string values, in the order written.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> StringMap(JsonScope scope, string key, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Expected(scope, key, "an object of string values (e.g. {\"NAME\": \"value\"})", value);
        }

        var map = new List<KeyValuePair<string, string>>();
        foreach (var property in scope.Properties(value, key))
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw scope.Error(key, "the value of '" + property.Name + "' must be a string, not " + Describe(property.Value) + ".");
            }

            map.Add(new KeyValuePair<string, string>(property.Name, property.Value.GetString()!));
        }

        return map;
    }

    /// <summary>A frame range: a string, a whole number, or a list of whole numbers (joined with commas, as PyOutline).</summary>
    public static string Range(JsonScope scope, string key, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString()!;
            case JsonValueKind.Number:
                return Int(scope, key, value).ToString(CultureInfo.InvariantCulture);
            case JsonValueKind.Array:
                return string.Join(",", value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Number
                    ? Int(scope, key, item).ToString(CultureInfo.InvariantCulture)
                    : throw scope.Error(key, "a list range holds whole numbers, not " + Describe(item) + ".")));
            default:
                throw Expected(scope, key, "a frame range string (e.g. \"1-100\"), a frame number or a list of frame numbers", value);
        }
    }

    public static string Describe(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                return "the string \"" + (text.Length > 40 ? text.Substring(0, 40) + "..." : text) + "\"";
            case JsonValueKind.Number:
                return "the number " + value.GetRawText();
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Null:
                return "null";
            case JsonValueKind.Object:
                return "an object";
            case JsonValueKind.Array:
                return "a list";
            default:
                return "nothing";
        }
    }

    private static PyOutlineJsonException Expected(JsonScope scope, string key, string expected, JsonElement value) =>
        scope.Error(key, "expected " + expected + ", got " + Describe(value) + ".");
}
