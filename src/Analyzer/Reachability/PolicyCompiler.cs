using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// Turns the model's policies into <see cref="CompiledPolicy"/>s under a profile. CIDRs that
/// do not parse are skipped here (validation reports them); under NetpolAnalyzer IPv6 blocks
/// are dropped, as that tool does.
/// </summary>
internal sealed class PolicyCompiler(AnalysisProfile profile)
{
    /// <summary>
    /// Cluster policies of each tier by ascending priority then name (a BaselineAdminNetworkPolicy
    /// has priority 0; several Baseline ClusterNetworkPolicies are ordered like Admin ones);
    /// NetworkPolicies in input order.
    /// With a <paramref name="scope"/>, only the NetworkPolicies of its namespaces (every cluster policy still).
    public ImmutableArray<CompiledPolicy> Compile(Cluster cluster, EngineScope? scope = null)
    {
        var result = ImmutableArray.CreateBuilder<CompiledPolicy>();
        result.AddRange(cluster.AdminPolicies
            .Where(p => p.Tier == PolicyTier.Admin)
            .OrderBy(p => p.Priority).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(CompileAdmin));
        result.AddRange(cluster.NetworkPolicies.Where(p => scope?.Includes(p.Namespace) ?? true).Select(CompileNetworkPolicy));
        result.AddRange(cluster.AdminPolicies
            .Where(p => p.Tier == PolicyTier.Baseline)
            .OrderBy(p => p.Priority).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(CompileAdmin));
        return result.ToImmutable();
    }

    public bool IpV6Dropped { get; private set; }

    /// <summary>
    /// What each rule of <paramref name="policies"/> names outside the cluster (the union of its
    /// ipBlocks), as <see cref="CompiledRule.External"/> would be, without compiling the rest.
    /// </summary>
    public IEnumerable<IpSet> RuleAddresses(IEnumerable<NetworkPolicy> policies) =>
        policies.SelectMany(p => p.Ingress.Concat(p.Egress))
            .Select(rule => (rule.Peers.IsDefault ? [] : rule.Peers)
                .Select(peer => peer.IpBlock)
                .Aggregate(IpSet.Empty, (set, block) => block is null ? set : set.Union(Block(block.Cidr, block.Except))));

    private CompiledPolicy CompileNetworkPolicy(NetworkPolicy policy) => new(
        policy.Meta.Ref,
        PolicyLayer.NetworkPolicy,
        0,
        new ClassMatcher(policy.Namespace, null, policy.PodSelector, null),
        policy.PolicyTypes,
        [.. policy.Ingress.Select(r => CompileRule(policy, r))],
        [.. policy.Egress.Select(r => CompileRule(policy, r))]);

    private CompiledRule CompileRule(NetworkPolicy policy, NetworkPolicyRule rule)
    {
        var matchers = ImmutableArray.CreateBuilder<ClassMatcher>();
        var external = IpSet.Empty;
        var blocks = ImmutableArray.CreateBuilder<IpSet>();
        foreach (var peer in rule.Peers.IsDefault ? [] : rule.Peers)
        {
            if (peer.IpBlock is { } block)
            {
                var addresses = Block(block.Cidr, block.Except);
                external = external.Union(addresses);
                blocks.Add(addresses);
                if (profile == AnalysisProfile.Default) matchers.Add(new ClassMatcher(null, null, null, addresses));
            }
            else
            {
                var ownNamespace = peer.NamespaceSelector is null ? policy.Namespace : null;
                matchers.Add(new ClassMatcher(ownNamespace, peer.NamespaceSelector, peer.PodSelector, null));
            }
        }
        var reference = new RuleRef(policy.Meta.Ref, PolicyLayer.NetworkPolicy, rule.Direction, rule.Index, null, rule.Span);
        return new CompiledRule(reference, AdminAction.Allow, rule.AllowsAllPeers, matchers.ToImmutable(), external, rule.Ports)
        {
            Blocks = blocks.ToImmutable(),
        };
    }

    private CompiledPolicy CompileAdmin(AdminPolicy policy)
    {
        var layer = policy.Tier == PolicyTier.Admin ? PolicyLayer.Admin : PolicyLayer.Baseline;
        return new CompiledPolicy(
            policy.Meta.Ref,
            layer,
            policy.Priority,
            SelectorMatcher(policy.Subject, policy.ExcludesHostNetworkPods()),
            PolicyDirections.None,
            [.. policy.Ingress.Select(r => CompileAdminRule(policy, layer, r))],
            [.. policy.Egress.Select(r => CompileAdminRule(policy, layer, r))]);
    }

    private CompiledRule CompileAdminRule(AdminPolicy policy, PolicyLayer layer, AdminRule rule)
    {
        var matchers = ImmutableArray.CreateBuilder<ClassMatcher>();
        var external = IpSet.Empty;
        var blocks = ImmutableArray.CreateBuilder<IpSet>();
        foreach (var peer in rule.Peers.IsDefault ? [] : rule.Peers)
        {
            if (peer is NetworksSelector networks)
            {
                var addresses = networks.Networks.Aggregate(IpSet.Empty, (set, cidr) => set.Union(Block(cidr, [])));
                external = external.Union(addresses);
                blocks.AddRange(networks.Networks.Select(cidr => Block(cidr, [])));
                // The ANP API checks cluster-internal traffic against networks too, so under the
                // default profile they match pods whose IP they hold, as ipBlocks do.
                if (profile == AnalysisProfile.Default) matchers.Add(new ClassMatcher(null, null, null, addresses));
            }
            else if (SelectorMatcher(peer, policy.ExcludesHostNetworkPods()) is { } matcher)
            {
                matchers.Add(matcher);
            }
        }
        var reference = new RuleRef(policy.Meta.Ref, layer, rule.Direction, rule.Index, rule.Name, rule.Span);
        var everyPeer = rule.Peers.Any(p => p is EveryPeerSelector);
        return new CompiledRule(reference, rule.Action, everyPeer, matchers.ToImmutable(), external, rule.Ports)
        {
            Blocks = blocks.ToImmutable(),
        };
    }

    /// <summary>
    /// Namespaces and pods selectors; nodes and domain names name no pods, networks are matched
    /// by address, every-peer is the rule's AllPeers.
    /// </summary>
    private static ClassMatcher? SelectorMatcher(AdminSelector selector, bool skipsHostNetwork) => selector switch
    {
        NamespacesSelector ns => new ClassMatcher(null, ns.Namespaces, null, null, skipsHostNetwork),
        PodsSelector pods => new ClassMatcher(null, pods.Namespaces, pods.Pods, null, skipsHostNetwork),
        _ => null,
    };

    private readonly Dictionary<string, IpSet> _blocks = new(StringComparer.Ordinal);

    /// <summary>The addresses of a block minus its excepts; policies repeat blocks, so each is built once.</summary>
    internal IpSet Block(CidrText cidr, ImmutableArray<CidrText> except)
    {
        var key = except.IsDefaultOrEmpty ? cidr.Text : cidr.Text + " " + string.Join(" ", except.Select(e => e.Text));
        if (_blocks.TryGetValue(key, out var cached)) return cached;
        return _blocks[key] = BuildBlock(cidr, except);
    }

    private IpSet BuildBlock(CidrText cidr, ImmutableArray<CidrText> except)
    {
        var parsed = Cidr.Parse(cidr.Text);
        if (parsed.Cidr is not { } block) return IpSet.Empty;
        var holes = (except.IsDefault ? [] : except).Select(e => Cidr.Parse(e.Text).Cidr).OfType<Cidr>();
        var addresses = IpSet.Block(block, holes);
        if (profile == AnalysisProfile.NetpolAnalyzer && addresses.HasV6)
        {
            IpV6Dropped = true;
            return addresses.Intersect(IpSet.AllV4);
        }
        return addresses;
    }
}
