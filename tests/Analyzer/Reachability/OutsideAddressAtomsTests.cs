using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;
using static PolicyLint.Analyzer.Tests.Reachability.Sel;

namespace PolicyLint.Analyzer.Tests.Reachability;

/// <summary>
/// The outside address space is cut once per direction at the rules' ipBlock boundaries, and
/// under the default profile the ranges every rule names alike are one peer. Kubernetes:
/// "ipBlock: IPBlock defines policy on a particular IPBlock. If this field is set then
/// neither of the other fields can be." and "except is a slice of CIDRs that should not be
/// included within an IPBlock": a rule only asks whether an address is inside cidr minus
/// except, so addresses that are inside (or outside) every rule's block alike get the same
/// answer from every rule, for every pod.
/// </summary>
public class OutsideAddressAtomsTests
{
    private static IpSet Block(string cidr, params string[] except) =>
        IpSet.Block(ParseCidr(cidr), except.Select(ParseCidr));

    private static Cidr ParseCidr(string text) => Cidr.TryParse(text, out var cidr) ? cidr : throw new ArgumentException(text);

    [Fact]
    public void Ranges_inside_and_outside_the_same_blocks_form_one_group()
    {
        IpSet[] blocks = [Block("10.0.0.0/8", "10.1.0.0/16")];
        var atoms = IpAtoms.Cut(blocks, includeV6: false);
        Assert.Equal(
            ["0.0.0.0-9.255.255.255", "10.0.0.0-10.0.255.255", "10.1.0.0-10.1.255.255", "10.2.0.0-10.255.255.255", "11.0.0.0-255.255.255.255"],
            atoms.Ranges.Select(r => r.ToString()));
        var merged = atoms.MergedBy(blocks);
        Assert.Equal(
            ["0.0.0.0-9.255.255.255,10.1.0.0-10.1.255.255,11.0.0.0-255.255.255.255", "10.0.0.0-10.0.255.255,10.2.0.0-10.255.255.255"],
            merged.Groups.Select(g => g.ToString()));
        Assert.Equal([1], merged.GroupsWithin(blocks[0]));
    }

    [Fact]
    public void Every_block_keeps_its_own_boundaries()
    {
        IpSet[] blocks = [Block("10.0.0.0/8"), Block("10.0.0.0/16"), Block("192.168.0.0/16", "192.168.1.0/24"), Block("0.0.0.0/0", "10.0.0.0/8")];
        var merged = IpAtoms.Cut(blocks, includeV6: false).MergedBy(blocks);
        Assert.All(blocks, b => Assert.Equal(b, merged.GroupsWithin(b).Aggregate(IpSet.Empty, (set, g) => set.Union(merged.Groups[g]))));
        Assert.Equal(IpSet.AllV4, merged.Groups.Aggregate(IpSet.Empty, (set, g) => set.Union(g)));
        // 10.0/16; 10.1-10.255; 192.168 minus .1; 192.168.1 and the rest of 0/0 alike: four
        Assert.Equal(4, merged.Groups.Length);
    }

    [Fact]
    public void A_group_is_within_a_set_only_when_all_of_it_is()
    {
        IpSet[] blocks = [Block("10.0.0.0/8", "10.1.0.0/16")];
        var merged = IpAtoms.Cut(blocks, includeV6: false).MergedBy(blocks);
        Assert.Empty(merged.GroupsWithin(Block("10.0.0.0/16")));
        Assert.Equal([0, 1], merged.GroupsWithin(IpSet.AllV4));
    }

    private static Cluster OneIsolatedOneOpen() => new ClusterFixture()
        .Pod("shop", "web", ("app", "web"))
        .Pod("ops", "agent", ("app", "agent"))
        .Policy("shop", "web-out", p => p.Select(("app", "web")).Types(PolicyDirections.Egress)
            .Egress(to: [Sel.Block("10.0.0.0/8", "10.1.0.0/16")], ports: [Tcp(443)]))
        .Build();

    [Fact]
    public void Default_profile_lists_one_line_per_group_for_a_workload_no_policy_isolates()
    {
        var report = ConnectivityQuery.Run(OneIsolatedOneOpen());
        Assert.Equal(
            [
                "ops/agent[Pod] => 0.0.0.0-9.255.255.255,10.1.0.0-10.1.255.255,11.0.0.0-255.255.255.255[External] : All Connections",
                "ops/agent[Pod] => 10.0.0.0-10.0.255.255,10.2.0.0-10.255.255.255[External] : All Connections",
                "shop/web[Pod] => 10.0.0.0-10.0.255.255,10.2.0.0-10.255.255.255[External] : TCP 443",
            ],
            report.Connections.Where(c => c.Destination is ExternalPeer).Select(c => $"{c.Source} => {c.Destination} : {c.Connections}"));
    }

    [Fact]
    public void Netpol_analyzer_profile_keeps_one_peer_per_range()
    {
        var engine = ReachabilityEngine.Build(OneIsolatedOneOpen(), AnalysisProfile.NetpolAnalyzer);
        Assert.Equal(
            ["0.0.0.0-9.255.255.255", "10.0.0.0-10.0.255.255", "10.1.0.0-10.1.255.255", "10.2.0.0-10.255.255.255", "11.0.0.0-255.255.255.255"],
            engine.ExternalDestinations.Select(p => p.Addresses.ToString()));
    }

    /// <summary>Every range of a merged peer gets, towards and from every workload, exactly what the peer gets.</summary>
    [Fact]
    public void Each_range_of_a_merged_peer_is_answered_like_the_peer()
    {
        var clusters = new[]
        {
            OneIsolatedOneOpen(),
            new ClusterFixture()
                .Pod("a", "x", p => p.Labels(("app", "x")).Port("http", 8080))
                .Pod("b", "y", ("app", "y"))
                .Policy("a", "in", p => p.Select(("app", "x")).Ingress(from: [Sel.Block("0.0.0.0/0", "10.0.0.0/8", "172.16.0.0/12")], ports: [Named("http")])
                    .Ingress(from: [Sel.Block("10.0.0.0/8", "10.9.0.0/16")]))
                .Policy("b", "out", p => p.Select(Sel.All).Types(PolicyDirections.Egress).Egress(to: [Sel.Block("172.16.0.0/12"), Sel.Block("192.168.0.0/16", "192.168.7.0/24")]))
                .Build(),
        };
        foreach (var cluster in clusters)
        {
            var engine = ReachabilityEngine.Build(cluster);
            var workloads = engine.Peers.OfType<WorkloadPeer>().ToList();
            foreach (var (peers, inbound) in new[] { (engine.ExternalSources, true), (engine.ExternalDestinations, false) })
            {
                foreach (var peer in peers)
                {
                    foreach (var range in peer.Addresses.Ranges)
                    {
                        var part = new ExternalPeer(IpSet.Of(range));
                        foreach (var workload in workloads)
                        {
                            Assert.Equal(
                                inbound ? engine.Connections(peer, workload) : engine.Connections(workload, peer),
                                inbound ? engine.Connections(part, workload) : engine.Connections(workload, part));
                        }
                    }
                }
            }
        }
    }
}
