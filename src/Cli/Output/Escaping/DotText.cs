namespace PolicyLint.Cli.Output.Escaping;

/// <summary>
/// A Graphviz DOT quoted string (ids and labels). Invisible characters are escaped visibly
/// first (Graphviz copies them into SVG, which would then not be well-formed XML); then
/// backslash and quote are escaped, so the string cannot end early and a backslash in a name
/// is not read as one of DOT's label escapes (<c>\n</c>, <c>\l</c>, <c>\N</c>).
/// </summary>
public static class DotText
{
    public static string Quoted(string text) => "\"" + Inner(text) + "\"";

    /// <summary>A label of several lines, each escaped, joined by DOT's line break.</summary>
    public static string QuotedLines(IEnumerable<string> lines) => "\"" + string.Join("\\n", lines.Select(Inner)) + "\"";

    private static string Inner(string text) =>
        InvisibleCharacters.Escape(text).Replace("\\", "\\\\").Replace("\"", "\\\"");
}
