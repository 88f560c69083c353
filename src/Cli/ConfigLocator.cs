using PolicyLint.Analyzer.Manifests;
using PolicyLint.Rules;
using PolicyLint.Rules.Configuration;

namespace PolicyLint.Cli;

/// <summary>
/// Finds and reads the configuration: --config FILE when given, else the first
/// <c>.policylint.yaml</c> in the directory of the first PATH (the PATH itself when it is a
/// directory; the working directory for stdin) or any directory above it. No file means the
/// defaults, anchored at the working directory.
/// </summary>
public static class ConfigLocator
{
    public static LintConfigParse Load(string? explicitPath, IReadOnlyList<string> paths, string workingDirectory)
    {
        var file = explicitPath is not null ? explicitPath : Find(paths, workingDirectory);
        if (file is null) return new LintConfigParse(LintConfig.Default(workingDirectory), null);
        var full = Path.GetFullPath(file, workingDirectory);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new LintConfigParse(null, new Diagnostic(
                LintConfigParser.ConfigRuleId, Severity.Error,
                $"cannot read the configuration: {exception.Message}", new SourceSpan(file, 0, 0)));
        }
        var display = explicitPath ?? Path.GetRelativePath(workingDirectory, full);
        return LintConfigParser.Parse(text, display, Path.GetDirectoryName(full)!, RuleRegistry.Ids);
    }

    private static string? Find(IReadOnlyList<string> paths, string workingDirectory)
    {
        var first = paths.Count == 0 || paths[0] == "-" ? "." : paths[0];
        var full = Path.GetFullPath(first, workingDirectory);
        var start = Directory.Exists(full) ? full : Path.GetDirectoryName(full);
        for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, LintConfig.FileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
