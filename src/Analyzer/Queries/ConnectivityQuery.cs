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
/// The answer: every peer (ordinal by id), every pair with a non-empty connection set (no
/// self-pairs; ordinal by source id, then destination id) and the engine's notes.
/// </summary>
public sealed record ConnectivityReport(
    ImmutableArray<Peer> Peers,
    ImmutableArray<PeerConnection> Connections,
    ImmutableArray<EngineNote> Notes);

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
        var connections = new ChunkedList<PeerConnection>();
        foreach (var (source, destination, allowed) in matrix.Pairs())
        {
            if (focus is not null && !IsFocused(source, focus) && !IsFocused(destination, focus)) continue;
            connections.Add(new PeerConnection(source, destination, allowed));
        }
        return new ConnectivityReport(engine.Peers, connections.ToImmutableArray(), engine.Notes);
    }

    private static bool IsFocused(Peer peer, HashSet<string> focus) =>
        peer is WorkloadPeer w && (focus.Contains(w.Id) || focus.Contains(w.Workload.Id) || focus.Contains($"{w.Workload.Namespace}/{w.Workload.Name}"));
}
