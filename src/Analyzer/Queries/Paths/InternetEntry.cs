using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Analyzer.Queries.Paths;

/// <summary>
/// One way traffic from outside the cluster gets into a workload: pod ingress from outside
/// addresses (Kind <c>pod-ingress</c>, no object), or an entry point of the exposure view
/// (<c>NodePort</c>, <c>LoadBalancer</c>, <c>externalIP</c>, <c>hostPort</c>, <c>Ingress</c>,
/// <c>Route</c>) with the object and span that open it. Text says it for people.
/// </summary>
public sealed record EntryWay(string Kind, string Text, ObjectRef? Object, SourceSpan? Span);

/// <summary>
/// A workload that outside addresses reach directly, with every way in (pod ingress first,
/// then the entry points, most open first as the exposure view orders them).
/// </summary>
public sealed record InternetEntry(WorkloadPeer Workload, ImmutableArray<EntryWay> Ways)
{
    /// <summary>The name FROM takes for "anywhere outside the cluster".</summary>
    public const string Name = "{internet}";
}
