using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Rules.Coverage;

/// <summary>
/// namespace-without-default-deny: a namespace with workloads and no default-deny policy for a
/// direction, i.e. no policy with <c>podSelector: {}</c>, that direction in policyTypes and no
/// rules for it. Only an empty podSelector counts: a selector that happens to match today's
/// pods does not cover tomorrow's. The finding is placed on the Namespace object when the input
/// declares it, else on the namespace's first policy, else on its first workload (see Placement).
/// </summary>
public sealed class NamespaceWithoutDefaultDenyRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "namespace-without-default-deny",
        "Namespace has no default-deny policy",
        Severity.Info,
        "Coverage",
        "A namespace that holds workloads has no policy that selects all of its pods for ingress (or egress) and allows nothing. " +
        "Without such a baseline every new workload in the namespace starts open, and isolation depends on each team " +
        "remembering to write a policy for it.",
        "Add a default-deny NetworkPolicy to the namespace (podSelector: {}, policyTypes: [Ingress, Egress], no rules), " +
        "then policies that allow the traffic each workload needs. With egress denied, remember to allow DNS.",
        [RuleTags.Security, RuleTags.Coverage],
        2.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        var index = context.Workloads;
        var defaultDenied = DefaultDenied(context.Cluster);
        foreach (var @namespace in index.InputNamespaces())
        {
            var workloads = index.WorkloadsIn(@namespace.Name);
            if (workloads.Count == 0) continue;
            var denied = defaultDenied.GetValueOrDefault(@namespace.Name);
            var target = Placement(context.Cluster, @namespace, workloads);
            foreach (var direction in new[] { PolicyDirections.Ingress, PolicyDirections.Egress })
            {
                if ((denied & direction) != 0) continue;
                yield return Report(@namespace.Meta.Ref, target.Meta.Span,
                    $"namespace {@namespace.Name} has workloads and no default-deny policy for {PolicyText.Direction(direction)} " +
                    $"(podSelector: {{}} with {(direction == PolicyDirections.Egress ? "Egress" : "Ingress")} in policyTypes and no {PolicyText.Direction(direction)} rules)");
            }
        }
    }

    /// <summary>
    /// Where the finding goes: the Namespace object when the input declares it, else the
    /// namespace's first NetworkPolicy in the input (where a default-deny would be written
    /// next to it), else its first workload in the input, never an object of another namespace.
    /// </summary>
    private static IManifestObject Placement(Cluster cluster, Namespace @namespace, IReadOnlyList<Workload> workloads)
    {
        if (@namespace.Declared && @namespace.Meta.Span.IsKnown) return @namespace;
        var policy = cluster.NetworkPolicies
            .Where(p => p.Namespace == @namespace.Name && p.Meta.Span.IsKnown)
            .MinBy(p => p.Meta.Span);
        if (policy is not null) return policy;
        return workloads.Where(w => w.Meta.Span.IsKnown).MinBy(w => w.Meta.Span) ?? workloads[0];
    }

    /// <summary>For each namespace, the directions some default-deny policy of it covers.</summary>
    private static Dictionary<string, PolicyDirections> DefaultDenied(Cluster cluster)
    {
        var denied = new Dictionary<string, PolicyDirections>(StringComparer.Ordinal);
        foreach (var policy in cluster.NetworkPolicies)
        {
            if (!policy.PodSelector.SelectsEverything) continue;
            foreach (var direction in new[] { PolicyDirections.Ingress, PolicyDirections.Egress })
            {
                if (policy.Isolates(direction) && policy.Rules(direction).IsDefaultOrEmpty)
                {
                    denied[policy.Namespace] = denied.GetValueOrDefault(policy.Namespace) | direction;
                }
            }
        }
        return denied;
    }
}
