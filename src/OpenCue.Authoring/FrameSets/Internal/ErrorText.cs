using System.Text;

namespace OpenCue.Authoring.FrameSets.Internal;

/// <summary>Renders user input inside error messages: quoted, control characters escaped, long text shortened.</summary>
internal static class ErrorText
{
    private const int MaxShown = 120;

    public static string Quote(string text) => Quote(text, 0, text.Length);

    public static string Quote(string text, int start, int end)
    {
        var builder = new StringBuilder((end - start) + 8);
        builder.Append('\'');
        int shownEnd = end - start > MaxShown ? start + MaxShown : end;
        for (int i = start; i < shownEnd; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\'':
                    builder.Append("\\'");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        if (shownEnd < end)
        {
            builder.Append("...");
        }

        builder.Append('\'');
        return builder.ToString();
    }
}
