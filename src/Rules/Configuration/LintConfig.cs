using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Rules.Configuration;

/// <summary>
/// A parsed <c>.policylint.yaml</c>. Path is the file it came from (null for the built-in
/// defaults); BaseDirectory is where ignore patterns are anchored. Profile null means the
/// file does not choose one.
/// </summary>
public sealed record LintConfig(
    string? Path,
    string BaseDirectory,
    AnalysisProfile? Profile,
    ImmutableDictionary<string, RuleSetting> Rules,
    ImmutableArray<PathGlob> Ignore)
{
    public const string FileName = ".policylint.yaml";

    /// <summary>The <c>sensitive</c> section: selectors of sensitive workloads and the hop limit (built-in defaults when absent).</summary>
    public SensitiveWorkloads Sensitive { get; init; } = SensitiveWorkloads.Default;

    /// <summary>The cluster's DNS domain, for reading declared dependencies (docs/dependencies.md); <c>cluster.local</c> unless set.</summary>
    public string ClusterDomain { get; init; } = Analyzer.Queries.Dependencies.ServiceName.DefaultClusterDomain;

    public static LintConfig Default(string baseDirectory) =>
        new(null, baseDirectory, null, ImmutableDictionary<string, RuleSetting>.Empty, []);

    public bool IsEnabled(string ruleId) => !Rules.TryGetValue(ruleId, out var setting) || setting.Enabled;

    public Severity SeverityOf(string ruleId, Severity reported) =>
        Rules.TryGetValue(ruleId, out var setting) && setting.Severity is { } severity ? severity : reported;

    /// <summary>
    /// Whether a finding's file is ignored. <paramref name="file"/> is as the user gave it and
    /// resolved against <paramref name="workingDirectory"/>; stdin ("-") is never ignored.
    /// </summary>
    public bool IsIgnored(string file, string workingDirectory)
    {
        if (Ignore.IsDefaultOrEmpty || file.Length == 0 || file == "-") return false;
        var full = System.IO.Path.GetFullPath(file, workingDirectory);
        var relative = System.IO.Path.GetRelativePath(BaseDirectory, full).Replace('\\', '/');
        if (relative.StartsWith("../", StringComparison.Ordinal) || relative == "..") return false;
        return Ignore.Any(glob => glob.Matches(relative));
    }
}
