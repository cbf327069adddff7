using System.Text;

namespace OpenCue.Outline.Specs.Internal
{
    /// <summary>
    /// Writes XML the way Python's ElementTree <c>tostring</c> does with its default us-ascii
    /// encoding, so specs match PyOutline's byte for byte: no whitespace, <c>&lt;tag /&gt;</c> for empty
    /// elements, attributes in insertion order, non-ASCII as decimal character references.
    /// </summary>
    internal sealed class EtreeWriter
    {
        private readonly StringBuilder _out;
        private bool _startOpen;

        public EtreeWriter(StringBuilder output) => _out = output;

        public void Raw(string text) => _out.Append(text);

        /// <summary>Starts an element; attributes are name/value pairs.</summary>
        public void Start(string name, params string[] attributes)
        {
            CloseStart();
            _out.Append('<').Append(name);
            for (var i = 0; i + 1 < attributes.Length; i += 2)
            {
                _out.Append(' ').Append(attributes[i]).Append("=\"");
                EscapeAttribute(attributes[i + 1]);
                _out.Append('"');
            }

            _startOpen = true;
        }

        public void End(string name)
        {
            if (_startOpen)
            {
                _out.Append(" />");
                _startOpen = false;
                return;
            }

            _out.Append("</").Append(name).Append('>');
        }

        /// <summary>An element with text (or empty when the text is empty).</summary>
        public void Element(string name, string text, params string[] attributes)
        {
            Start(name, attributes);
            if (text.Length > 0)
            {
                CloseStart();
                EscapeText(text);
            }

            End(name);
        }

        private void CloseStart()
        {
            if (_startOpen)
            {
                _out.Append('>');
                _startOpen = false;
            }
        }

        private void EscapeText(string text) => Escape(text, attribute: false);

        private void EscapeAttribute(string text) => Escape(text, attribute: true);

        /// <summary>
        /// ElementTree's escaping: &amp;, &lt;, &gt; always; in attributes also the quote, tab and line
        /// feed. A carriage return becomes a reference in both (ElementTree writes it raw in text, and
        /// parsers turn it into a line feed; the reference keeps commands intact).
        /// </summary>
        private void Escape(string text, bool attribute)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                switch (c)
                {
                    case '&': _out.Append("&amp;"); break;
                    case '<': _out.Append("&lt;"); break;
                    case '>': _out.Append("&gt;"); break;
                    case '\r': _out.Append("&#13;"); break;
                    case '"' when attribute: _out.Append("&quot;"); break;
                    case '\n' when attribute: _out.Append("&#10;"); break;
                    case '\t' when attribute: _out.Append("&#09;"); break;
                    default: AppendChar(text, ref i); break;
                }
            }
        }

        private void AppendChar(string text, ref int i)
        {
            var c = text[i];
            if (c < 128)
            {
                _out.Append(c);
                return;
            }

            var codePoint = (int)c;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, text[i + 1]);
                i++;
            }

            _out.Append("&#").Append(codePoint.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(';');
        }
    }
}
