using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// One tier of Calico's evaluation: its policies in order, and what happens to traffic the
/// tier's applying policies leave undecided (Deny, or Pass to the next tier). Namespaced
/// policies are indexed by namespace, so a class is tested against its namespace's policies and
/// the cluster-wide ones only.
/// </summary>
internal sealed record CompiledTier(string Name, double? Order, TierDefaultAction DefaultAction, ImmutableArray<CompiledPolicy> Policies)
{
    private readonly ImmutableArray<int> _clusterWide = [.. Policies.Select((p, i) => (p, i)).Where(x => x.p.Subject?.OwnNamespace is null).Select(x => x.i)];

    private readonly Dictionary<string, int[]> _byNamespace = Policies.Select((p, i) => (p, i))
        .Where(x => x.p.Subject?.OwnNamespace is not null)
        .GroupBy(x => x.p.Subject!.OwnNamespace!, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray(), StringComparer.Ordinal);

    /// <summary>The policies that apply to the subject for the direction, in the tier's order.</summary>
    public List<CompiledPolicy> Applying(PodClass subject, PolicyDirections direction)
    {
        var result = new List<CompiledPolicy>();
        var local = _byNamespace.GetValueOrDefault(subject.Namespace) ?? [];
        int g = 0, l = 0;
        while (g < _clusterWide.Length || l < local.Length)
        {
            var next = l >= local.Length || (g < _clusterWide.Length && _clusterWide[g] < local[l]) ? _clusterWide[g++] : local[l++];
            if (Applies(Policies[next], subject, direction)) result.Add(Policies[next]);
        }
        return result;
    }

    /// <summary>
    /// Whether the policy takes part for this subject and direction: it selects the subject and,
    /// for Calico and Kubernetes policies, its types (policyTypes) hold the direction.
    /// </summary>
    public static bool Applies(CompiledPolicy policy, PodClass subject, PolicyDirections direction) =>
        (policy.Layer is PolicyLayer.Admin or PolicyLayer.Baseline || (policy.Isolates & direction) != 0) && policy.AppliesTo(subject);
}

/// <summary>
/// Builds the tiers when the input has Calico policies (docs/calico.md, "Tiers"): the tiers of
/// the input's Tier objects and of the policies' spec.tier, the default tier (order 1,000,000)
/// holding the Kubernetes NetworkPolicies at order 1000, the adminnetworkpolicy tier (order
/// 1,000, default action Pass) holding the AdminNetworkPolicies and Admin ClusterNetworkPolicies
/// by priority, and the baselineadminnetworkpolicy tier (order 10,000,000, Pass) holding the
/// Baseline policies at order 1000. Tiers by order (none: last), then name; policies in a tier
/// by order (none: after every ordered one), then name.
/// </summary>
internal static class CalicoTiers
{
    public const string DefaultTier = "default";
    public const string AdminTier = "adminnetworkpolicy";
    public const string BaselineTier = "baselineadminnetworkpolicy";
    public const double DefaultTierOrder = 1_000_000;
    public const double AdminTierOrder = 1_000;
    public const double BaselineTierOrder = 10_000_000;

    /// <summary>Calico gives a Kubernetes NetworkPolicy order 1000 and the name knp.default.NAME in the default tier.</summary>
    public const double KubernetesPolicyOrder = 1000;

    public static ImmutableArray<CompiledTier> Build(Cluster cluster, IEnumerable<CompiledPolicy> compiled, IReadOnlyDictionary<ObjectRef, (string Tier, double? Order)> calicoPlacement)
    {
        var members = new Dictionary<string, List<(double? Order, string Name, CompiledPolicy Policy)>>(StringComparer.Ordinal);
        void Add(string tier, double? order, string name, CompiledPolicy policy)
        {
            if (!members.TryGetValue(tier, out var list)) members[tier] = list = [];
            list.Add((order, name, policy));
        }
        foreach (var policy in compiled)
        {
            switch (policy.Layer)
            {
                case PolicyLayer.Admin: Add(AdminTier, policy.Priority, policy.Ref.Name, policy); break;
                case PolicyLayer.Baseline: Add(BaselineTier, KubernetesPolicyOrder, policy.Ref.Name, policy); break;
                case PolicyLayer.NetworkPolicy: Add(DefaultTier, KubernetesPolicyOrder, $"knp.default.{policy.Ref.Name}", policy); break;
                default:
                    var (tier, order) = calicoPlacement[policy.Ref];
                    Add(tier, order, policy.Ref.Name, policy);
                    break;
            }
        }
        var declared = cluster.Calico.Tiers.GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var names = members.Keys.Concat(declared.Keys).Append(DefaultTier).Distinct(StringComparer.Ordinal);
        return [.. names
            .Select(name => Tier(name, declared.GetValueOrDefault(name), members.GetValueOrDefault(name) ?? []))
            .OrderBy(t => t.Order ?? double.PositiveInfinity)
            .ThenBy(t => t.Name, StringComparer.Ordinal)];
    }

    /// <summary>The reserved tiers keep their fixed order ("This value is fixed, and cannot be changed").</summary>
    private static CompiledTier Tier(string name, CalicoTier? declared, List<(double? Order, string Name, CompiledPolicy Policy)> policies)
    {
        var ordered = policies
            .OrderBy(p => p.Order ?? double.PositiveInfinity)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Policy)
            .ToImmutableArray();
        return name switch
        {
            DefaultTier => new CompiledTier(name, DefaultTierOrder, declared?.DefaultAction ?? TierDefaultAction.Deny, ordered),
            AdminTier => new CompiledTier(name, AdminTierOrder, TierDefaultAction.Pass, ordered),
            BaselineTier => new CompiledTier(name, BaselineTierOrder, TierDefaultAction.Pass, ordered),
            _ => new CompiledTier(name, declared?.Order, declared?.DefaultAction ?? TierDefaultAction.Deny, ordered),
        };
    }

    /// <summary>Tiers that policies name but the input does not declare (Calico refuses such a policy; they are ordered last).</summary>
    public static IEnumerable<string> Undeclared(Cluster cluster) =>
        cluster.Calico.Policies.Select(p => p.Tier)
            .Where(t => t is not (DefaultTier or AdminTier or BaselineTier) && cluster.Calico.Tiers.All(d => d.Name != t))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
}

/// <summary>
/// Compiles Calico policies to the engine's shape (<see cref="CompiledPolicy"/> of layer Calico):
/// the subject and each rule's peer become <see cref="ClassTest"/>s, nets and notNets address
/// sets, destination ports and protocols a connection set. Log rules are left out: "After a Log
/// action, processing continues with the next rule". --profile changes nothing here.
/// </summary>
internal sealed class CalicoCompiler(Cluster cluster)
{
    private readonly ServiceAccountLabels _accounts = new(cluster.Calico);

    public Dictionary<ObjectRef, (string Tier, double? Order)> Placement { get; } = [];

    public ImmutableArray<CompiledPolicy> Compile()
    {
        var result = ImmutableArray.CreateBuilder<CompiledPolicy>();
        foreach (var policy in cluster.Calico.Policies)
        {
            Placement[policy.Meta.Ref] = (policy.Tier, policy.Order);
            result.Add(new CompiledPolicy(
                policy.Meta.Ref,
                PolicyLayer.Calico,
                0,
                new ClassMatcher(policy.Global ? null : policy.Namespace, null, null, null, false, new CalicoSubjectTest(policy, _accounts)),
                policy.Types,
                [.. Rules(policy, PolicyDirections.Ingress)],
                [.. Rules(policy, PolicyDirections.Egress)]));
        }
        return result.ToImmutable();
    }

    private IEnumerable<CompiledRule> Rules(CalicoPolicy policy, PolicyDirections direction)
    {
        // A policy's rules of a direction its types leave out never run.
        if ((policy.Types & direction) == 0) yield break;
        foreach (var rule in policy.Rules(direction))
        {
            if (rule.Action == CalicoAction.Log) continue;
            yield return CompileRule(policy, rule);
        }
    }

    private CompiledRule CompileRule(CalicoPolicy policy, CalicoRule rule)
    {
        var peer = rule.Peer;
        var nets = peer.Nets.IsEmpty ? null : Addresses(peer.Nets);
        var notNets = peer.NotNets.IsEmpty ? null : Addresses(peer.NotNets);
        var external = peer.NamesEndpoints ? IpSet.Empty : (nets ?? IpSet.All).Subtract(notNets ?? IpSet.Empty);
        ImmutableArray<ClassMatcher> matchers = peer.IsAnyPeer
            ? []
            : [new ClassMatcher(null, null, null, null, false, new CalicoPeerTest(policy, peer, nets, notNets, _accounts))];
        var reference = new RuleRef(policy.Meta.Ref, PolicyLayer.Calico, rule.Direction, rule.Index, null, rule.Span) { Tier = policy.Tier };
        var action = rule.Action switch
        {
            CalicoAction.Allow => AdminAction.Allow,
            CalicoAction.Deny => AdminAction.Deny,
            _ => AdminAction.Pass,
        };
        var (ports, except) = Ports(rule);
        return new CompiledRule(reference, action, peer.IsAnyPeer, matchers, external, ports)
        {
            Blocks = [.. peer.Nets.Concat(peer.NotNets).Select(n => Addresses([n]))],
            PodAddressBlocks = (nets ?? IpSet.Empty).Union(notNets ?? IpSet.Empty),
            ExceptPorts = except.IsEmpty ? null : new CompiledRule(reference, action, true, [], IpSet.Empty, except),
            MatchesNoConnection = rule.Protocol is { IsModelled: false },
        };
    }

    /// <summary>
    /// The destination ports the rule matches and those it excludes: ports (numbers, ranges
    /// "start:end", names resolved on the destination pod) with the rule's protocol, or every
    /// port of the protocol, or everything; notPorts and notProtocol excluded.
    /// </summary>
    private static (ImmutableArray<PolicyPort> Ports, ImmutableArray<PolicyPort> Except) Ports(CalicoRule rule)
    {
        var protocol = rule.Protocol?.Modelled;
        var ports = protocol is { } p
            ? rule.Destination.Ports.IsEmpty ? [new PolicyPort(p, null, null, rule.Span)] : [.. rule.Destination.Ports.Select(port => Port(p, port))]
            : ImmutableArray<PolicyPort>.Empty;
        var except = ImmutableArray.CreateBuilder<PolicyPort>();
        if (protocol is { } q) except.AddRange(rule.Destination.NotPorts.Select(port => Port(q, port)));
        if (rule.NotProtocol?.Modelled is { } excluded) except.Add(new PolicyPort(excluded, null, null, rule.Span));
        return (ports, except.ToImmutable());
    }

    private static PolicyPort Port(Protocol protocol, CalicoPort port) => port.Name is { } name
        ? new PolicyPort(protocol, PortRef.Of(name), null, port.Span)
        : new PolicyPort(protocol, PortRef.Of(port.First!.Value), port.Last, port.Span);

    private static IpSet Addresses(IEnumerable<CidrText> cidrs) =>
        cidrs.Select(c => Cidr.Parse(c.Text).Cidr).OfType<Cidr>().Aggregate(IpSet.Empty, (set, cidr) => set.Union(IpSet.Of(cidr)));
}
