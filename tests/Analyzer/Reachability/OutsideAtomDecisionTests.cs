using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;
using static PolicyLint.Analyzer.Tests.Reachability.Sel;

namespace PolicyLint.Analyzer.Tests.Reachability;

/// <summary>
/// The matrix decides a class's egress towards the outside-address atoms, and its ingress from
/// them, through <see cref="MembershipDecisions"/>: one layer walk per combination of "does this
/// rule name the atom?" answers instead of one per atom. Kubernetes: "ipBlock: This selects particular IP CIDR
/// ranges to allow as ingress sources or egress destinations. These should be cluster-external
/// IPs" and "except is a slice of CIDRs that should not be included within an IPBlock"
/// (https://kubernetes.io/docs/concepts/services-networking/network-policies/, API reference
/// IPBlock); AdminNetworkPolicy egress peers "networks" select CIDRs the same way
/// (network-policy-api, AdminNetworkPolicyEgressPeer). Atoms inside and outside every block and
/// except must each get exactly what the pair query (direct CIDR matching) answers.
/// </summary>
public class OutsideAtomDecisionTests
{
    private static readonly string[] Apps = ["web", "db", "api"];
    private static readonly string[] Namespaces = ["n1", "n2"];

    [Theory]
    [InlineData(AnalysisProfile.Default)]
    [InlineData(AnalysisProfile.NetpolAnalyzer)]
    public void Matrix_to_and_from_each_atom_equals_the_pair_query_on_ipBlock_heavy_clusters(AnalysisProfile profile)
    {
        int egressAtoms = 0, ingressAtoms = 0;
        for (var seed = 0; seed < 120; seed++)
        {
            var cluster = BlockHeavyCluster(new Random(seed));
            var engine = ReachabilityEngine.Build(cluster, profile);
            var matrix = engine.ComputeMatrix();
            var listed = matrix.Pairs()
                .Where(p => p.Source is ExternalPeer || p.Destination is ExternalPeer)
                .ToDictionary(p => (p.Source.Id, p.Destination.Id), p => p.Connections.ToString());
            egressAtoms += engine.ExternalDestinations.Length;
            ingressAtoms += engine.ExternalSources.Length;
            foreach (var workload in engine.Peers.OfType<WorkloadPeer>())
            {
                foreach (var atom in engine.ExternalDestinations) AssertListed(seed, engine, matrix, listed, workload, atom);
                foreach (var atom in engine.ExternalSources) AssertListed(seed, engine, matrix, listed, atom, workload);
            }
        }
        // the clusters really cut the outside addresses finely (else the tree would never be reused)
        Assert.True(egressAtoms > 120 * 8 && ingressAtoms > 120 * 4, $"only {egressAtoms} egress and {ingressAtoms} ingress atoms");
    }

    private static void AssertListed(
        int seed, ReachabilityEngine engine, ReachabilityMatrix matrix, Dictionary<(string, string), string> listed, Peer source, Peer destination)
    {
        var direct = engine.Connections(source, destination);
        var key = (source.Id, destination.Id);
        Assert.True(direct.IsEmpty != listed.ContainsKey(key), $"seed {seed}: listing of {source} => {destination}: {direct}");
        if (!direct.IsEmpty) Assert.Equal(direct.ToString(), listed[key]);
        Assert.True(direct.Equals(matrix.Connections(source, destination)), $"seed {seed}: {source} => {destination}");
    }

    [Fact]
    public void Atoms_with_the_same_answers_share_one_walk_and_one_decision()
    {
        var ruleA = Rule();
        var ruleB = Rule();
        // endpoints 0..63: A names the even ones, B those below 32
        var named = new Dictionary<CompiledRule, ulong[]>(ReferenceEqualityComparer.Instance)
        {
            [ruleA] = [0x5555555555555555UL],
            [ruleB] = [0x00000000FFFFFFFFUL],
        };
        var web = ConnectionSet.Of(Protocol.TCP, 80);
        var walks = 0;
        // a walk whose second question depends on the first answer
        var decisions = new MembershipDecisions(rule => named[rule], matches =>
        {
            walks++;
            if (matches(ruleA)) return matches(ruleB) ? ConnectionSet.All : ConnectionSet.Empty;
            return web;
        });
        for (var endpoint = 0; endpoint < 64; endpoint++)
        {
            var expected = endpoint % 2 == 1 ? web : endpoint < 32 ? ConnectionSet.All : ConnectionSet.Empty;
            Assert.Same(expected, decisions.For(endpoint));
        }
        Assert.Equal(3, walks);
    }

    [Fact]
    public void Once_a_walk_asks_differently_after_the_same_answers_every_endpoint_walks()
    {
        var ruleA = Rule();
        var ruleB = Rule();
        // A names endpoint 1, B endpoint 2
        var named = new Dictionary<CompiledRule, ulong[]>(ReferenceEqualityComparer.Instance) { [ruleA] = [2UL], [ruleB] = [4UL] };
        var calls = 0;
        // not a pure function of the answers: odd walks ask A, even walks ask B
        var decisions = new MembershipDecisions(rule => named[rule], matches =>
        {
            var rule = ++calls % 2 == 1 ? ruleA : ruleB;
            return matches(rule) ? ConnectionSet.All : ConnectionSet.Empty;
        });
        Assert.True(decisions.For(1).IsAll);
        Assert.True(decisions.For(1).IsAll);
        Assert.Equal(1, calls); // read from the tree
        Assert.True(decisions.For(0).IsEmpty); // the second walk asks B first where the tree asks A
        Assert.True(decisions.For(1).IsAll);
        Assert.True(decisions.For(1).IsEmpty); // walked again (B does not name 1), not read from the dropped tree
        Assert.Equal(4, calls);
    }

    private static CompiledRule Rule() =>
        BuildEngine(new ClusterFixture().Namespace("n1").Policy("n1", "p", p => p.Select(Sel.All).Types(PolicyDirections.Egress).Egress([Block("10.0.0.0/8")])).Build())
            .AllNetworkPolicies.Single().Rules(PolicyDirections.Egress)[0];

    private static ReachabilityEngine BuildEngine(Cluster cluster) => ReachabilityEngine.Build(cluster, AnalysisProfile.Default);

    /// <summary>A few workloads under many rules, each naming random blocks with random excepts (and cluster policies naming networks).</summary>
    internal static Cluster BlockHeavyCluster(Random random)
    {
        var fixture = new ClusterFixture();
        foreach (var ns in Namespaces) fixture.Namespace(ns);
        for (var i = 0; i < random.Next(2, 5); i++)
        {
            var app = Pick(random, Apps);
            fixture.Workload(Pick(random, Namespaces), $"w{i}", "Deployment", p => p.Labels(("app", app)).Port("http", 8080), p => p.Labels(("app", app)));
        }
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            var subject = random.Next(3) == 0 ? Sel.All : Labels(("app", Pick(random, Apps)));
            fixture.Policy(Pick(random, Namespaces), $"p{i}", p =>
            {
                p.Select(subject).Types((PolicyDirections)random.Next(1, 4));
                for (var r = random.Next(1, 4); r > 0; r--) p.Egress([.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => RandomBlock(random))], RandomPorts(random));
                for (var r = random.Next(0, 3); r > 0; r--) p.Ingress([.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => RandomBlock(random))], RandomPorts(random));
            });
        }
        if (random.Next(3) == 0)
        {
            fixture.Admin("anp", random.Next(5), AdminNamespaces(Sel.All), p => p
                .EgressRule((AdminAction)random.Next(3), [Networks(RandomCidr(random, 8, 16))], RandomPorts(random) ?? [])
                .EgressRule((AdminAction)random.Next(3), [Networks(RandomCidr(random, 12, 20))], [])
                .IngressRule((AdminAction)random.Next(3), [AdminNamespaces(Sel.All)], RandomPorts(random) ?? []));
        }
        if (random.Next(3) == 0)
        {
            fixture.Baseline(AdminNamespaces(Sel.All), p => p.EgressRule(AdminAction.Deny, [Networks(RandomCidr(random, 8, 12))], RandomPorts(random) ?? []));
        }
        return fixture.Build();
    }

    /// <summary>A /8 to /16 inside 10.0.0.0/7, with zero to two excepts inside it.</summary>
    private static NetworkPolicyPeer RandomBlock(Random random)
    {
        var prefix = random.Next(8, 17);
        var start = RandomNetwork(random, prefix);
        var excepts = Enumerable.Range(0, random.Next(3)).Select(_ =>
        {
            var inner = prefix + random.Next(2, 9);
            return $"{Ip(start + ((uint)random.Next(0, 1 << (inner - prefix)) << (32 - inner)))}/{inner}";
        });
        return Block($"{Ip(start)}/{prefix}", [.. excepts]);
    }

    private static string RandomCidr(Random random, int minPrefix, int maxPrefix)
    {
        var prefix = random.Next(minPrefix, maxPrefix + 1);
        return $"{Ip(RandomNetwork(random, prefix))}/{prefix}";
    }

    private static uint RandomNetwork(Random random, int prefix) => (10u << 24 | (uint)random.Next(0, 1 << 25)) & (uint.MaxValue << (32 - prefix));

    private static string Ip(uint address) => $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}";

    private static PolicyPort[]? RandomPorts(Random random) => random.Next(4) switch
    {
        0 => null,
        1 => [Tcp(443)],
        2 => [Tcp(8000 + random.Next(3)), Udp(53)],
        _ => [Tcp(8000, 8001)],
    };

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
