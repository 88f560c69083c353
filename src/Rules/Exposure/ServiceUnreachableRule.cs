using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Rules.Exposure;

/// <summary>
/// service-unreachable: a Service with backends that no other workload of the input, no outside
/// address and no ingress controller may reach on any of its ports' target ports. The pods of a
/// backend itself do not count (a pod never blocks itself, which says nothing about clients).
/// Ports whose targetPort resolves on no backend are left to service-target-port-unresolved;
/// a Service with none resolved is not reported here. Outside addresses and the ingress
/// controller are asked first (one engine question each per backend), which settles every
/// backend that is not isolated; only the rest look at the full matrix, computed once.
/// </summary>
public sealed class ServiceUnreachableRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "service-unreachable",
        "No client may reach the Service",
        Severity.Warning,
        "Exposure",
        "Every backend of the Service refuses every client on the Service's target ports: policies isolate the pods and no " +
        "rule admits any workload in the input, any outside address or the ingress controller there. The Service is dead, " +
        "or its clients' policy is missing.",
        "Add an ingress rule to the backends' NetworkPolicies that admits the clients of the Service on its target port, " +
        "or remove the Service if nothing should use it.",
        [RuleTags.Correctness],
        0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        var facts = EntryPointFacts.Of(context);
        var catalog = facts.Catalog;
        var engine = context.Reachability;
        var sources = OutsideSources(engine);
        foreach (var service in context.Cluster.Services)
        {
            var targets = service.Ports.SelectMany(p => catalog.Targets(service, p, engine.PeersOf).Where(t => t.Resolved).Select(t => (Port: p, Target: t))).ToList();
            if (targets.Count == 0) continue;
            if (targets.Any(t => AnyOutsideSourceAccepts(engine, sources, t.Port, t.Target))) continue;
            if (targets.Any(t => AnyWorkloadAccepts(facts, t.Port, t.Target))) continue;
            var ports = string.Join(", ", targets.Select(t => $"{EntryPointText.Ports(t.Target)}/{t.Port.Protocol}").Distinct());
            var why = EntryPointFacts.WhyRefused(context, targets.Select(t => t.Target.Workload).OfType<Analyzer.Model.Workload>());
            yield return Report(service, service.Meta.Span,
                $"{service.Meta.Ref}: no workload in the input, no outside address and no ingress controller may reach its backends on {ports} ({why}); " +
                "add an ingress rule that admits the Service's clients on its target port, or remove the Service");
        }
    }

    private static List<Peer> OutsideSources(ReachabilityEngine engine)
    {
        var sources = new List<Peer>(engine.ExternalSources);
        if (engine.FindPeer(IngressControllerPeer.Name) is { } controller) sources.Add(controller);
        return sources;
    }

    private static bool AnyOutsideSourceAccepts(ReachabilityEngine engine, List<Peer> sources, ServicePort port, ServiceBackendTarget target)
    {
        // An outside address listed in the Service's Endpoints: no NetworkPolicy of the input stands before it.
        if (target.Workload is null) return true;
        var backend = (WorkloadPeer)target.Backend;
        foreach (var source in sources)
        {
            if (ServiceQuery.Accepts(engine.Connections(source, backend), port.Protocol, target.TargetPorts)) return true;
        }
        return false;
    }

    /// <summary>The matrix has no self pairs, so a backend's own pods never count as its clients.</summary>
    private static bool AnyWorkloadAccepts(EntryPointFacts facts, ServicePort port, ServiceBackendTarget target)
    {
        foreach (var connection in facts.IncomingByDestination[target.Id])
        {
            if (ServiceQuery.Accepts(connection.Connections, port.Protocol, target.TargetPorts)) return true;
        }
        return false;
    }
}
