using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules;

/// <summary>
/// The outcome of a lint run: every finding in file, line, column, rule order (suppressed ones
/// included) and the descriptors of the rules that ran, for formatters that describe them.
/// </summary>
public sealed record LintResult(ImmutableArray<Finding> Findings, ImmutableArray<RuleDescriptor> Rules)
{
    /// <summary>
    /// Solver questions left unfinished within the time limit per check (see
    /// <see cref="SolverBudget"/>): the findings they might have given are missing, and the
    /// summary says how many.
    /// </summary>
    public int UnfinishedChecks { get; init; }

    public IEnumerable<Finding> Active => Findings.Where(f => !f.IsSuppressed);

    public IEnumerable<Finding> Suppressed => Findings.Where(f => f.IsSuppressed);

    public int Count(Severity severity) => Active.Count(f => f.Severity == severity);

    public int SuppressedCount => Findings.Count(f => f.IsSuppressed);

    /// <summary>True when an active finding is at or above <paramref name="failOn"/>; null means never.</summary>
    public bool Fails(Severity? failOn) => failOn is { } threshold && Active.Any(f => f.Severity >= threshold);

    public RuleDescriptor? FindRule(string id) => Rules.FirstOrDefault(r => r.Id == id);

    /// <summary>
    /// The active findings that <paramref name="baseline"/> does not have (for diff: what a change
    /// introduces). Findings are compared by rule, object and message, not by position, so
    /// moving a manifest around does not make its findings new.
    /// </summary>
    public IEnumerable<Finding> NewSince(LintResult baseline)
    {
        var before = baseline.Active.Select(Identity).ToHashSet();
        return Active.Where(f => !before.Contains(Identity(f)));
    }

    private static (string, ObjectRef?, string) Identity(Finding finding) => (finding.RuleId, finding.Object, finding.Message);
}
