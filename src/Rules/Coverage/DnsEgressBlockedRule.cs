using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Rules.Coverage;

/// <summary>
/// dns-egress-blocked: an egress-isolated workload that cannot resolve names.
/// <para>
/// When cluster DNS is in the input (kube-system pods labelled k8s-app=kube-dns), the
/// reachability engine decides, with both sides' policies and the admin tiers: the workload must
/// reach some DNS workload on UDP 53 or TCP 53. When it is not, no pod exists to ask the engine
/// about, so the rule looks at the workload's own egress rules instead: some rule of a policy
/// isolating it must allow UDP or TCP port 53 to some destination (peers are not checked:
/// the DNS service is outside the input).
/// </para>
/// </summary>
public sealed class DnsEgressBlockedRule : LintRule
{
    public const string DnsNamespace = "kube-system";
    public const string DnsLabelKey = "k8s-app";
    public const string DnsLabelValue = "kube-dns";
    private const int DnsPort = 53;

    public static RuleDescriptor Rule { get; } = new(
        "dns-egress-blocked",
        "Egress-isolated workload cannot reach cluster DNS",
        Severity.Warning,
        "Coverage",
        "The workload is isolated for egress and no policy lets it reach the cluster DNS (kube-system pods labelled " +
        "k8s-app=kube-dns) on UDP or TCP port 53. Name resolution fails, so the workload cannot reach Services by name " +
        "even where other rules allow the connection. This is the most common mistake after adding an egress default deny.",
        "Add an egress rule that allows DNS, for example to namespaceSelector kubernetes.io/metadata.name: kube-system with " +
        "podSelector k8s-app: kube-dns on UDP 53 and TCP 53. If DNS pods are themselves isolated for ingress, allow the " +
        "workload there too.",
        [RuleTags.Correctness, RuleTags.Coverage],
        0.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        var dns = context.Workloads.WorkloadsIn(DnsNamespace).Where(IsDns).ToList();
        var policies = PoliciesByRef(context.Cluster);
        foreach (var workload in context.Cluster.Workloads)
        {
            if (context.IsolationOf(workload) is not { EgressIsolated: true } isolation || dns.Contains(workload)) continue;
            var problem = dns.Count > 0
                ? BlockedByReachability(context, workload, dns)
                : BlockedByOwnRules(isolation.EgressPolicies.Select(policies.GetValueOrDefault).OfType<NetworkPolicy>(), CiliumAllowsDns(context.Cluster, isolation.EgressPolicies));
            if (problem is not null) yield return Report(workload, workload.Meta.Span, $"{workload.Meta.Ref} {problem}");
        }
    }

    private static bool IsDns(Workload workload) =>
        workload.Pods.Any(p => p.Labels.TryGetValue(DnsLabelKey, out var value) && value == DnsLabelValue);

    private static string? BlockedByReachability(LintContext context, Workload workload, List<Workload> dns)
    {
        var engine = context.Reachability;
        var egressAllows = false;
        foreach (var server in dns)
        {
            var pair = engine.Explain(new WorkloadPeer(workload), new WorkloadPeer(server));
            if (AllowsDns(pair.Allowed)) return null;
            egressAllows |= AllowsDns(pair.Egress.Allowed);
        }
        var servers = PolicyText.Some(dns.Select(d => d.Meta.Ref.ToString()).ToList());
        return egressAllows
            ? $"is isolated for egress and its policies allow DNS, but the ingress policies of {servers} do not admit it on UDP or TCP 53"
            : $"is isolated for egress and no egress rule allows it to reach {servers} on UDP or TCP 53, so name resolution fails";
    }

    private static Dictionary<ObjectRef, NetworkPolicy> PoliciesByRef(Cluster cluster)
    {
        var byRef = new Dictionary<ObjectRef, NetworkPolicy>();
        foreach (var policy in cluster.NetworkPolicies) byRef.TryAdd(policy.Meta.Ref, policy);
        return byRef;
    }

    /// <summary>Some egress allow rule of the isolating Cilium policies names UDP or TCP 53 (peers unchecked, as for NetworkPolicies).</summary>
    private static bool CiliumAllowsDns(Cluster cluster, IEnumerable<ObjectRef> isolating)
    {
        var refs = isolating.ToHashSet();
        return cluster.CiliumPolicies.Where(p => refs.Contains(p.Meta.Ref)).SelectMany(p => p.Rules).SelectMany(r => r.Egress)
            .Any(r => !r.NamesNothing && (r.Ports.IsDefaultOrEmpty || r.Ports.Any(AllowsDns)));
    }

    private static string? BlockedByOwnRules(IEnumerable<NetworkPolicy> isolating, bool ciliumAllowsDns)
    {
        if (ciliumAllowsDns) return null;
        foreach (var policy in isolating)
        {
            foreach (var rule in policy.Egress)
            {
                if (rule.AllowsAllPorts || rule.Ports.Any(AllowsDns)) return null;
            }
        }
        return "is isolated for egress and no egress rule allows UDP or TCP port 53 (cluster DNS is not in the input), so name resolution fails";
    }

    private static bool AllowsDns(ConnectionSet connections) =>
        connections.Contains(Protocol.UDP, DnsPort) || connections.Contains(Protocol.TCP, DnsPort);

    private static bool AllowsDns(PolicyPort port)
    {
        if (port.Protocol == Protocol.SCTP) return false;
        if (port.Port is null) return true;
        if (port.Port.Value.Number is not { } start) return false;
        return start == DnsPort || (port.EndPort is { } end && start <= DnsPort && DnsPort <= end);
    }
}
