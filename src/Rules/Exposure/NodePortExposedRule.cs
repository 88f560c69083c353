using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Rules.Exposure;

/// <summary>
/// nodeport-exposed: a node port (of a NodePort or LoadBalancer Service) through which outside
/// traffic reaches a backend: the backend is not isolated for ingress, or a rule admits the
/// outside addresses the policies see (node addresses under externalTrafficPolicy Cluster,
/// client addresses under Local). One finding per Service port, at the port.
/// <para>
/// The node ports of a LoadBalancer Service are reported only when they let in more than its
/// load balancer does: clients outside loadBalancerSourceRanges. A load balancer open to the
/// internet is loadbalancer-without-source-ranges' concern, and its node port adds nothing.
/// </para>
/// </summary>
public sealed class NodePortExposedRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "nodeport-exposed",
        "NodePort reaches pods that accept traffic from outside the cluster",
        Severity.Error,
        "Exposure",
        "A NodePort or LoadBalancer Service opens its node port on every node. When the backend pods are not isolated for " +
        "ingress, or an ipBlock rule admits addresses outside the cluster on the target port, anyone who can reach a node " +
        "reaches the pods. With externalTrafficPolicy: Cluster the source is rewritten to the node's address, so a rule " +
        "admitting the node network admits every client.",
        "Make the Service ClusterIP and publish it through an Ingress, or isolate the backends with a NetworkPolicy that " +
        "admits only the clients you mean to serve (with externalTrafficPolicy: Local, so the policy sees the client address).",
        [RuleTags.Security],
        8.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        var entries = EntryPointFacts.Of(context).EntryPoints;
        var balancers = entries.Where(e => e.Kind == EntryPointKind.LoadBalancer).ToDictionary(e => e.ServicePort!);
        foreach (var entry in entries)
        {
            if (entry.Kind != EntryPointKind.NodePort || !entry.IsExposed) continue;
            if (balancers.TryGetValue(entry.ServicePort!, out var balancer) && !OpensMoreThan(entry, balancer)) continue;
            var nodePort = entry.Port is { } port ? $"node port {port}" : "its allocated node port";
            yield return Report(entry.Object, entry.Span,
                $"{entry.Object} exposes {EntryPointText.AcceptingBackends(entry)} on {nodePort}/{entry.Protocol} of every node " +
                $"to {EntryPointText.Sources(entry)}; isolate the backends with a NetworkPolicy that admits only the intended clients, or use a ClusterIP Service");
        }
    }

    /// <summary>
    /// Whether the node port admits clients the load balancer would not: with the client address
    /// kept, admitted addresses outside the balancer's; under SNAT, any client at all once the
    /// balancer is limited to source ranges (the node port does not check them).
    /// </summary>
    private static bool OpensMoreThan(EntryPoint nodePort, EntryPoint balancer) => nodePort.SourceSeen == SourceAddress.Client
        ? !nodePort.Admitted.IsSubsetOf(balancer.Admitted)
        : !OutsideAddresses.Internet.IsSubsetOf(balancer.Clients);
}
