using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// Evaluation when the input has Calico policies (docs/calico.md): every policy kind sits in a
/// Calico tier (<see cref="CalicoTiers"/>), and a connection walks the tiers in order. In a tier
/// whose policies apply to the endpoint, the first matching rule decides (Allow, Deny) or passes
/// to the next tier (Pass); what no rule matched gets the tier's default action ("If the Tier
/// applies to the endpoint, but takes no action on the packet the packet is dropped"), or goes on
/// when it is Pass. A tier none of whose policies apply is skipped. What passes the last tier
/// reaches the endpoint's profile: Calico's kns.NAMESPACE profiles allow everything, so it is allowed.
/// </summary>
public sealed partial class ReachabilityEngine
{
    private readonly ImmutableArray<CompiledTier>? _tiers;

    /// <summary>The tiers in evaluation order, or null when no Calico policy is in the input.</summary>
    internal ImmutableArray<CompiledTier>? Tiers => _tiers;

    private readonly List<(CompiledTier Tier, List<CompiledPolicy> Policies)>?[] _applyingIngress = [];
    private readonly List<(CompiledTier Tier, List<CompiledPolicy> Policies)>?[] _applyingEgress = [];

    /// <summary>
    /// The tiers that take part for the subject and direction, each with its policies that apply,
    /// in order; computed once per class and direction (the lists must not be modified).
    /// </summary>
    internal List<(CompiledTier Tier, List<CompiledPolicy> Policies)> ApplyingTiers(PodClass subject, PolicyDirections direction)
    {
        var cache = direction == PolicyDirections.Ingress ? _applyingIngress : _applyingEgress;
        return cache[subject.Index] ??= FindApplyingTiers(subject, direction);
    }

    private List<(CompiledTier Tier, List<CompiledPolicy> Policies)> FindApplyingTiers(PodClass subject, PolicyDirections direction)
    {
        var result = new List<(CompiledTier, List<CompiledPolicy>)>();
        if (subject.IsIngressController) return result;
        foreach (var tier in _tiers!.Value)
        {
            var applying = tier.Applying(subject, direction);
            if (applying.Count > 0) result.Add((tier, applying));
        }
        return result;
    }

    private static ImmutableArray<CompiledPolicy> CompileCalico(Cluster cluster, ImmutableArray<CompiledPolicy> policies, out ImmutableArray<CompiledTier>? tiers)
    {
        if (!cluster.Calico.Present)
        {
            tiers = null;
            return policies;
        }
        var compiler = new CalicoCompiler(cluster);
        var all = policies.AddRange(compiler.Compile());
        tiers = CalicoTiers.Build(cluster, all, compiler.Placement);
        return all;
    }

    /// <summary>The tier walk for one subject and one peer; records every matching rule when <paramref name="rules"/> is given.</summary>
    private ConnectionSet DecideByTiers(
        PodClass subject, PolicyDirections direction, PodClass? destination, Func<CompiledRule, bool> matches,
        ImmutableArray<RuleContribution>.Builder? rules, out List<CompiledPolicy> isolating)
    {
        isolating = IsolatingPolicies(subject, direction);
        var allowed = ConnectionSet.Empty;
        var remaining = ConnectionSet.All;
        foreach (var (tier, policies) in ApplyingTiers(subject, direction))
        {
            if (remaining.IsEmpty && rules is null) break;
            var state = new TierDecision { Allowed = allowed, Undecided = remaining, Passed = ConnectionSet.Empty };
            foreach (var policy in policies) ApplyClusterRules(policy, direction, matches, destination, ref state, rules);
            allowed = state.Allowed;
            remaining = tier.DefaultAction == TierDefaultAction.Pass ? state.Undecided.Union(state.Passed) : state.Passed;
        }
        return allowed.Union(remaining);
    }

    /// <summary>With Calico: the policies that apply to the subject in tiers whose default action is Deny.</summary>
    private List<CompiledPolicy> TierIsolatingPolicies(PodClass subject, PolicyDirections direction)
    {
        var result = new List<CompiledPolicy>();
        foreach (var (tier, policies) in ApplyingTiers(subject, direction))
        {
            if (tier.DefaultAction == TierDefaultAction.Deny) result.AddRange(policies);
        }
        return result;
    }

    /// <summary>The Calico policies whose selectors select some pod of the input.</summary>
    public IReadOnlySet<ObjectRef> CalicoPoliciesSelectingPods()
    {
        if (_tiers is not { } tiers) return new HashSet<ObjectRef>();
        return tiers.SelectMany(t => t.Policies)
            .Where(p => p.Layer == PolicyLayer.Calico && _classes.All.Any(c => (p.Subject?.OwnNamespace ?? c.Namespace) == c.Namespace && p.AppliesTo(c)))
            .Select(p => p.Ref)
            .ToHashSet();
    }

    private IEnumerable<EngineNote> CalicoNotes()
    {
        if (_tiers is null) yield break;
        yield return new EngineNote("calico-profile",
            "Calico: what every tier passes reaches the pod's profile, assumed to be Calico's kns.<namespace> profile, which allows everything");
        if (!Cluster.CiliumPolicies.IsDefaultOrEmpty)
        {
            // A cluster enforces one CNI's policies; an input with both is read as the Calico
            // tier walk with Cilium's denies on top (docs/calico.md, "Calico and Cilium in one input").
            yield return new EngineNote("calico-and-cilium",
                "Calico and Cilium policies in one input: the Calico tier walk decides and Cilium contributes only its deny rules; Cilium allow rules and the isolation they cause are not applied (a cluster enforces one CNI's policies)");
        }
        foreach (var tier in CalicoTiers.Undeclared(Cluster))
        {
            yield return new EngineNote("calico-tier-missing", $"Calico tier {tier} is named by policies but not in the input: ordered after every tier with an order, default action Deny");
        }
    }
}
