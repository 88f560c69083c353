using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// Options of the connectivity question. FocusWorkloads (empty = all) keeps only the pairs
/// with a focused workload at either end; a workload is named by its peer id
/// (<c>ns/name[Kind]</c>) or by <c>ns/name</c>; naming the owner of a split workload focuses every
/// part of it (docs/split-workloads.md).
/// </summary>
public sealed record ConnectivityOptions(
    AnalysisProfile Profile = AnalysisProfile.Default,
    ImmutableArray<string> FocusWorkloads = default);

/// <summary>One allowed connection: a source, a destination and the non-empty set of connections.</summary>
public sealed record PeerConnection(Peer Source, Peer Destination, ConnectionSet Connections);

/// <summary>
/// The answer: every peer (ordinal by id), the engine's notes, and every pair with a non-empty
/// connection set (no self-pairs) in two parts. <see cref="Inside"/>: the pairs between peers of
/// the cluster (workloads and the ingress controller), ordinal by source id, then destination id.
/// <see cref="Outside"/>: per workload (ordinal by id) and direction (egress first), the engine's
/// outside ranges grouped by the connections they allow; the groups of a workload and direction
/// in the order of their first range. On ipBlock-heavy input the engine cuts the outside into
/// thousands of ranges, and a workload meets each of them: a million pairs that no listing of
/// the default profile prints one by one (<see cref="Merged"/>), so they are made only when asked
/// for (<see cref="Connections"/>).
/// </summary>
public sealed record ConnectivityReport(
    ImmutableArray<Peer> Peers,
    ImmutableArray<PeerConnection> Inside,
    ImmutableArray<OutsideConnection> Outside,
    ImmutableArray<EngineNote> Notes)
{
    /// <summary>How many pairs the engine allows, one per outside range (the summary's allowed pairs).</summary>
    public int Count => Inside.Length + Outside.Sum(o => o.Ranges.Length);

    /// <summary>
    /// Every pair as the engine cuts the outside, one per range, ordinal by source id, then
    /// destination id (netpol-analyzer's listing; <c>diff</c> compares ranges). Made on each use.
    /// </summary>
    public ImmutableArray<PeerConnection> Connections => ConnectivityOrder.PerRange(this);

    /// <summary>
    /// <see cref="Inside"/> and each <see cref="OutsideConnection.Connection"/> (a workload's ranges
    /// with the same connections as one peer), ordinal by source id, then destination id: what the
    /// listings print under the default profile. Made on each use.
    /// </summary>
    public ImmutableArray<PeerConnection> Merged => ConnectivityOrder.Merged(this);
}

/// <summary>"Who can talk to whom, on what": the connectivity of a whole cluster, as data.</summary>
public static class ConnectivityQuery
{
    public static ConnectivityReport Run(Cluster cluster, ConnectivityOptions? options = null)
    {
        options ??= new ConnectivityOptions();
        return Run(ReachabilityEngine.Build(cluster, options.Profile), options.FocusWorkloads);
    }

    public static ConnectivityReport Run(ReachabilityEngine engine, ImmutableArray<string> focusWorkloads = default) =>
        Run(engine.ComputeMatrix(), focusWorkloads);

    /// <summary>The connectivity of a matrix already computed (a report asks it other questions too).</summary>
    public static ConnectivityReport Run(ReachabilityMatrix matrix, ImmutableArray<string> focusWorkloads = default)
    {
        var engine = matrix.Engine;
        var focus = focusWorkloads.IsDefaultOrEmpty ? null : focusWorkloads.ToHashSet(StringComparer.Ordinal);
        var inside = new ChunkedList<PeerConnection>();
        foreach (var (source, destination, allowed) in matrix.InsidePairs())
        {
            if (focus is not null && !IsFocused(source, focus) && !IsFocused(destination, focus)) continue;
            inside.Add(new PeerConnection(source, destination, allowed));
        }
        WorkloadPeer[] workloads = [.. engine.Peers.OfType<WorkloadPeer>().Where(w => focus is null || IsFocused(w, focus))];
        var egress = new OutsideRow(engine.ExternalDestinations);
        var ingress = new OutsideRow(engine.ExternalSources);
        var outside = new List<OutsideConnection>[workloads.Length];
        Parallel.For(0, workloads.Length, () => (Egress: egress.Buffers(), Ingress: ingress.Buffers()), (i, _, buffers) =>
        {
            var workload = workloads[i];
            outside[i] = [];
            matrix.ToEgressAtoms(workload, buffers.Egress.Cells);
            egress.AddGroups(outside[i], workload, PolicyDirections.Egress, buffers.Egress);
            matrix.FromIngressAtoms(workload, buffers.Ingress.Cells);
            ingress.AddGroups(outside[i], workload, PolicyDirections.Ingress, buffers.Ingress);
            return buffers;
        }, _ => { });
        return new ConnectivityReport(engine.Peers, inside.ToImmutableArray(), [.. outside.SelectMany(groups => groups)], engine.Notes);
    }

    private static bool IsFocused(Peer peer, HashSet<string> focus) =>
        peer is WorkloadPeer w && (focus.Contains(w.Id) || focus.Contains(w.Workload.Id) || focus.Contains($"{w.Workload.Namespace}/{w.Workload.Name}"));
}
