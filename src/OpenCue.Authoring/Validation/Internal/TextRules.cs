using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;

namespace OpenCue.Authoring.Validation.Internal;

/// <summary>Checks that text can travel in an XML 1.0 spec.</summary>
internal static class TextRules
{
    public static void CheckXml(ValidationContext context, Layer? layer, string what, string? text) =>
        CheckXml(context, layer, what, null, text);

    /// <summary>Checks text; what is named <paramref name="what"/>, or "<paramref name="what"/> <paramref name="name"/>" when a name is given.</summary>
    public static void CheckXml(ValidationContext context, Layer? layer, string what, string? name, string? text)
    {
        if (text is null)
        {
            return;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c >= ' ' && c < '\uD800') || c == '\t' || c == '\n' || c == '\r')
            {
                // XML characters whatever the rest of the text is; the common case, decided here.
                continue;
            }

            if (!IsXmlChar(text, ref i))
            {
                context.Error(ValidationCodes.XmlCharacter, layer, text,
                    (name is null ? what : what + " " + name) + " contains character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) +
                    " at position " + i.ToString(CultureInfo.InvariantCulture) + ", which an XML 1.0 job spec cannot carry.");
                return;
            }
        }
    }

    // The rest of the rule, XmlConvert's; kept out of line so plain text never loads System.Xml.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsXmlChar(string text, ref int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
        {
            i++;
            return true;
        }

        return XmlConvert.IsXmlChar(c);
    }
}
