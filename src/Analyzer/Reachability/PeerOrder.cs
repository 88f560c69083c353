using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// Report order (ordinal by peer id) as integer ranks, and the way from engine endpoints back
/// to peers: the workloads whose pods fall into a class, the peer of an egress range.
/// </summary>
internal sealed class PeerOrder
{
    private readonly Dictionary<string, int> _rank = new(StringComparer.Ordinal);
    private readonly int[][] _workloadRanksByClass;
    private readonly int[] _egressAtomRanks;

    public PeerOrder(ReachabilityEngine engine)
    {
        Peers = engine.Peers;
        for (var i = 0; i < Peers.Length; i++) _rank[Peers[i].Id] = i;
        var byClass = new List<int>[engine.Classes.Count];
        var workloads = engine.Cluster.Workloads;
        for (var w = 0; w < workloads.Length; w++)
        {
            if (!_rank.TryGetValue(workloads[w].Id, out var rank) || Peers[rank] is not WorkloadPeer { } peer || !ReferenceEquals(peer.Workload, workloads[w])) continue;
            foreach (var c in engine.Classes.OfWorkload[w]) (byClass[c] ??= []).Add(rank);
        }
        _workloadRanksByClass = [.. byClass.Select(list => list is null ? Array.Empty<int>() : [.. list])];
        _egressAtomRanks = [.. engine.ExternalDestinations.Select(p => _rank[p.Id])];
    }

    public ImmutableArray<Peer> Peers { get; }

    public int RankOf(Peer peer) => _rank[peer.Id];

    public int[] WorkloadRanksOf(int podClass) => _workloadRanksByClass[podClass];

    public int EgressAtomCount => _egressAtomRanks.Length;

    public int EgressAtomRank(int atom) => _egressAtomRanks[atom];
}
