using System.Text;

namespace PolicyLint.Cli.Output.Escaping;

/// <summary>
/// GitHub-flavoured Markdown for pull-request comments. Names and ids go in code spans, where
/// GitHub renders nothing: no mention, image, link, HTML or emphasis. Free text (messages)
/// is escaped where GFM reads markup inside a table cell: backslash, backtick, emphasis and
/// strikethrough marks and pipes get a backslash; <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>
/// become entities (no HTML, no autolink); <c>](</c> becomes <c>\](</c> (an inline link or image
/// needs it, and reference definitions cannot stand in a cell, so brackets such as
/// <c>spec.ingress[0]</c> stay as they are); <c>@</c> is followed by a zero-width space (the only
/// way to stop a mention outside code). Both stay on one line and inside one table cell:
/// invisible characters are escaped first, and a pipe is escaped even inside a code span
/// (GFM's table parser splits cells before it reads code spans).
/// </summary>
public static class MarkdownText
{
    /// <summary>A code span holding the text literally; backticks in it get a longer fence.</summary>
    public static string Code(string text)
    {
        var value = InvisibleCharacters.Escape(text).Replace("|", "\\|");
        var fence = new string('`', LongestBacktickRun(value) + 1);
        return fence.Length == 1 ? fence + value + fence : $"{fence} {value} {fence}";
    }

    /// <summary>Free text that reads as plain text, nothing more.</summary>
    public static string Text(string text)
    {
        var value = InvisibleCharacters.Escape(text);
        var escaped = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '@': escaped.Append("@&#8203;"); break;
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case ']' when i + 1 < value.Length && value[i + 1] == '(': escaped.Append("\\]"); break;
                case '\\' or '`' or '*' or '_' or '~' or '|': escaped.Append('\\').Append(c); break;
                default: escaped.Append(c); break;
            }
        }
        return escaped.ToString();
    }

    private static int LongestBacktickRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}
