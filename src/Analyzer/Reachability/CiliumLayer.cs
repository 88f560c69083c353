using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// Cilium's policies in the layer walk (docs/cilium.md): each Cilium rule (<c>spec</c> or
/// <c>specs[i]</c>) is a policy of the NetworkPolicy layer whose allow rules join that layer's
/// union, and which isolates the directions where it enables default-deny ("an endpoint
/// selected for a direction by any policy, Cilium or Kubernetes, is default-deny in that
/// direction; allows from all kinds are unioned"). Its deny rules are applied last and take
/// away from whatever every layer allowed: "Deny policies take precedence over allow
/// policies, regardless of whether they are a Cilium Network Policy, a Clusterwide Cilium
/// Network Policy or even a Kubernetes Network Policy."
/// </summary>
internal sealed class CiliumLayer
{
    private readonly ImmutableArray<CompiledCiliumRule> _rules;
    private readonly Dictionary<string, List<CompiledCiliumRule>> _byNamespace = new(StringComparer.Ordinal);
    private readonly List<CompiledCiliumRule> _anyNamespace = [];
    private readonly List<CompiledPolicy>?[] _allowingIngress;
    private readonly List<CompiledPolicy>?[] _allowingEgress;
    private readonly CompiledRule[]?[] _denyingIngress;
    private readonly CompiledRule[]?[] _denyingEgress;

    private CiliumLayer(ImmutableArray<CompiledCiliumRule> rules, int classCount)
    {
        _rules = rules;
        foreach (var rule in rules)
        {
            // A namespaced policy's subject is pinned to its namespace: index it there.
            if (rule.Policy.Subject?.OwnNamespace is { } ns)
            {
                if (!_byNamespace.TryGetValue(ns, out var list)) _byNamespace[ns] = list = [];
                list.Add(rule);
            }
            else
            {
                _anyNamespace.Add(rule);
            }
        }
        _allowingIngress = new List<CompiledPolicy>?[classCount];
        _allowingEgress = new List<CompiledPolicy>?[classCount];
        _denyingIngress = new CompiledRule[]?[classCount];
        _denyingEgress = new CompiledRule[]?[classCount];
    }

    /// <summary>The Cilium rules whose subject may be the class: those of its namespace and the clusterwide ones.</summary>
    private IEnumerable<CompiledCiliumRule> Candidates(PodClass subject) =>
        (_byNamespace.TryGetValue(subject.Namespace, out var local) ? local : []).Concat(_anyNamespace);

    public static CiliumLayer Empty { get; } = new([], 0);

    public bool IsEmpty => _rules.IsEmpty;

    /// <summary>Every compiled rule (allows and denies), for the address cuts and the peer bit arrays.</summary>
    public IEnumerable<CompiledRule> AllRules =>
        _rules.SelectMany(r => r.Policy.Ingress.Concat(r.Policy.Egress).Concat(r.IngressDeny).Concat(r.EgressDeny));

    /// <summary>
    /// Compiles every Cilium rule. Addresses are built under the default profile whatever the
    /// analysis profile: the profiles differ only in how NetworkPolicy ipBlocks are read, and
    /// "--profile does not change Cilium semantics" (docs/cilium.md).
    /// </summary>
    public static ImmutableArray<CompiledCiliumRule> Compile(Cluster cluster)
    {
        if (cluster.CiliumPolicies.IsDefaultOrEmpty) return [];
        var compiler = new PolicyCompiler(AnalysisProfile.Default);
        return [.. cluster.CiliumPolicies.SelectMany(p => p.Rules.Select(r => CompileRule(cluster, compiler, p, r)))];
    }

    public static CiliumLayer Of(ImmutableArray<CompiledCiliumRule> rules, int classCount) =>
        rules.IsEmpty ? Empty : new CiliumLayer(rules, classCount);

    /// <summary>The Cilium rules that select the class and put it in default-deny for the direction.</summary>
    public IEnumerable<CompiledPolicy> Isolating(PodClass subject, PolicyDirections direction) =>
        Allowing(subject, direction).Where(p => (p.Isolates & direction) != 0);

    /// <summary>The Cilium rules that select the class with allows in the direction but do not isolate it there.</summary>
    public IEnumerable<CompiledPolicy> AllowingWithoutIsolating(PodClass subject, PolicyDirections direction) =>
        Allowing(subject, direction).Where(p => (p.Isolates & direction) == 0);

    /// <summary>
    /// The Cilium rules that select the class and allow something in the direction, or
    /// isolate it there: their allow rules count whenever the class is isolated by anything.
    /// Computed once per class and direction.
    /// </summary>
    public List<CompiledPolicy> Allowing(PodClass subject, PolicyDirections direction)
    {
        if (IsEmpty) return [];
        var cache = direction == PolicyDirections.Ingress ? _allowingIngress : _allowingEgress;
        return cache[subject.Index] ??= [.. Candidates(subject)
            .Where(r => ((r.Policy.Isolates & direction) != 0 || r.Policy.Rules(direction).Length > 0) && r.Policy.AppliesTo(subject))
            .Select(r => r.Policy)];
    }

    /// <summary>The deny rules that apply to the class in the direction, in input order; computed once per class and direction.</summary>
    private CompiledRule[] Denying(PodClass subject, PolicyDirections direction)
    {
        var cache = direction == PolicyDirections.Ingress ? _denyingIngress : _denyingEgress;
        return cache[subject.Index] ??= [.. Candidates(subject)
            .Where(r => r.Denies(direction).Length > 0 && r.Policy.AppliesTo(subject))
            .SelectMany(r => r.Denies(direction))];
    }

    /// <summary>Whether some deny rule applies to the class in the direction.</summary>
    public bool HasDenies(PodClass subject, PolicyDirections direction) => !IsEmpty && Denying(subject, direction).Length > 0;

    /// <summary>What the deny rules that name the peer take away; each is recorded when <paramref name="rules"/> is given.</summary>
    public ConnectionSet Denied(
        PodClass subject, PolicyDirections direction, PodClass? destination, Func<CompiledRule, bool> matches,
        ImmutableArray<RuleContribution>.Builder? rules)
    {
        var denied = ConnectionSet.Empty;
        if (subject.IsIngressController) return denied;
        foreach (var rule in Denying(subject, direction))
        {
            if (!matches(rule)) continue;
            var matched = rule.PortsFor(destination);
            if (matched.IsEmpty) continue;
            denied = denied.Union(matched);
            rules?.Add(new RuleContribution(rule.Ref, AdminAction.Deny, matched, matched));
        }
        return denied;
    }

    private static CompiledCiliumRule CompileRule(Cluster cluster, PolicyCompiler compiler, CiliumPolicy policy, CiliumRule rule)
    {
        var isolates = PolicyDirections.None;
        if (rule.DefaultDeny(PolicyDirections.Ingress)) isolates |= PolicyDirections.Ingress;
        if (rule.DefaultDeny(PolicyDirections.Egress)) isolates |= PolicyDirections.Egress;
        var subject = rule.Subject is { } s ? Matcher(s) : null;
        CompiledRule[] Rules(ImmutableArray<CiliumPeerRule> list) => [.. list.Select(r => CompilePeerRule(cluster, compiler, policy, r))];
        var compiled = new CompiledPolicy(policy.Meta.Ref, PolicyLayer.NetworkPolicy, 0, subject, isolates, [.. Rules(rule.Ingress)], [.. Rules(rule.Egress)]);
        return new CompiledCiliumRule(compiled, [.. Rules(rule.IngressDeny)], [.. Rules(rule.EgressDeny)]);
    }

    private static ClassMatcher Matcher(CiliumSelector selector) =>
        new(selector.OwnNamespace, selector.Namespaces, selector.Pods, null) { ServiceAccounts = selector.ServiceAccounts };

    /// <summary>
    /// The peers of one rule. CIDRs and world name outside addresses only: Cilium's "CIDR
    /// selectors cannot select pods", so unlike an ipBlock under the default profile they never
    /// match a pod's IP. A rule that names no L3 peer but has toPorts names every peer.
    /// </summary>
    private static CompiledRule CompilePeerRule(Cluster cluster, PolicyCompiler compiler, CiliumPolicy policy, CiliumPeerRule rule)
    {
        var matchers = ImmutableArray.CreateBuilder<ClassMatcher>();
        var blocks = ImmutableArray.CreateBuilder<IpSet>();
        var allPeers = rule.AnyPeer;
        foreach (var selector in rule.Endpoints) matchers.Add(Matcher(selector));
        foreach (var entity in rule.Entities)
        {
            switch (entity)
            {
                case CiliumEntity.All: allPeers = true; break;
                case CiliumEntity.Cluster: matchers.Add(new ClassMatcher(null, null, null, null)); break;
                case CiliumEntity.World:
                    blocks.Add(compiler.Block(new CidrText("0.0.0.0/0", rule.Span), []));
                    blocks.Add(compiler.Block(new CidrText("::/0", rule.Span), []));
                    break;
            }
        }
        foreach (var cidr in rule.Cidrs) blocks.Add(compiler.Block(cidr.Cidr, cidr.Except));
        foreach (var service in rule.Services) AddService(cluster, compiler, policy, service, matchers, blocks);
        var external = blocks.Aggregate(IpSet.Empty, (set, block) => set.Union(block));
        var reference = new RuleRef(policy.Meta.Ref, PolicyLayer.NetworkPolicy, rule.Direction, rule.Index, null, rule.Span) { Field = rule.Field };
        var action = rule.Deny ? AdminAction.Deny : AdminAction.Allow;
        if (rule.NamesNothing) return new CompiledRule(reference, action, false, [], IpSet.Empty, []) { Blocks = [] };
        return new CompiledRule(reference, action, allPeers, matchers.ToImmutable(), external, rule.Ports) { Blocks = blocks.ToImmutable() };
    }

    /// <summary>
    /// toServices: "uses the discovered services' label selector as an endpoint selector";
    /// for a Service without a selector "the IPs in the service's EndpointSlices are converted
    /// to CIDR selectors". The namespace defaults to the policy's; clusterwide, to every namespace.
    /// </summary>
    private static void AddService(
        Cluster cluster, PolicyCompiler compiler, CiliumPolicy policy, CiliumServiceRef reference,
        ImmutableArray<ClassMatcher>.Builder matchers, ImmutableArray<IpSet>.Builder blocks)
    {
        var ns = reference.Namespace ?? policy.ScopeNamespace;
        foreach (var service in cluster.Services)
        {
            if (ns is not null && service.Namespace != ns) continue;
            if (reference.Name is { } name ? service.Name != name : !reference.Selector!.Matches(service.Meta.Labels)) continue;
            if (service.HasSelector)
            {
                var requirements = service.Selector!.Select(p => new LabelRequirement(p.Key, SelectorOperator.In, [p.Value], reference.Span, FromMatchLabels: true));
                matchers.Add(new ClassMatcher(service.Namespace, null, new LabelSelector([.. requirements], reference.Span), null));
                continue;
            }
            foreach (var endpoints in cluster.Endpoints.Where(e => e.Namespace == service.Namespace && e.Service == service.Name))
            {
                foreach (var address in endpoints.Addresses)
                {
                    var prefix = address.Contains(':') ? "/128" : "/32";
                    blocks.Add(compiler.Block(new CidrText(address + prefix, reference.Span), []));
                }
            }
        }
    }
}

/// <summary>A Cilium rule compiled: its allows and isolation as a NetworkPolicy-layer policy, and its deny rules per direction.</summary>
internal sealed record CompiledCiliumRule(CompiledPolicy Policy, ImmutableArray<CompiledRule> IngressDeny, ImmutableArray<CompiledRule> EgressDeny)
{
    public ImmutableArray<CompiledRule> Denies(PolicyDirections direction) =>
        direction == PolicyDirections.Ingress ? IngressDeny : EgressDeny;
}
