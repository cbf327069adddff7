using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace OpenCue.LocalCue.Intake;

/// <summary>How Cuebot (JDOM) reads values out of the validated spec.</summary>
internal static class SpecXml
{
    /// <summary>
    /// JDOM's <c>getChildTextTrim</c>: the text of the first child of that name, trimmed as Java's
    /// <c>String.trim</c> does (characters up to U+0020); <see langword="null"/> when there is no such child.
    /// </summary>
    public static string? Text(XElement parent, string name)
    {
        var child = parent.Element(name);
        return child is null ? null : JavaTrim(child.Value);
    }

    /// <summary>JDOM's <c>getTextTrim</c> of the element itself.</summary>
    public static string TextOf(XElement element) => JavaTrim(element.Value);

    /// <summary>An attribute value (already normalized by the DTD), or null.</summary>
    public static string? Attribute(XElement element, string name) => element.Attribute(name)?.Value;

    /// <summary>Java's <c>String.trim</c>: strips characters whose code is at most U+0020 from both ends.</summary>
    public static string JavaTrim(string text)
    {
        int start = 0;
        int end = text.Length;
        while (start < end && text[start] <= ' ')
        {
            start++;
        }

        while (end > start && text[end - 1] <= ' ')
        {
            end--;
        }

        return start == 0 && end == text.Length ? text : text.Substring(start, end - start);
    }

    /// <summary>Java's <c>Integer.parseInt</c>: optional sign, digits, nothing else, within int range.</summary>
    public static bool TryParseInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Java's <c>Long.parseLong</c>.</summary>
    public static bool TryParseLong(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// Reads an integer element, as Cuebot does with <c>Integer.valueOf</c>; text that is not an
    /// integer (Cuebot: NumberFormatException, launch fails) is rejected with <paramref name="where"/> named.
    /// </summary>
    public static int Integer(string text, string element, string where)
    {
        if (!TryParseInt(text, out var value))
        {
            throw new SpecRejectedException("error, <" + element + "> of " + where + " is '" + text +
                "', which is not an integer (Cuebot reads it with Integer.parseInt).");
        }

        return value;
    }

    /// <summary>Java's <c>String.split</c> on a single character: trailing empty pieces are dropped.</summary>
    public static List<string> JavaSplit(string text, char separator)
    {
        var pieces = text.Split(separator).ToList();
        while (pieces.Count > 0 && pieces[pieces.Count - 1].Length == 0)
        {
            pieces.RemoveAt(pieces.Count - 1);
        }

        return pieces;
    }

    /// <summary>
    /// The names in the children of a list element (<c>services</c>, <c>limits</c>), trimmed, blanks and
    /// repeats skipped, in document order.
    /// </summary>
    public static List<string> DistinctChildTexts(XElement? list)
    {
        var names = new List<string>();
        if (list is null)
        {
            return names;
        }

        foreach (var child in list.Elements())
        {
            var name = TextOf(child);
            if (name.Length > 0 && !names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>
    /// An <c>&lt;env&gt;</c> element's keys as Cuebot stores them in a map: nameless keys skipped,
    /// values trimmed; a repeated name keeps its first position and takes the last value.
    /// </summary>
    public static List<KeyValuePair<string, string>> Environment(XElement? env)
    {
        var map = new OrderedEnvironment();
        if (env != null)
        {
            foreach (var key in env.Elements())
            {
                var name = Attribute(key, "name");
                if (name != null)
                {
                    map.Put(name, TextOf(key));
                }
            }
        }

        return map.ToList();
    }
}

/// <summary>A string map that keeps insertion order (Java's LinkedHashMap put semantics).</summary>
internal sealed class OrderedEnvironment
{
    private readonly List<KeyValuePair<string, string>> _entries = new List<KeyValuePair<string, string>>();
    private readonly Dictionary<string, int> _index = new Dictionary<string, int>(System.StringComparer.Ordinal);

    public OrderedEnvironment(IEnumerable<KeyValuePair<string, string>>? initial = null)
    {
        foreach (var entry in initial ?? Enumerable.Empty<KeyValuePair<string, string>>())
        {
            Put(entry.Key, entry.Value);
        }
    }

    public void Put(string key, string value)
    {
        if (_index.TryGetValue(key, out var position))
        {
            _entries[position] = new KeyValuePair<string, string>(key, value);
        }
        else
        {
            _index[key] = _entries.Count;
            _entries.Add(new KeyValuePair<string, string>(key, value));
        }
    }

    public List<KeyValuePair<string, string>> ToList() => new List<KeyValuePair<string, string>>(_entries);
}
