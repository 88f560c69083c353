using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Rules.Coverage;

/// <summary>
/// workload-not-isolated: a workload no NetworkPolicy isolates for ingress, and separately for
/// egress; one finding per direction, so each can be suppressed or accepted on its own terms.
/// Isolation is the engine's (<see cref="LintContext.IsolationOf"/>); a workload without pods
/// has nothing to isolate and is not reported.
/// The egress finding is info rather than warning when the workload is isolated for ingress and
/// no policy of its namespace isolates egress at all: the namespace isolates ingress only by
/// design (as many charts do), and the open egress is a note, not a gap in an egress policy.
/// </summary>
public sealed class WorkloadNotIsolatedRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "workload-not-isolated",
        "Workload is not isolated by any NetworkPolicy",
        Severity.Warning,
        "Coverage",
        "No NetworkPolicy in the workload's namespace selects its pods for ingress (or egress). A pod that no policy isolates " +
        "accepts connections from (or opens connections to) every pod in the cluster and every address outside it, " +
        "so one compromised workload can reach it freely.",
        "Add a default-deny policy for the namespace (podSelector: {} with the direction in policyTypes and no rules) and " +
        "then policies that allow exactly the traffic the workload needs; or add the workload's labels to an existing policy.",
        [RuleTags.Security, RuleTags.Coverage],
        5.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        var isolatingEgress = context.Cluster.NetworkPolicies
            .Where(p => p.Isolates(PolicyDirections.Egress))
            .Select(p => p.Namespace)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var workload in context.Cluster.Workloads)
        {
            if (context.IsolationOf(workload) is not { } isolation) continue;
            if (!isolation.IngressIsolated)
            {
                yield return Report(workload, workload.Meta.Span,
                    $"{workload.Meta.Ref}{OpenPods(context, workload, PolicyDirections.Ingress)} is not isolated for ingress: no NetworkPolicy selects it for Ingress, so every source may connect to it");
            }
            if (!isolation.EgressIsolated)
            {
                var finding = Report(workload, workload.Meta.Span,
                    $"{workload.Meta.Ref}{OpenPods(context, workload, PolicyDirections.Egress)} is not isolated for egress: no NetworkPolicy selects it for Egress, so it may connect to every destination");
                yield return IngressOnlyByDesign(workload, isolation.IngressIsolated, isolatingEgress)
                    ? finding with { Severity = Severity.Info, Message = finding.Message + $" (its namespace {workload.Namespace} isolates ingress only, which looks deliberate: reported as info)" }
                    : finding;
            }
        }
    }

    /// <summary>For an owner whose pods policies tell apart (docs/split-workloads.md): " (pods pg-1, pg-2)", the ones left open.</summary>
    private static string OpenPods(LintContext context, Workload workload, PolicyDirections direction)
    {
        var parts = context.Reachability.PeersOf(workload);
        if (parts.Length < 2) return "";
        var open = parts.Where(p => context.IsolationOf(p) is { } i && !i.IsIsolated(direction)).SelectMany(p => p.Pods).Select(p => p.Name);
        return $" (pods {string.Join(", ", open.Order(StringComparer.Ordinal))})";
    }

    private static bool IngressOnlyByDesign(Workload workload, bool ingressIsolated, IReadOnlySet<string> isolatingEgress) =>
        ingressIsolated && !isolatingEgress.Contains(workload.Namespace);
}
