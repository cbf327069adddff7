using System;
#if NET
using System.Buffers;
#endif

namespace OpenCue.Authoring.Specs.Internal;

/// <summary>
/// Writes XML the way Python's ElementTree <c>tostring</c> does with its default us-ascii
/// encoding, so specs match PyOutline's byte for byte: no whitespace, <c>&lt;tag /&gt;</c> for empty
/// elements, attributes in insertion order, non-ASCII as decimal character references.
/// </summary>
/// <remarks>
/// A writer either counts (<see cref="Counter"/>) or writes into a span of exactly the counted
/// length: the spec is written twice, the first time to learn its length, so that the second
/// writes straight into the resulting string, with no builder and no copy.
/// </remarks>
internal ref struct EtreeWriter
{
    // ASCII characters written as they are: all but &, <, > and \r (text), and also ", \n and \t (attributes).
    private static readonly bool[] PlainInText = PlainAscii(attribute: false);
    private static readonly bool[] PlainInAttribute = PlainAscii(attribute: true);
#if NET
    private static readonly SearchValues<char> PlainTextValues = SearchValues.Create(PlainChars(PlainInText));
    private static readonly SearchValues<char> PlainAttributeValues = SearchValues.Create(PlainChars(PlainInAttribute));
#endif

    private readonly Span<char> _out;
    private readonly bool _counting;
    private int _length;
    private bool _startOpen;

    /// <summary>A writer into <paramref name="output"/>, which must be exactly as long as the text.</summary>
    public EtreeWriter(Span<char> output)
    {
        _out = output;
        _counting = false;
        _length = 0;
        _startOpen = false;
    }

    private EtreeWriter(bool counting)
    {
        _out = default;
        _counting = counting;
        _length = 0;
        _startOpen = false;
    }

    /// <summary>The characters written (or counted) so far.</summary>
    public readonly int Length => _length;

    /// <summary>Whether this writer only counts.</summary>
    public readonly bool IsCounting => _counting;

    /// <summary>A writer that only counts the characters.</summary>
    public static EtreeWriter Counter() => new EtreeWriter(counting: true);

    public void Raw(string text) => Append(text);

    /// <summary>Starts an element without attributes.</summary>
    public void Start(string name)
    {
        CloseStart();
        Append('<');
        Append(name);
        _startOpen = true;
    }

    /// <summary>Starts an element with one attribute.</summary>
    public void Start(string name, string attribute, string value)
    {
        Start(name);
        Attribute(attribute, value);
    }

    /// <summary>Starts an element with two attributes, in this order.</summary>
    public void Start(string name, string attribute1, string value1, string attribute2, string value2)
    {
        Start(name);
        Attribute(attribute1, value1);
        Attribute(attribute2, value2);
    }

    public void End(string name)
    {
        if (_startOpen)
        {
            Append(" />");
            _startOpen = false;
            return;
        }

        Append("</");
        Append(name);
        Append('>');
    }

    /// <summary>An element with text (or empty when the text is empty).</summary>
    public void Element(string name, string text)
    {
        Start(name);
        Text(name, text);
    }

    /// <summary>An element with one attribute and text (or empty when the text is empty).</summary>
    public void Element(string name, string text, string attribute, string value)
    {
        Start(name, attribute, value);
        Text(name, text);
    }

    /// <summary>Throws unless exactly the span was filled (the two passes must write the same text).</summary>
    public readonly void CheckFilled()
    {
        if (!_counting && _length != _out.Length)
        {
            throw new InvalidOperationException("The spec came out " + _length + " characters long instead of " + _out.Length + ".");
        }
    }

    private static bool[] PlainAscii(bool attribute)
    {
        var plain = new bool[128];
        for (var c = 0; c < plain.Length; c++)
        {
            plain[c] = !IsEscaped((char)c, attribute);
        }

        return plain;
    }

    // The characters Escape writes as references (non-ASCII apart).
    private static bool IsEscaped(char c, bool attribute) =>
        c == '&' || c == '<' || c == '>' || c == '\r' || (attribute && (c == '"' || c == '\n' || c == '\t'));

#if NET
    private static char[] PlainChars(bool[] plain)
    {
        var chars = new System.Collections.Generic.List<char>();
        for (var c = 0; c < plain.Length; c++)
        {
            if (plain[c])
            {
                chars.Add((char)c);
            }
        }

        return chars.ToArray();
    }
#endif

    // The position of the first character at or after start that is not written as it is, or the length.
    // Short texts (names, numbers) are scanned here; longer ones with the runtime's vectorized search.
    private static int NextEscaped(string text, int start, bool attribute)
    {
#if NET
        if (text.Length - start > 16)
        {
            var found = text.AsSpan(start).IndexOfAnyExcept(attribute ? PlainAttributeValues : PlainTextValues);
            return found < 0 ? text.Length : start + found;
        }
#endif
        var plain = attribute ? PlainInAttribute : PlainInText;
        var i = start;
        while (i < text.Length && text[i] < 128 && plain[text[i]])
        {
            i++;
        }

        return i;
    }

    private static int DigitCount(int value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }

    private void Append(char c)
    {
        if (!_counting)
        {
            _out[_length] = c;
        }

        _length++;
    }

    private void Append(string text) => Append(text, 0, text.Length);

    private void Append(string text, int start, int count)
    {
        if (!_counting)
        {
            text.AsSpan(start, count).CopyTo(_out.Slice(_length));
        }

        _length += count;
    }

    private void Attribute(string name, string value)
    {
        Append(' ');
        Append(name);
        Append("=\"");
        Escape(value, attribute: true);
        Append('"');
    }

    private void Text(string name, string text)
    {
        if (text.Length > 0)
        {
            CloseStart();
            Escape(text, attribute: false);
        }

        End(name);
    }

    private void CloseStart()
    {
        if (_startOpen)
        {
            Append('>');
            _startOpen = false;
        }
    }

    /// <summary>
    /// ElementTree's escaping: &amp;, &lt;, &gt; always; in attributes also the quote, tab and line
    /// feed. A carriage return becomes a reference in both (ElementTree writes it raw in text, and
    /// parsers turn it into a line feed; the reference keeps commands intact). Runs of characters
    /// written as they are are appended at once.
    /// </summary>
    private void Escape(string text, bool attribute)
    {
        var i = 0;
        while (i < text.Length)
        {
            var next = NextEscaped(text, i, attribute);
            if (next > i)
            {
                Append(text, i, next - i);
                i = next;
                if (i == text.Length)
                {
                    return;
                }
            }

            switch (text[i])
            {
                case '&': Append("&amp;"); break;
                case '<': Append("&lt;"); break;
                case '>': Append("&gt;"); break;
                case '\r': Append("&#13;"); break;
                case '"': Append("&quot;"); break;
                case '\n': Append("&#10;"); break;
                case '\t': Append("&#09;"); break;
                default: AppendNonAscii(text, ref i); break;
            }

            i++;
        }
    }

    // A decimal character reference for the character (or surrogate pair) at i.
    private void AppendNonAscii(string text, ref int i)
    {
        var c = text[i];
        var codePoint = (int)c;
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            codePoint = char.ConvertToUtf32(c, text[i + 1]);
            i++;
        }

        Append("&#");
        var digits = DigitCount(codePoint);
        if (!_counting)
        {
            var value = codePoint;
            for (var d = digits - 1; d >= 0; d--)
            {
                _out[_length + d] = (char)('0' + (value % 10));
                value /= 10;
            }
        }

        _length += digits;
        Append(';');
    }
}
