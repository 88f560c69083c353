using System.Globalization;
using System.Text;

namespace PolicyLint.Cli.Output.Escaping;

/// <summary>
/// The characters no output sink may pass through raw, shown instead as a visible escape:
/// controls (C0, DEL, C1 including U+0085), format characters (bidi overrides and isolates,
/// zero-width characters, U+FEFF), the line and paragraph separators U+2028/U+2029, lone
/// surrogates and the noncharacters U+FFFE/U+FFFF. Tab, LF and CR read as <c>\t</c>, <c>\n</c>,
/// <c>\r</c>; the rest as <c>\xHH</c> (up to U+00FF) or <c>\uHHHH</c>. Each sink's escaping
/// starts here, so no value can start a new line, move the cursor, recolour the terminal or
/// reorder the text a reader sees.
/// </summary>
public static class InvisibleCharacters
{
    public static bool IsInvisible(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c)) return index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]);
        if (char.IsLowSurrogate(c)) return index == 0 || !char.IsHighSurrogate(text[index - 1]);
        if (c is '\uFFFE' or '\uFFFF') return true;
        return char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
    }

    /// <summary>The text with every invisible character escaped; <paramref name="keepTabs"/> leaves tabs (source lines keep their layout).</summary>
    public static string Escape(string text, bool keepTabs = false)
    {
        var first = FirstInvisible(text, keepTabs);
        if (first < 0) return text;
        var escaped = new StringBuilder(text.Length + 8);
        escaped.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (IsInvisible(text, i) && !(keepTabs && text[i] == '\t')) escaped.Append(EscapeOf(text[i]));
            else escaped.Append(text[i]);
        }
        return escaped.ToString();
    }

    public static string EscapeOf(char c) => c switch
    {
        '\t' => "\\t",
        '\n' => "\\n",
        '\r' => "\\r",
        <= '\u00FF' => $"\\x{(int)c:x2}",
        _ => $"\\u{(int)c:x4}",
    };

    private static int FirstInvisible(string text, bool keepTabs)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsInvisible(text, i) && !(keepTabs && text[i] == '\t')) return i;
        }
        return -1;
    }
}
