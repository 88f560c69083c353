using System.Reflection;

namespace PolicyLint.Cli.Report.Html;

/// <summary>The page's stylesheet and script, shipped as embedded resources (report.css, report.js beside this file).</summary>
public static class HtmlPageAssets
{
    public static string Style { get; } = Read("report.css");

    public static string Script { get; } = Read("report.js");

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"PolicyLint.Cli.Report.Html.{name}")
            ?? throw new InvalidOperationException($"the build did not embed {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
