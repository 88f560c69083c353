using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Rules;

/// <summary>
/// What the existing rules say about Cilium policies (docs/cilium.md, "Lint"): the message text
/// of policy-selects-nothing and allow-all-rule for a Cilium rule, and the note the solver-backed
/// rules give when they skip Cilium policies. Each rule reports under its own id; this only
/// keeps the Cilium reading in one place.
/// </summary>
internal static class CiliumFindings
{
    /// <summary>Cilium rules whose endpointSelector (not the wildcard <c>{}</c>) matches no pod of the input.</summary>
    public static IEnumerable<(CiliumPolicy Policy, CiliumRule Rule, string Message)> SelectingNothing(Cluster cluster)
    {
        var namespaceLabels = cluster.Namespaces.ToDictionary(n => n.Name, n => n.Labels, StringComparer.Ordinal);
        foreach (var policy in cluster.CiliumPolicies)
        {
            foreach (var rule in policy.Rules)
            {
                if (rule.Subject is not { } subject || subject.Written.SelectsEverything) continue;
                var selected = cluster.Workloads.Any(w => w.Pods.Any(p =>
                    subject.Matches(w.Namespace, namespaceLabels.GetValueOrDefault(w.Namespace) ?? Labels.Empty, p)));
                if (selected) continue;
                var where = policy.Clusterwide ? "the input" : $"namespace {policy.Namespace}";
                yield return (policy, rule,
                    $"{policy.Meta.Ref}: {rule.Path}.endpointSelector {subject} matches no workload in {where}, so the rule has no effect");
            }
        }
    }

    /// <summary>
    /// Allow rules that open a direction the rule isolates to every peer on every port: the
    /// entity <c>all</c>, or toPorts alone with no port restriction.
    /// </summary>
    public static IEnumerable<(CiliumPolicy Policy, CiliumPeerRule Rule, string Message)> AllowingEverything(Cluster cluster)
    {
        foreach (var policy in cluster.CiliumPolicies)
        {
            var openings = policy.Rules
                .SelectMany(r => new[] { PolicyDirections.Ingress, PolicyDirections.Egress }.SelectMany(d => r.DefaultDeny(d) ? r.Allows(d) : []))
                .Where(r => !r.NamesNothing && r.Ports.IsDefaultOrEmpty && (r.AnyPeer || r.Entities.Contains(CiliumEntity.All)))
                .ToList();
            if (openings.Count == 0) continue;
            var texts = openings.Select(r => $"{r.Field} allows every {(r.Direction == PolicyDirections.Egress ? "destination" : "source")} on every port");
            yield return (policy, openings[0], $"{policy.Meta.Ref}: {string.Join("; ", texts)}");
        }
    }

    /// <summary>
    /// One info finding, at the first Cilium policy, saying that a solver-backed rule did not
    /// look at the Cilium policies; null without any. Findings about NetworkPolicy rules stay
    /// sound: Cilium allows join every rule's union alike, and Cilium denies only take away.
    /// </summary>
    public static Diagnostic? SkippedBySolver(Cluster cluster, string ruleId, string what)
    {
        if (cluster.CiliumPolicies.IsDefaultOrEmpty) return null;
        var first = cluster.CiliumPolicies[0];
        var names = string.Join(", ", cluster.CiliumPolicies.Take(3).Select(p => p.Meta.Ref.ToString()));
        var more = cluster.CiliumPolicies.Length > 3 ? $" and {cluster.CiliumPolicies.Length - 3} more" : "";
        return new Diagnostic(ruleId, Severity.Info,
            $"skipped {cluster.CiliumPolicies.Length} Cilium {(cluster.CiliumPolicies.Length == 1 ? "policy" : "policies")} ({names}{more}): " +
            $"the SMT solver does not encode Cilium rules, so none of them is checked for {what}; the findings about other policies still hold",
            first.Meta.Span, first.Meta.Ref);
    }
}
