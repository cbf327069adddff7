using System.Globalization;
using System.Xml;

namespace OpenCue.Outline.Validation.Internal
{
    /// <summary>Checks that text can travel in an XML 1.0 spec.</summary>
    internal static class TextRules
    {
        public static void CheckXml(ValidationContext context, Layer? layer, string what, string? text)
        {
            if (text is null)
            {
                return;
            }

            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
                {
                    i++;
                    continue;
                }

                if (!XmlConvert.IsXmlChar(c))
                {
                    context.Error(ValidationCodes.XmlCharacter, layer, text,
                        what + " contains character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) +
                        " at position " + i.ToString(CultureInfo.InvariantCulture) + ", which an XML 1.0 job spec cannot carry.");
                    return;
                }
            }
        }
    }
}
