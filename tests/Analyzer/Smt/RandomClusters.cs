using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Smt;

namespace PolicyLint.Analyzer.Tests.Smt;

/// <summary>A generated cluster and the profile to analyse it with.</summary>
public sealed record RandomCase(Cluster Cluster, AnalysisProfile Profile)
{
    /// <summary>A compact description to reproduce a failing case by hand.</summary>
    public override string ToString()
    {
        var lines = new List<string> { $"profile {Profile}" };
        foreach (var ns in Cluster.Namespaces) lines.Add($"namespace {ns.Name} {{{ns.Labels}}}");
        foreach (var workload in Cluster.Workloads)
        {
            var pod = workload.Pods[0];
            lines.Add($"pod {workload.Id}{(pod.HostNetwork ? " hostNetwork" : "")} {{{pod.Labels}}} ports [{string.Join(", ", pod.Ports.Select(p => $"{p.Name}={p.Protocol}/{p.Number}"))}] ips [{string.Join(", ", pod.Ips)}]");
        }
        foreach (var policy in Cluster.NetworkPolicies)
        {
            lines.Add($"policy {policy.Namespace}/{policy.Name} select {policy.PodSelector} types {policy.PolicyTypes}{(policy.PolicyTypesDeclared ? "" : " (inferred)")}");
            foreach (var rule in policy.Ingress.Concat(policy.Egress))
            {
                var peers = rule.AllowsAllPeers ? "any peer" : string.Join(" | ", rule.Peers.Select(Describe));
                var ports = rule.AllowsAllPorts ? "any port" : string.Join(", ", rule.Ports);
                lines.Add($"  {rule.Direction} {rule.Index}: {peers} ; {ports}");
            }
        }
        foreach (var policy in Cluster.AdminPolicies)
        {
            lines.Add($"{policy.Meta.Ref.Kind} {policy.Name} priority {policy.Priority} subject {DescribeAdmin(policy.Subject)}");
            foreach (var rule in policy.Ingress.Concat(policy.Egress))
            {
                var ports = rule.Ports.IsDefaultOrEmpty ? "any port" : string.Join(", ", rule.Ports);
                lines.Add($"  {rule.Direction} {rule.Index} {rule.Action}: {string.Join(" | ", rule.Peers.Select(DescribeAdmin))} ; {ports}");
            }
        }
        return string.Join("\n", lines);
    }

    private static string DescribeAdmin(AdminSelector selector) => selector switch
    {
        NamespacesSelector ns => $"namespaces {ns.Namespaces}",
        PodsSelector pods => $"namespaces {pods.Namespaces} pods {pods.Pods}",
        NetworksSelector networks => $"networks {string.Join(",", networks.Networks)}",
        _ => selector.ToString(),
    };

    private static string Describe(NetworkPolicyPeer peer) =>
        peer.IpBlock is { } block ? $"ipBlock {block}" : $"ns {peer.NamespaceSelector?.ToString() ?? "(own)"} pods {peer.PodSelector?.ToString() ?? "(all)"}";
}

/// <summary>
/// FsCheck generators of small clusters that exercise every part of the semantics: every
/// selector operator on pod and namespace labels (including kubernetes.io/metadata.name),
/// podSelector and namespaceSelector alone and together, IPv4 and IPv6 ipBlocks with except, pods with and without known IPs, named ports with every protocol,
/// numeric ports and endPort ranges, both directions, policyTypes declared and inferred, and
/// AdminNetworkPolicies (Allow, Deny, Pass; tied priorities) with a BaselineAdminNetworkPolicy,
/// ClusterNetworkPolicies in both tiers (Accept, Deny and Pass in both; several Baseline ones
/// by priority; fail-closed "Deny all" rules), host-network pods (which ClusterNetworkPolicies
/// leave out), and cluster-policy named ports that take the container port's protocol.
/// </summary>
public static class RandomClusters
{
    public static readonly string[] NamespaceNames = ["ns0", "ns1", "ns2"];
    public static readonly int[] BoundaryPorts = [1, 52, 53, 54, 79, 80, 81, 82, 8079, 8080, 8081, 65535];
    public static readonly string[] V4Addresses = ["10.0.0.1", "10.0.1.9", "10.3.0.1", "192.168.5.5", "8.8.8.8"];
    public static readonly string[] V6Addresses = ["2001:db8::1", "2001:db8:1::1", "2001:dead::1"];

    private static readonly SourceSpan Span = new("random.yaml", 1, 1);
    private static readonly string[] PodKeys = ["app", "tier"];
    private static readonly string[] PodValues = ["a", "b", "c"];
    private static readonly string[] PortNames = ["p1", "p2"];
    private static readonly int[] PortNumbers = [53, 80, 81, 8080];
    private static readonly Protocol[] AllProtocols = [Protocol.TCP, Protocol.UDP, Protocol.SCTP];

    private static readonly (string Cidr, string[] Excepts)[] V4Blocks =
    [
        ("10.0.0.0/16", ["10.0.1.0/24", "10.0.0.0/30"]),
        ("10.0.0.0/8", ["10.0.1.0/24", "10.3.0.0/16"]),
        ("0.0.0.0/0", ["10.0.0.0/8", "192.168.0.0/16"]),
        ("192.168.0.0/16", ["192.168.5.0/24"]),
        ("10.0.1.0/24", []),
    ];

    private static readonly (string Cidr, string[] Excepts)[] V6Blocks =
    [
        ("2001:db8::/32", ["2001:db8:1::/48"]),
        ("::/0", ["2001:db8::/32"]),
    ];

    public static Arbitrary<RandomCase> Cases() => Arb.From(Case());

    public static Gen<RandomCase> Case() =>
        from profile in Gen.Elements(AnalysisProfile.Default, AnalysisProfile.Default, AnalysisProfile.NetpolAnalyzer)
        from namespaces in Gen.CollectToList(NamespaceNames, NamespaceOf)
        from podCount in Gen.Choose(2, 4)
        from pods in Gen.CollectToList(Enumerable.Range(0, podCount), WorkloadOf)
        from policyCount in Gen.Choose(0, 4)
        from policies in Gen.CollectToList(Enumerable.Range(0, policyCount), PolicyOf)
        from adminCount in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)))
        from admins in Gen.CollectToList(Enumerable.Range(0, adminCount), i => AdminPolicyOf($"anp{i}", PolicyTier.Admin, profile))
        from baselines in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Constant(1)))
        from baseline in Gen.CollectToList(Enumerable.Range(0, baselines), _ => AdminPolicyOf("default", PolicyTier.Baseline, profile))
        from cnpCount in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Constant(1)), (2, Gen.Constant(2)))
        from cnps in Gen.CollectToList(Enumerable.Range(0, cnpCount), i => ClusterNetworkPolicyOf($"cnp{i}", profile))
        select new RandomCase(new Cluster([.. namespaces], [.. pods], [], [.. policies], [], [], [.. admins, .. baseline, .. cnps]), profile);

    /// <summary>A ClusterNetworkPolicy of either tier; Baseline ones have priorities too.</summary>
    private static Gen<AdminPolicy> ClusterNetworkPolicyOf(string name, AnalysisProfile profile) =>
        from tier in Gen.Elements(PolicyTier.Admin, PolicyTier.Baseline)
        from priority in Gen.Elements(0, 1, 5, 20)
        from subject in AdminPodSelectorOf()
        from ingressCount in Gen.Choose(0, 2)
        from ingress in Gen.CollectToList(Enumerable.Range(0, ingressCount), i => ClusterRuleOf(PolicyDirections.Ingress, i, profile))
        from egressCount in Gen.Choose(0, 2)
        from egress in Gen.CollectToList(Enumerable.Range(0, egressCount), i => ClusterRuleOf(PolicyDirections.Egress, i, profile))
        select new AdminPolicy(
            new ObjectMeta(new ObjectRef(ClusterNetworkPolicyKind.Kind, "", name), Labels.Empty, Labels.Empty, Span),
            tier,
            priority,
            subject,
            [.. ingress],
            [.. egress]);

    /// <summary>Accept, Deny or Pass in either tier; now and then the "Deny all" a fail-closed peer makes.</summary>
    private static Gen<AdminRule> ClusterRuleOf(PolicyDirections direction, int index, AnalysisProfile profile) => Gen.Frequency(
        (8, from action in Gen.Elements(AdminAction.Allow, AdminAction.Deny, AdminAction.Pass)
            from peerCount in Gen.Choose(1, 2)
            from peers in Gen.ListOf(AdminPeerOf(direction, profile), peerCount)
            from portCount in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Constant(1)))
            from ports in Gen.ListOf(ClusterPortOf(), portCount)
            select new AdminRule(direction, index, $"r{index}", action, [.. peers], [.. ports], Span)),
        (1, Gen.Constant(new AdminRule(direction, index, $"r{index}", AdminAction.Deny, [new EveryPeerSelector(Span)], [], Span))));

    /// <summary>Numeric ports, or a named port that takes the container port's own protocol.</summary>
    private static Gen<PolicyPort> ClusterPortOf() => Gen.Frequency(
        (3, PortOf().Where(p => p.Port is not { IsNamed: true })),
        (2, Gen.Elements(PortNames).Select(n => new PolicyPort(Protocol.TCP, PortRef.Of(n), null, Span) { ProtocolOfContainerPort = true })));

    private static Gen<AdminPolicy> AdminPolicyOf(string name, PolicyTier tier, AnalysisProfile profile) =>
        from priority in Gen.Elements(1, 5, 5, 20)
        from subject in AdminPodSelectorOf()
        from ingressCount in Gen.Choose(0, 2)
        from ingress in Gen.CollectToList(Enumerable.Range(0, ingressCount), i => AdminRuleOf(PolicyDirections.Ingress, i, tier, profile))
        from egressCount in Gen.Choose(0, 2)
        from egress in Gen.CollectToList(Enumerable.Range(0, egressCount), i => AdminRuleOf(PolicyDirections.Egress, i, tier, profile))
        select new AdminPolicy(
            new ObjectMeta(new ObjectRef(tier == PolicyTier.Admin ? "AdminNetworkPolicy" : "BaselineAdminNetworkPolicy", "", name), Labels.Empty, Labels.Empty, Span),
            tier,
            tier == PolicyTier.Admin ? priority : 0,
            subject,
            [.. ingress],
            [.. egress]);

    private static Gen<AdminRule> AdminRuleOf(PolicyDirections direction, int index, PolicyTier tier, AnalysisProfile profile) =>
        from action in tier == PolicyTier.Admin ? Gen.Elements(AdminAction.Allow, AdminAction.Deny, AdminAction.Pass) : Gen.Elements(AdminAction.Allow, AdminAction.Deny)
        from peerCount in Gen.Choose(1, 2)
        from peers in Gen.ListOf(AdminPeerOf(direction, profile), peerCount)
        from portCount in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Constant(1)))
        from ports in Gen.ListOf(ClusterPortOf(), portCount)
        select new AdminRule(direction, index, $"r{index}", action, [.. peers], [.. ports], Span);

    private static Gen<AdminSelector> AdminPodSelectorOf() => Gen.OneOf(
        SelectorOf(NamespaceRequirement()).Select(ns => (AdminSelector)new NamespacesSelector(ns, Span)),
        from ns in SelectorOf(NamespaceRequirement())
        from pods in SelectorOf(PodRequirement())
        select (AdminSelector)new PodsSelector(ns, pods, Span));

    /// <summary>
    /// Namespaces and pods peers; networks peers in egress only, as the API has it. Under the
    /// default profile a networks peer also matches pods whose IP it holds (the ANP API checks
    /// cluster-internal traffic against networks rules too): found by this test, fixed in the
    /// concrete engine, and kept as a regression case in AdminPolicySemanticsTests.
    /// </summary>
    private static Gen<AdminSelector> AdminPeerOf(PolicyDirections direction, AnalysisProfile profile) =>
        direction == PolicyDirections.Ingress
        ? AdminPodSelectorOf()
        : Gen.Frequency(
            (4, AdminPodSelectorOf()),
            (1, Gen.Elements(V4Blocks).Select(b => (AdminSelector)new NetworksSelector([new CidrText(b.Cidr, Span)], Span))));

    private static Gen<Namespace> NamespaceOf(string name) =>
        from team in Gen.Elements<string?>(null, "x", "y")
        from env in Gen.Elements<string?>(null, "a", "b")
        select new Namespace(
            new ObjectMeta(new ObjectRef("Namespace", "", name), LabelsOf((Namespace.NameLabel, name), ("team", team), ("env", env)), Labels.Empty, Span),
            Declared: true);

    private static Gen<Workload> WorkloadOf(int index) =>
        from ns in Gen.Elements(NamespaceNames)
        from app in Gen.Elements<string?>(null, "a", "b", "c")
        from tier in Gen.Elements<string?>(null, "a", "b")
        from ports in Gen.CollectToList(PortNames, ContainerPortOf)
        from v4 in Gen.Elements(false, true)
        from v6 in Gen.Elements(false, true)
        from hostNetwork in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
        let ips = (v4 ? new[] { $"10.0.{index}.5" } : []).Concat(v6 ? [$"2001:db8::{index + 5}"] : []).ToImmutableArray()
        let labels = LabelsOf(("app", app), ("tier", tier))
        let pod = new Pod($"w{index}", labels, [new Container("c", [.. ports.OfType<ContainerPort>()], Span)], hostNetwork, ips, Span)
        select new Workload(new ObjectMeta(new ObjectRef("Pod", ns, $"w{index}"), labels, Labels.Empty, Span), "Pod", [pod], 1);

    private static Gen<ContainerPort?> ContainerPortOf(string name) =>
        from present in Gen.Elements(false, true)
        from protocol in Gen.Elements(AllProtocols)
        from number in Gen.Elements(PortNumbers)
        select present ? new ContainerPort(name, number, protocol, null, null, Span) : null;

    private static Gen<NetworkPolicy> PolicyOf(int index) =>
        from ns in Gen.Elements(NamespaceNames)
        from selector in SelectorOf(PodRequirement())
        from ingress in RulesOf(PolicyDirections.Ingress)
        from egress in RulesOf(PolicyDirections.Egress)
        from declared in Gen.Elements<PolicyDirections?>(null, PolicyDirections.Ingress, PolicyDirections.Egress, PolicyDirections.Both)
        select new NetworkPolicy(
            new ObjectMeta(new ObjectRef("NetworkPolicy", ns, $"p{index}"), Labels.Empty, Labels.Empty, Span),
            selector,
            ingress,
            egress,
            declared ?? NetworkPolicy.InferPolicyTypes(!egress.IsEmpty),
            declared is not null);

    private static Gen<ImmutableArray<NetworkPolicyRule>> RulesOf(PolicyDirections direction) =>
        from count in Gen.Choose(0, 2)
        from rules in Gen.CollectToList(Enumerable.Range(0, count), i => RuleOf(direction, i))
        select rules.ToImmutableArray();

    private static Gen<NetworkPolicyRule> RuleOf(PolicyDirections direction, int index) =>
        from peerCount in Gen.Frequency((2, Gen.Constant(0)), (5, Gen.Constant(1)), (2, Gen.Constant(2)))
        from peers in Gen.ListOf(PeerOf(), peerCount)
        from portCount in Gen.Frequency((2, Gen.Constant(0)), (5, Gen.Constant(1)), (2, Gen.Constant(2)))
        from ports in Gen.ListOf(PortOf(), portCount)
        select new NetworkPolicyRule(direction, index, [.. peers], [.. ports], Span);

    private static Gen<NetworkPolicyPeer> PeerOf() => Gen.Frequency(
        (3, SelectorOf(PodRequirement()).Select(pods => new NetworkPolicyPeer(pods, null, null, Span))),
        (3, SelectorOf(NamespaceRequirement()).Select(namespaces => new NetworkPolicyPeer(null, namespaces, null, Span))),
        (3, from namespaces in SelectorOf(NamespaceRequirement())
            from pods in SelectorOf(PodRequirement())
            select new NetworkPolicyPeer(pods, namespaces, null, Span)),
        (3, IpBlockOf().Select(block => new NetworkPolicyPeer(null, null, block, Span))));

    private static Gen<IpBlock> IpBlockOf() =>
        from block in Gen.Elements([.. V4Blocks, .. V6Blocks])
        from excepts in Gen.SubListOf(block.Excepts)
        select new IpBlock(new CidrText(block.Cidr, Span), [.. excepts.Select(e => new CidrText(e, Span))], Span);

    private static Gen<PolicyPort> PortOf() =>
        from protocol in Gen.Elements(AllProtocols)
        from port in Gen.Frequency(
            (1, Gen.Constant<(PortRef? Port, int? End)>((null, null))),
            (3, Gen.Elements(PortNumbers).Select(n => ((PortRef?)PortRef.Of(n), (int?)null))),
            (2, Gen.Elements((80, 81), (53, 80), (80, 8080), (81, 81)).Select(r => ((PortRef?)PortRef.Of(r.Item1), (int?)r.Item2))),
            (3, Gen.Elements(PortNames).Select(n => ((PortRef?)PortRef.Of(n), (int?)null))))
        select new PolicyPort(protocol, port.Item1, port.Item2, Span);

    private static Gen<LabelSelector> SelectorOf(Gen<LabelRequirement> requirement) =>
        from count in Gen.Frequency((3, Gen.Constant(0)), (4, Gen.Constant(1)), (2, Gen.Constant(2)))
        from requirements in Gen.ListOf(requirement, count)
        select new LabelSelector([.. requirements], Span);

    private static Gen<LabelRequirement> PodRequirement() =>
        from key in Gen.Elements(PodKeys)
        from requirement in RequirementOf(key, PodValues)
        select requirement;

    private static Gen<LabelRequirement> NamespaceRequirement() => Gen.OneOf(
        RequirementOf("team", ["x", "y"]),
        RequirementOf("env", ["a", "b"]),
        RequirementOf(Namespace.NameLabel, NamespaceNames));

    private static Gen<LabelRequirement> RequirementOf(string key, string[] values) =>
        from op in Gen.Elements(SelectorOperator.In, SelectorOperator.NotIn, SelectorOperator.Exists, SelectorOperator.DoesNotExist)
        from chosen in Gen.SubListOf(values).Where(v => v.Count > 0)
        select new LabelRequirement(
            key,
            op,
            op is SelectorOperator.In or SelectorOperator.NotIn ? [.. chosen] : [],
            Span,
            FromMatchLabels: op == SelectorOperator.In && chosen.Count == 1);

    private static Labels LabelsOf(params (string Key, string? Value)[] pairs) =>
        Labels.Of(pairs.Where(p => p.Value is not null).Select(p => (p.Key, p.Value!)).ToArray());
}
