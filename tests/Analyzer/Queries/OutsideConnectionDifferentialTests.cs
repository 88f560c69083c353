using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;
using PolicyLint.Analyzer.Tests.Reachability;

namespace PolicyLint.Analyzer.Tests.Queries;

/// <summary>
/// The connectivity keeps a workload's outside ranges grouped by the connections they allow
/// (<see cref="OutsideConnection"/>) instead of one pair per range, and the listings are read
/// off the groups. docs/report-json.md, "Outside peers": "Under the default profile the report
/// then merges, per workload, the outside ranges that allow the same connections into one
/// peer"; docs/architecture.md, "Outside addresses": "Under netpol-analyzer every listing is the
/// engine's, range by range". Against the matrix's own pair listing (<see cref="ReachabilityMatrix.Pairs"/>)
/// merged the plain way (group every pair with an outside range by workload and connections,
/// unite the group's addresses, sort), on random clusters with ipBlocks and the testdata
/// folders, under both profiles, focused or not: the merged listing, the range-by-range
/// listing and the count of pairs must be exactly the same.
/// </summary>
public sealed class OutsideConnectionDifferentialTests
{
    [Theory]
    [InlineData(AnalysisProfile.Default)]
    [InlineData(AnalysisProfile.NetpolAnalyzer)]
    public void Random_ipBlock_heavy_clusters_list_alike(AnalysisProfile profile)
    {
        var merged = 0;
        for (var seed = 0; seed < 80; seed++)
        {
            merged += AssertAlike(OutsideAtomDecisionTests.BlockHeavyCluster(new Random(seed)), profile, $"block-heavy seed {seed}", new Random(seed));
            merged += AssertAlike(MatrixConsistencyTests.RandomCluster(new Random(seed)), profile, $"random seed {seed}", new Random(seed));
        }
        // the clusters really give workloads several ranges with the same connections
        Assert.True(merged > 100, $"only {merged} merged peers");
    }

    /// <summary>
    /// netpol-analyzer spells one address as a range (8.8.8.8-8.8.8.8), the merged listing (the
    /// text report, under either profile) as the address: a single range in its group is then
    /// spelt anew, not listed as the engine's peer.
    /// </summary>
    [Theory]
    [InlineData(AnalysisProfile.Default)]
    [InlineData(AnalysisProfile.NetpolAnalyzer)]
    public void A_single_address_range_is_listed_alike(AnalysisProfile profile)
    {
        var cluster = new ClusterFixture()
            .Pod("a", "web", ("app", "web"))
            .Pod("a", "db", ("app", "db"))
            .Policy("a", "dns", p => p.Select(Sel.Labels(("app", "web"))).Types(PolicyDirections.Egress)
                .Egress(to: [Sel.Block("8.8.8.8/32")], ports: [Sel.Tcp(53)])
                .Egress(to: [Sel.Block("10.0.0.0/8")], ports: [Sel.Tcp(443)]))
            .Build();
        var report = ConnectivityQuery.Run(cluster, new ConnectivityOptions(profile));

        AssertAlike(cluster, profile, "one address", new Random(1));
        Assert.Contains(report.Merged, c => c.Source.Id == "a/web[Pod]" && c.Destination.Id == "8.8.8.8[External]");
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("anp")]
    [InlineData("cnp")]
    [InlineData("exposure")]
    [InlineData("split")]
    [InlineData("cni/calico")]
    [InlineData("cni/cilium")]
    public void Testdata_folders_list_alike(string folder)
    {
        var cluster = ClusterLoader.Load([RepositoryRoot.TestData(folder)]).Cluster;
        foreach (var profile in new[] { AnalysisProfile.Default, AnalysisProfile.NetpolAnalyzer })
        {
            AssertAlike(cluster, profile, folder, new Random(1));
        }
    }

    /// <summary>Compares unfocused and focused on one workload; returns how many listed peers unite several ranges.</summary>
    private static int AssertAlike(Cluster cluster, AnalysisProfile profile, string what, Random random)
    {
        var engine = ReachabilityEngine.Build(cluster, profile);
        var matrix = engine.ComputeMatrix();
        var pairs = matrix.Pairs().ToList();
        var report = ConnectivityQuery.Run(matrix);
        var merged = Compare(pairs, report, what);
        var workloads = engine.Peers.OfType<WorkloadPeer>().ToList();
        if (workloads.Count > 0)
        {
            var focused = workloads[random.Next(workloads.Count)];
            var kept = pairs.Where(p => p.Source.Id == focused.Id || p.Destination.Id == focused.Id).ToList();
            Compare(kept, ConnectivityQuery.Run(matrix, [focused.Id]), $"{what}, focus {focused.Id}");
        }
        return merged;
    }

    private static int Compare(List<(Peer Source, Peer Destination, ConnectionSet Connections)> pairs, ConnectivityReport report, string what)
    {
        Assert.True(Lines(pairs) == Lines(report.Connections.Select(c => (c.Source, c.Destination, c.Connections))), what);
        Assert.Equal(pairs.Count, report.Count);
        var (expected, merged) = MergedPlainly(pairs);
        Assert.True(expected == Lines(report.Merged.Select(c => (c.Source, c.Destination, c.Connections))), what);
        // the peers' other spellings and the ranges they stand for agree too
        foreach (var outside in report.Outside)
        {
            Assert.Equal(IpSet.UnionOf([.. outside.Ranges.Select(r => r.Addresses)]), outside.Peer.Addresses);
            Assert.Equal(outside.Ranges.Length, outside.Parts.Count());
        }
        return merged;
    }

    /// <summary>The reference: every pair with an outside range grouped by (workload, direction, connections), the group's addresses united, everything sorted.</summary>
    private static (string Lines, int Merged) MergedPlainly(List<(Peer Source, Peer Destination, ConnectionSet Connections)> pairs)
    {
        var inside = pairs.Where(p => p.Source is not ExternalPeer && p.Destination is not ExternalPeer);
        var toOutside = pairs.Where(p => p.Destination is ExternalPeer).GroupBy(p => (p.Source.Id, p.Connections))
            .Select(g => (g.First().Source, (Peer)PeerOf([.. g.Select(p => (ExternalPeer)p.Destination)]), g.Key.Connections, Count: g.Count()));
        var fromOutside = pairs.Where(p => p.Source is ExternalPeer).GroupBy(p => (p.Destination.Id, p.Connections))
            .Select(g => ((Peer)PeerOf([.. g.Select(p => (ExternalPeer)p.Source)]), g.First().Destination, g.Key.Connections, Count: g.Count()));
        var outside = toOutside.Concat(fromOutside).ToList();
        var all = inside.Concat(outside.Select(o => (o.Item1, o.Item2, o.Connections)))
            .OrderBy(p => p.Item1.Id, StringComparer.Ordinal).ThenBy(p => p.Item2.Id, StringComparer.Ordinal);
        return (Lines(all), outside.Count(o => o.Count > 1));
    }

    private static ExternalPeer PeerOf(ImmutableArray<ExternalPeer> ranges) =>
        ranges.Length == 1 && !ranges[0].SingleAddressAsRange ? ranges[0] : new ExternalPeer(IpSet.UnionOf([.. ranges.Select(r => r.Addresses)]));

    private static string Lines(IEnumerable<(Peer Source, Peer Destination, ConnectionSet Connections)> pairs) =>
        string.Join("\n", pairs.Select(p => $"{p.Source.Id} => {p.Destination.Id} : {p.Connections}"));
}
