using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
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
/// <para>
/// An owner whose pods policies tell apart (docs/split-workloads.md) is asked per part: the rule
/// fires when some part is isolated for egress and cannot reach DNS, and names those pods.
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
        var servers = dns.SelectMany(d => DnsPeers(context, d)).ToList();
        foreach (var workload in context.Cluster.Workloads)
        {
            if (dns.Contains(workload)) continue;
            var parts = context.Reachability.PeersOf(workload);
            if (parts.Length > 1)
            {
                foreach (var diagnostic in SplitProblems(context, workload, parts, servers, policies)) yield return diagnostic;
                continue;
            }
            if (context.IsolationOf(workload) is not { EgressIsolated: true } isolation) continue;
            if (Problem(context, new WorkloadPeer(workload), isolation, servers, policies) is { } problem)
            {
                yield return Report(workload, workload.Meta.Span, $"{workload.Meta.Ref} {problem}");
            }
        }
    }

    /// <summary>
    /// An owner whose pods policies tell apart (docs/split-workloads.md): each part is asked on its
    /// own, and the parts that cannot resolve names are named by their pods, one finding per problem.
    /// </summary>
    private IEnumerable<Diagnostic> SplitProblems(LintContext context, Workload workload, IEnumerable<WorkloadPeer> parts,
        List<WorkloadPeer> servers, Dictionary<ObjectRef, NetworkPolicy> policies)
    {
        var blocked = new List<(WorkloadPeer Part, string Problem)>();
        foreach (var part in parts)
        {
            var isolation = context.IsolationOf(part) ?? IsolationQuery.For(context.Reachability, part);
            if (!isolation.EgressIsolated) continue;
            if (Problem(context, part, isolation, servers, policies) is { } problem) blocked.Add((part, problem));
        }
        foreach (var group in blocked.GroupBy(b => b.Problem, StringComparer.Ordinal))
        {
            var pods = group.SelectMany(b => b.Part.Pods).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
            var which = pods.Count == 1 ? $"pod {pods[0]}" : $"pods {string.Join(", ", pods)}";
            yield return Report(workload, workload.Meta.Span, $"{workload.Meta.Ref} ({which}) {group.Key}");
        }
    }

    private static string? Problem(LintContext context, WorkloadPeer client, WorkloadIsolation isolation,
        List<WorkloadPeer> servers, Dictionary<ObjectRef, NetworkPolicy> policies) =>
        servers.Count > 0
            ? BlockedByReachability(context, client, servers)
            : BlockedByOwnRules(isolation.EgressPolicies.Select(policies.GetValueOrDefault).OfType<NetworkPolicy>(), CiliumAllowsDns(context.Cluster, isolation.EgressPolicies));

    /// <summary>The DNS peers of a DNS workload: itself, or when it is split its parts that hold a DNS pod.</summary>
    private static IEnumerable<WorkloadPeer> DnsPeers(LintContext context, Workload server) =>
        context.Reachability.PeersOf(server) is { Length: > 1 } parts
            ? parts.Where(p => p.Pods.Any(IsDnsPod))
            : [new WorkloadPeer(server)];

    private static bool IsDnsPod(Pod pod) => pod.Labels.TryGetValue(DnsLabelKey, out var value) && value == DnsLabelValue;

    private static bool IsDns(Workload workload) => workload.Pods.Any(IsDnsPod);

    private static string? BlockedByReachability(LintContext context, WorkloadPeer client, List<WorkloadPeer> dns)
    {
        var engine = context.Reachability;
        var egressAllows = false;
        foreach (var server in dns)
        {
            var pair = engine.Explain(client, server);
            if (AllowsDns(pair.Allowed)) return null;
            egressAllows |= AllowsDns(pair.Egress.Allowed);
        }
        var servers = PolicyText.Some(dns.Select(d => d.IsPart ? d.Id : d.Workload.Meta.Ref.ToString()).Distinct().ToList());
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
