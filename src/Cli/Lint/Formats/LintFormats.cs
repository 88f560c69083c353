namespace PolicyLint.Cli.Lint.Formats;

/// <summary>The --format values of `policylint lint`, each with its formatter.</summary>
public static class LintFormats
{
    public static IReadOnlyDictionary<string, ILintFormatter> All { get; } = new Dictionary<string, ILintFormatter>(StringComparer.Ordinal)
    {
        ["text"] = new TextLintFormatter(),
        ["json"] = new JsonLintFormatter(),
        ["sarif"] = new SarifLintFormatter(),
        ["github"] = new GitHubLintFormatter(),
        ["junit"] = new JUnitLintFormatter(),
    };

    public static IEnumerable<string> Names => All.Keys;
}
