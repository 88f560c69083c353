using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// The computed connectivity of a cluster, from <see cref="ReachabilityEngine.ComputeMatrix"/>.
/// <see cref="Connections"/> answers one pair in O(classes(src) · classes(dst) · log);
/// <see cref="Pairs"/> lists every allowed pair in report order in time proportional to the
/// answer plus the rows' exceptions.
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
            case (IngressControllerPeer, WorkloadPeer d):
                return IntoWorkload(d, _engine.Classes.IngressController, exposedOnly: true);
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
    public IEnumerable<(Peer Source, Peer Destination, ConnectionSet Connections)> Pairs()
    {
        var order = new PeerOrder(_engine);
        var sources = _engine.Peers;
        // rows of a block of sources are computed in parallel, then yielded in order
        const int block = 256;
        var rows = new List<(int Rank, ConnectionSet Connections)>?[block];
        for (var start = 0; start < sources.Length; start += block)
        {
            var count = Math.Min(block, sources.Length - start);
            Parallel.For(0, count, i => rows[i] = RowOf(sources[start + i], order));
            for (var i = 0; i < count; i++)
            {
                if (rows[i] is not { } row) continue;
                foreach (var (rank, connections) in row)
                {
                    yield return (sources[start + i], order.Peers[rank], connections);
                }
            }
        }
    }

    private List<(int Rank, ConnectionSet Connections)>? RowOf(Peer source, PeerOrder order) => source switch
    {
        WorkloadPeer w => FromWorkload(w, order),
        ExternalPeer e when _ingressAtomById.TryGetValue(e.Id, out var atom) => FromEndpoint(_classCount + atom, null, order, exposedOnly: false),
        IngressControllerPeer => FromEndpoint(_engine.Classes.IngressController, null, order, exposedOnly: true),
        _ => null,
    };

    private List<(int Rank, ConnectionSet Connections)> FromWorkload(WorkloadPeer source, PeerOrder order)
    {
        var classes = _engine.ClassesOf(source);
        var selfRank = order.RankOf(source);
        if (classes.Length == 1) return FromEndpoint(classes[0], selfRank, order, exposedOnly: false);
        var merged = new Dictionary<int, ConnectionSet>();
        foreach (var s in classes)
        {
            foreach (var (rank, connections) in FromEndpoint(s, selfRank, order, exposedOnly: false))
            {
                merged[rank] = merged.TryGetValue(rank, out var before) ? before.Union(connections) : connections;
            }
        }
        return [.. merged.OrderBy(p => p.Key).Select(p => (p.Key, p.Value))];
    }

    /// <summary>
    /// The allowed destinations of one source endpoint (a class, an ingress range or the
    /// ingress controller), as (peer rank, connections) sorted by rank.
    /// </summary>
    private List<(int Rank, ConnectionSet Connections)> FromEndpoint(int source, int? selfRank, PeerOrder order, bool exposedOnly)
    {
        var result = new List<(int, ConnectionSet)>();
        var egress = source < _classCount ? _rows.Egress[source] : SparseRow.AllowAll;
        void Add(int destinationClass, ConnectionSet allowed)
        {
            if (exposedOnly) allowed = allowed.Intersect(_engine.Exposure[destinationClass]);
            if (allowed.IsEmpty) return;
            foreach (var rank in order.WorkloadRanksOf(destinationClass))
            {
                if (rank != selfRank) result.Add((rank, allowed));
            }
        }
        if (egress.Default.IsEmpty)
        {
            for (var k = 0; k < egress.Keys.Length; k++)
            {
                var d = egress.Keys[k];
                if (d < _classCount) Add(d, egress.Values[k].IsEmpty ? ConnectionSet.Empty : egress.Values[k].Intersect(_rows.IngressAt(d, source)));
                else if (!egress.Values[k].IsEmpty) result.Add((order.EgressAtomRank(d - _classCount), egress.Values[k]));
            }
        }
        else
        {
            foreach (var (d, ingress) in IngressCandidates(source))
            {
                Add(d, egress.Get(d).Intersect(ingress));
            }
            if (source != _engine.Classes.IngressController && source < _classCount)
            {
                for (var atom = 0; atom < order.EgressAtomCount; atom++)
                {
                    var allowed = egress.Get(_classCount + atom);
                    if (!allowed.IsEmpty) result.Add((order.EgressAtomRank(atom), allowed));
                }
            }
        }
        result.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return Coalesce(result);
    }

    /// <summary>Unites entries of the same peer (a destination workload with pods in several classes).</summary>
    private static List<(int Rank, ConnectionSet Connections)> Coalesce(List<(int Rank, ConnectionSet Connections)> sorted)
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
        return sorted;
    }

    /// <summary>Destination classes that let <paramref name="source"/> in at all, with what they allow, ascending.</summary>
    private IEnumerable<(int Destination, ConnectionSet Allowed)> IngressCandidates(int source)
    {
        var exceptions = _rows.IngressBySource.GetValueOrDefault(source) ?? [];
        var open = _rows.OpenIngress;
        int i = 0, j = 0;
        while (i < exceptions.Length || j < open.Length)
        {
            if (j >= open.Length || (i < exceptions.Length && exceptions[i].Destination <= open[j]))
            {
                if (j < open.Length && exceptions[i].Destination == open[j]) j++;
                yield return exceptions[i++];
            }
            else
            {
                var d = open[j++];
                yield return (d, _rows.Ingress[d].Default);
            }
        }
    }

    private ConnectionSet BetweenWorkloads(WorkloadPeer source, WorkloadPeer destination)
    {
        var result = ConnectionSet.Empty;
        foreach (var s in _engine.ClassesOf(source))
        {
            foreach (var d in _engine.ClassesOf(destination))
            {
                var egress = _rows.Egress[s].Get(d);
                if (!egress.IsEmpty) result = result.Union(egress.Intersect(_rows.IngressAt(d, s)));
                if (result.IsAll) return result;
            }
        }
        return result;
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
            result = result.Union(_rows.Egress[s].Get(destinationEndpoint));
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
