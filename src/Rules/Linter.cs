using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Rules.Configuration;
using PolicyLint.Rules.Suppressions;

namespace PolicyLint.Rules;

/// <summary>
/// How to lint: the configuration (rules, severities, profile, ignored paths), the directory
/// relative file names are resolved against, an optional profile that overrides the
/// configuration's (the --profile option), optionally a different rule set (tests), and the
/// solver's time limit per check (the --solver-budget option; <see cref="Rules.SolverBudget"/>).
/// </summary>
public sealed record LintOptions(
    LintConfig Config,
    string WorkingDirectory,
    AnalysisProfile? Profile = null,
    ImmutableArray<LintRule> Rules = default,
    TimeSpan? SolverBudget = null,
    TimeSpan? SolverTotal = null)
{
    public static LintOptions Default(string workingDirectory) => new(LintConfig.Default(workingDirectory), workingDirectory);

    public AnalysisProfile EffectiveProfile => Profile ?? Config.Profile ?? AnalysisProfile.Default;
}

/// <summary>
/// The lint pipeline: run every enabled rule over the cluster and the loader's diagnostics,
/// apply severity overrides, drop findings in ignored paths, mark suppressed findings and add
/// unused suppressions. The diff command calls <see cref="Lint"/> once per side.
/// </summary>
public static class Linter
{
    public static LintResult Lint(Cluster cluster, ImmutableArray<Diagnostic> loadDiagnostics, LintOptions options)
    {
        var config = options.Config;
        var rules = (options.Rules.IsDefault ? RuleRegistry.Rules : options.Rules)
            .Where(r => config.IsEnabled(r.Id))
            .ToImmutableArray();
        var context = new LintContext(cluster, loadDiagnostics, options.EffectiveProfile, new SolverBudget(options.SolverBudget, options.SolverTotal))
        {
            Sensitive = config.Sensitive,
            ClusterDomain = config.ClusterDomain,
        };
        var reported = rules.SelectMany(r => r.Analyze(context))
            .Concat(UnclaimedLoadDiagnostics(context.LoadDiagnostics, config))
            .Select(d => Configure(d, options))
            .OfType<Diagnostic>()
            .ToList();
        var ran = rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var (findings, unused) = SuppressionFilter.Apply(
            reported, SuppressionAnnotation.ReadAll(cluster), RuleRegistry.Ids, ran);

        var all = config.IsEnabled(UnusedSuppression.Descriptor.Id)
            ? findings.AddRange(unused.Select(d => Configure(d, options)).OfType<Diagnostic>().Select(d => new Finding(d)))
            : findings;
        return new LintResult(Sorted(all), Described(rules, config)) { UnfinishedChecks = context.Budget.Unfinished };
    }

    /// <summary>
    /// Load diagnostics whose id no registered rule claims (a loader newer than the catalog)
    /// are still reported, so that invalid input can never pass silently.
    /// </summary>
    private static IEnumerable<Diagnostic> UnclaimedLoadDiagnostics(ImmutableArray<Diagnostic> diagnostics, LintConfig config) =>
        diagnostics.Where(d => !RuleRegistry.Ids.Contains(d.RuleId) && config.IsEnabled(d.RuleId));

    private static Diagnostic? Configure(Diagnostic diagnostic, LintOptions options)
    {
        if (options.Config.IsIgnored(diagnostic.Span.File, options.WorkingDirectory)) return null;
        var severity = options.Config.SeverityOf(diagnostic.RuleId, diagnostic.Severity);
        return severity == diagnostic.Severity ? diagnostic : diagnostic with { Severity = severity };
    }

    private static ImmutableArray<RuleDescriptor> Described(ImmutableArray<LintRule> rules, LintConfig config)
    {
        var descriptors = rules.Select(r => r.Descriptor);
        if (config.IsEnabled(UnusedSuppression.Descriptor.Id)) descriptors = descriptors.Append(UnusedSuppression.Descriptor);
        return descriptors.OrderBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();
    }

    private static ImmutableArray<Finding> Sorted(ImmutableArray<Finding> findings) =>
        findings
            .OrderBy(f => f.Span)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToImmutableArray();
}
