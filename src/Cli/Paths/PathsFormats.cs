using PolicyLint.Analyzer.Queries.Paths;

namespace PolicyLint.Cli.Paths;

/// <summary>The formats of `paths`: text (default), json, md, dot.</summary>
public static class PathsFormats
{
    public static readonly string[] Names = ["text", "json", "md", "dot"];

    public static void Write(string format, TextWriter output, PathsResult result)
    {
        switch (format)
        {
            case "json": PathsJsonFormatter.Write(output, result); break;
            case "md": PathsMarkdownFormatter.Write(output, result); break;
            case "dot": PathsDotFormatter.Write(output, result); break;
            default: PathsTextFormatter.Write(output, result); break;
        }
    }
}
