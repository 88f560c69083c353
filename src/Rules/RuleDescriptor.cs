using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules;

/// <summary>
/// Everything the catalog, the documentation and SARIF say about a rule. Id is the public,
/// stable kebab-case id of docs/rules (one page per id); users configure and suppress by it.
/// SecuritySeverity is GitHub code scanning's 0.0-10.0 score (above 7 high, 4 to 7 medium,
/// below 4 low); rules that are not about security carry 0 and no "security" tag.
/// </summary>
public sealed record RuleDescriptor(
    string Id,
    string Title,
    Severity DefaultSeverity,
    string Category,
    string FullDescription,
    string HowToFix,
    ImmutableArray<string> Tags,
    double SecuritySeverity)
{
    /// <summary>The rule's documentation page, relative to the repository root.</summary>
    public string HelpPath => $"docs/rules/{Id}.md";

    /// <summary>The documentation page on the project's public repository, for SARIF helpUri.</summary>
    public string HelpUri => $"{RuleCatalogInfo.RepositoryUri}/blob/main/{HelpPath}";

    public bool IsSecurity => Tags.Contains(RuleTags.Security);
}

/// <summary>Tag values used by descriptors, shown in SARIF properties.tags.</summary>
public static class RuleTags
{
    public const string Security = "security";
    public const string Correctness = "correctness";
    public const string Coverage = "coverage";
    public const string Input = "input";
    public const string Maintainability = "maintainability";
    public const string Portability = "portability";
}

/// <summary>Where the project lives, for links in machine-readable output.</summary>
public static class RuleCatalogInfo
{
    public const string RepositoryUri = "https://github.com/policylint/policylint";
}
