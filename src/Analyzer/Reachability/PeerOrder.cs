using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// Report order (ordinal by peer id) as integer ranks, and the way from engine endpoints back
/// to peers: the workload peers (whole workloads or parts of split ones) whose pods fall into a class, the peer of an egress range.
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
        foreach (var workload in workloads)
        {
            foreach (var part in engine.PeersOf(workload))
            {
                if (!_rank.TryGetValue(part.Id, out var rank) || Peers[rank] is not WorkloadPeer { } peer || !ReferenceEquals(peer.Workload, workload)) continue;
                foreach (var c in engine.ClassesOf(part)) (byClass[c] ??= []).Add(rank);
            }
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
