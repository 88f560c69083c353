namespace PolicyLint.Cli;

/// <summary>Text inside Markdown tables, as the report and the diff write it for pull-request comments.</summary>
public static class MarkdownText
{
    /// <summary>Pipes would end the cell; backticks keep ids from being read as markup.</summary>
    public static string Cell(string text) => "`" + text.Replace("|", "\\|").Replace("`", "'") + "`";
}
