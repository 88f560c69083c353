using PolicyLint.Analyzer.Model;

namespace PolicyLint.Rules.Redundancy;

/// <summary>
/// The solver-backed redundancy rules do not encode Calico policies (docs/calico.md): when the
/// input has some, each of those rules says once, at severity info, that it left them out, so a
/// clean result is never read as "checked".
/// </summary>
internal static class CalicoNotChecked
{
    public static IEnumerable<Diagnostic> Note(LintRule rule, LintContext context, string what)
    {
        var policies = context.Cluster.Calico.Policies;
        if (policies.IsEmpty) yield break;
        var first = policies[0];
        var count = policies.Length == 1 ? "1 Calico policy" : $"{policies.Length} Calico policies";
        yield return new Diagnostic(rule.Id, Severity.Info,
            $"{count} not checked for {what}: the solver does not encode Calico policies (their rules are analysed by the reachability engine only; docs/calico.md)",
            first.Meta.Span, first.Meta.Ref);
    }
}
