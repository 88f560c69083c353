using System.Collections.Immutable;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// The computed connectivity of a cluster, from <see cref="ReachabilityEngine.ComputeMatrix"/>.
/// <see cref="Connections"/> answers one pair with one layer walk per (source class, destination class);
/// <see cref="Pairs"/> lists every allowed pair in report order, evaluating only the cells
/// that are candidates on both the egress and the ingress side.
/// </summary>
public sealed class ReachabilityMatrix
{
    private readonly ReachabilityEngine _engine;
    private readonly MatrixRows _rows;
    private readonly Dictionary<string, int> _ingressAtomById;
    private readonly Dictionary<string, int> _egressAtomById;
    private readonly int _classCount;

    internal ReachabilityMatrix(ReachabilityEngine engine, MatrixRows rows)
    {
        _engine = engine;
        _rows = rows;
        _classCount = engine.Classes.Count;
        _ingressAtomById = AtomIndex(engine.ExternalSources);
        _egressAtomById = AtomIndex(engine.ExternalDestinations);
    }

    public ReachabilityEngine Engine => _engine;

    /// <summary>
    /// What <paramref name="source"/> can send to <paramref name="destination"/>. A workload to
    /// itself is All (a pod never blocks itself); external to external and anything towards the
    /// ingress controller is Empty. An external peer that is not one of the engine's ranges
    /// is answered by the pair query.
    /// </summary>
    public ConnectionSet Connections(Peer source, Peer destination)
    {
        switch (source, destination)
        {
            case (WorkloadPeer s, WorkloadPeer d):
                return s.Id == d.Id ? ConnectionSet.All : BetweenWorkloads(s, d);
            case (ExternalPeer s, WorkloadPeer d) when _ingressAtomById.TryGetValue(s.Id, out var atom):
                return IntoWorkload(d, _classCount + atom, exposedOnly: false);
            case (IngressControllerPeer, WorkloadPeer d) when _engine.IngressControllerWorkloads.IsEmpty:
                return IntoWorkload(d, _engine.Classes.IngressController, exposedOnly: true);
            case (IngressControllerPeer, WorkloadPeer):
                return _engine.Connections(source, destination);
            case (WorkloadPeer s, ExternalPeer d) when _egressAtomById.TryGetValue(d.Id, out var atom):
                return OutOfWorkload(s, _classCount + atom);
            case (ExternalPeer, WorkloadPeer) or (WorkloadPeer, ExternalPeer):
                return _engine.Connections(source, destination);
            default:
                return ConnectionSet.Empty;
        }
    }

    /// <summary>
    /// Every pair with a non-empty connection set, no self-pairs, ordinal by source id then
    /// destination id. Sources: workloads, the ingress ranges (<see cref="ReachabilityEngine.ExternalSources"/>)
    /// and the ingress controller; destinations: workloads and the egress ranges.
    /// </summary>
    public IEnumerable<(Peer Source, Peer Destination, ConnectionSet Connections)> Pairs() => Pairs(withOutside: true);

    /// <summary>
    /// The pairs of <see cref="Pairs"/> between peers inside the cluster (workloads and the ingress
    /// controller), in the same order; the outside ranges' cells are read by workload instead
    /// (<see cref="ToEgressAtoms"/>, <see cref="FromIngressAtoms"/>).
    /// </summary>
    public IEnumerable<(Peer Source, Peer Destination, ConnectionSet Connections)> InsidePairs() => Pairs(withOutside: false);

    private IEnumerable<(Peer Source, Peer Destination, ConnectionSet Connections)> Pairs(bool withOutside)
    {
        var order = new PeerOrder(_engine);
        var sources = withOutside ? _engine.Peers : [.. _engine.Peers.Where(p => p is not ExternalPeer)];
        // rows of a block of sources are computed in parallel, then yielded in order; the block's
        // lists are reused (a row towards thousands of outside ranges is a large object, and a
        // fresh one per source was hundreds of megabytes of garbage on ipBlock-heavy input)
        const int block = 256;
        var rows = new List<(int Rank, ConnectionSet Connections)>[block];
        for (var i = 0; i < block; i++) rows[i] = [];
        var listed = new bool[block];
        for (var start = 0; start < sources.Length; start += block)
        {
            var count = Math.Min(block, sources.Length - start);
            Parallel.For(0, count, i => listed[i] = RowOf(sources[start + i], order, withOutside, rows[i]));
            for (var i = 0; i < count; i++)
            {
                if (!listed[i]) continue;
                foreach (var (rank, connections) in rows[i])
                {
                    yield return (sources[start + i], order.Peers[rank], connections);
                }
            }
        }
    }

    /// <summary>Fills <paramref name="row"/> with the source's allowed destinations; false for a source that has no row.</summary>
    private bool RowOf(Peer source, PeerOrder order, bool withOutside, List<(int Rank, ConnectionSet Connections)> row)
    {
        switch (source)
        {
            case WorkloadPeer w:
                FromEndpoints(_engine.ClassesOf(w), order.RankOf(w), order, exposedOnly: false, withOutside, row);
                return true;
            case ExternalPeer e when _ingressAtomById.TryGetValue(e.Id, out var atom):
                FromEndpoint(_classCount + atom, null, order, exposedOnly: false, withOutside, row);
                return true;
            case IngressControllerPeer:
                FromEndpoints(_engine.IngressControllerClasses, null, order, exposedOnly: true, withOutside, row);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The row of a peer that stands for several endpoints (a workload's classes, the ingress controller's): their union.</summary>
    private void FromEndpoints(ImmutableArray<int> classes, int? selfRank, PeerOrder order, bool exposedOnly, bool withOutside, List<(int Rank, ConnectionSet Connections)> row)
    {
        if (classes.Length == 1)
        {
            FromEndpoint(classes[0], selfRank, order, exposedOnly, withOutside, row);
            return;
        }
        var merged = new Dictionary<int, ConnectionSet>();
        foreach (var s in classes)
        {
            FromEndpoint(s, selfRank, order, exposedOnly, withOutside, row);
            foreach (var (rank, connections) in row)
            {
                merged[rank] = merged.TryGetValue(rank, out var before) ? before.Union(connections) : connections;
            }
        }
        row.Clear();
        row.AddRange(merged.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)));
    }

    /// <summary>
    /// The allowed destinations of one source endpoint (a class, an ingress range or the
    /// ingress controller), as (peer rank, connections) sorted by rank. Only destinations that
    /// are candidates on both sides (the source's egress and their own ingress) are evaluated.
    /// </summary>
    private void FromEndpoint(int source, int? selfRank, PeerOrder order, bool exposedOnly, bool withOutside, List<(int Rank, ConnectionSet Connections)> result)
    {
        result.Clear();
        var egress = source < _classCount ? _rows.EgressCandidates(source) : null;
        var incoming = _rows.IngressCandidates(source);
        for (var k = 0; k < incoming.Length; k++)
        {
            var word = egress is null ? incoming[k] : incoming[k] & egress[k];
            while (word != 0)
            {
                var d = (k << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                if (d >= _classCount) break;
                var allowed = egress is null ? ConnectionSet.All : _rows.EgressAt(source, d);
                if (allowed.IsEmpty) continue;
                allowed = allowed.Intersect(_rows.IngressAt(d, source));
                if (exposedOnly) allowed = allowed.Intersect(_engine.Exposure[d]);
                if (allowed.IsEmpty) continue;
                foreach (var rank in order.WorkloadRanksOf(d))
                {
                    if (rank != selfRank) result.Add((rank, allowed));
                }
            }
        }
        // the ingress controller (exposedOnly) forwards only to Ingress and Route backends
        if (withOutside && !exposedOnly && source < _classCount)
        {
            for (var atom = 0; atom < order.EgressAtomCount; atom++)
            {
                var allowed = _rows.EgressAt(source, _classCount + atom);
                if (!allowed.IsEmpty) result.Add((order.EgressAtomRank(atom), allowed));
            }
        }
        result.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        Coalesce(result);
    }

    /// <summary>Unites entries of the same peer (a destination workload with pods in several classes).</summary>
    private static void Coalesce(List<(int Rank, ConnectionSet Connections)> sorted)
    {
        var write = 0;
        for (var read = 0; read < sorted.Count; read++)
        {
            if (write > 0 && sorted[write - 1].Rank == sorted[read].Rank)
            {
                sorted[write - 1] = (sorted[read].Rank, sorted[write - 1].Connections.Union(sorted[read].Connections));
            }
            else
            {
                sorted[write++] = sorted[read];
            }
        }
        sorted.RemoveRange(write, sorted.Count - write);
    }

    private ConnectionSet BetweenWorkloads(WorkloadPeer source, WorkloadPeer destination)
    {
        var result = ConnectionSet.Empty;
        foreach (var s in _engine.ClassesOf(source))
        {
            foreach (var d in _engine.ClassesOf(destination))
            {
                var egress = _rows.EgressAt(s, d);
                if (!egress.IsEmpty) result = result.Union(egress.Intersect(_rows.IngressAt(d, s)));
                if (result.IsAll) return result;
            }
        }
        return result;
    }

    /// <summary>
    /// What a workload may send to each of the engine's egress ranges (<see cref="ReachabilityEngine.ExternalDestinations"/>,
    /// by index), as <see cref="Pairs"/> lists each: its classes united, range by range; into
    /// <paramref name="row"/> (one per range), so that a caller asking for every workload reuses one.
    /// </summary>
    internal void ToEgressAtoms(WorkloadPeer source, ConnectionSet[] row) =>
        UniteRows(_engine.ClassesOf(source), row, _rows.EgressToOutside);

    /// <summary>
    /// What each of the engine's ingress ranges (<see cref="ReachabilityEngine.ExternalSources"/>, by
    /// index) may send to a workload, as <see cref="Connections"/> answers each; the workload's
    /// classes looked up once.
    /// </summary>
    internal ConnectionSet[] FromIngressAtoms(WorkloadPeer destination)
    {
        var result = new ConnectionSet[_engine.ExternalSources.Length];
        FromIngressAtoms(destination, result);
        return result;
    }

    /// <summary><see cref="FromIngressAtoms(WorkloadPeer)"/> into <paramref name="row"/> (one per range).</summary>
    internal void FromIngressAtoms(WorkloadPeer destination, ConnectionSet[] row) =>
        UniteRows(_engine.ClassesOf(destination), row, _rows.IngressFromOutside);

    /// <summary>The outside rows of a workload's classes united range by range, in class order (most workloads have one class).</summary>
    private static void UniteRows(ImmutableArray<int> classes, ConnectionSet[] row, Action<int, ConnectionSet[]> rowOf)
    {
        if (classes.IsEmpty)
        {
            Array.Fill(row, ConnectionSet.Empty);
            return;
        }
        rowOf(classes[0], row);
        if (classes.Length == 1) return;
        var other = new ConnectionSet[row.Length];
        for (var c = 1; c < classes.Length; c++)
        {
            rowOf(classes[c], other);
            for (var atom = 0; atom < row.Length; atom++) row[atom] = row[atom].Union(other[atom]);
        }
    }

    private ConnectionSet IntoWorkload(WorkloadPeer destination, int sourceEndpoint, bool exposedOnly)
    {
        var result = ConnectionSet.Empty;
        foreach (var d in _engine.ClassesOf(destination))
        {
            var ingress = _rows.IngressAt(d, sourceEndpoint);
            result = result.Union(exposedOnly ? ingress.Intersect(_engine.Exposure[d]) : ingress);
        }
        return result;
    }

    private ConnectionSet OutOfWorkload(WorkloadPeer source, int destinationEndpoint)
    {
        var result = ConnectionSet.Empty;
        foreach (var s in _engine.ClassesOf(source))
        {
            result = result.Union(_rows.EgressAt(s, destinationEndpoint));
        }
        return result;
    }

    private static Dictionary<string, int> AtomIndex(IEnumerable<ExternalPeer> atoms)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var atom in atoms) index[atom.Id] = i++;
        return index;
    }
}
