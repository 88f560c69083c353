namespace PolicyLint.Cli.Output.Escaping;

/// <summary>
/// Text for a terminal or a CI log (stdout text formats, stderr diagnostics). A value can
/// neither break the line nor send an escape sequence (ESC, BEL, OSC, CSI all start with a
/// control character), and a line cannot be read by a GitHub Actions runner as a workflow
/// command: the runner takes any output line that starts, after blanks, with <c>::</c> (or the
/// older <c>##[</c>) as one, so such a line has its first character escaped.
/// </summary>
public static class TerminalText
{
    /// <summary>A value inside a line.</summary>
    public static string Value(string text) => InvisibleCharacters.Escape(text);

    /// <summary>An echoed source line: as <see cref="Value"/>, but tabs stay so a caret below still lines up.</summary>
    public static string SourceLine(string text) => InvisibleCharacters.Escape(text, keepTabs: true);

    /// <summary>A whole output line (a diagnostic on stderr): escaped and never a workflow command.</summary>
    public static string Line(string text)
    {
        var line = InvisibleCharacters.Escape(text);
        var start = 0;
        while (start < line.Length && char.IsWhiteSpace(line[start])) start++;
        var rest = line.AsSpan(start);
        if (!rest.StartsWith("::", StringComparison.Ordinal) && !rest.StartsWith("##[", StringComparison.Ordinal)) return line;
        return string.Concat(line.AsSpan(0, start), $"\\x{(int)line[start]:x2}", line.AsSpan(start + 1));
    }
}
