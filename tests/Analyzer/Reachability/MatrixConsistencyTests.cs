using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using static PolicyLint.Analyzer.Tests.Reachability.Sel;

namespace PolicyLint.Analyzer.Tests.Reachability;

/// <summary>
/// The matrix (shared peer sets, sparse rows, lazily evaluated ingress cells, pair listing)
/// and the pair query (direct selector matching) are two implementations of one semantics;
/// on many random small clusters they must agree on every pair.
/// </summary>
public class MatrixConsistencyTests
{
    private static readonly string[] Apps = ["web", "db", "api"];
    private static readonly string[] Teams = ["a", "b"];
    private static readonly string[] Namespaces = ["n1", "n2", "n3"];

    [Theory]
    [InlineData(AnalysisProfile.Default)]
    [InlineData(AnalysisProfile.NetpolAnalyzer)]
    public void Matrix_and_pair_query_agree_on_random_clusters(AnalysisProfile profile)
    {
        for (var seed = 0; seed < 150; seed++)
        {
            var cluster = RandomCluster(new Random(seed));
            var engine = ReachabilityEngine.Build(cluster, profile);
            var matrix = engine.ComputeMatrix();
            var listed = matrix.Pairs().ToDictionary(p => (p.Source.Id, p.Destination.Id), p => p.Connections.ToString());
            foreach (var source in engine.Peers)
            {
                foreach (var destination in engine.Peers)
                {
                    if (source.Id == destination.Id) continue;
                    var direct = engine.Connections(source, destination);
                    Assert.True(direct.Equals(matrix.Connections(source, destination)), $"seed {seed}: {source} => {destination}");
                    var expectListed = !direct.IsEmpty && destination is not IngressControllerPeer
                        && (source is not ExternalPeer || engine.ExternalSources.Any(e => e.Id == source.Id))
                        && (destination is not ExternalPeer || (source is WorkloadPeer && engine.ExternalDestinations.Any(e => e.Id == destination.Id)));
                    Assert.True(expectListed == listed.ContainsKey((source.Id, destination.Id)), $"seed {seed}: listing of {source} => {destination}");
                    if (expectListed) Assert.Equal(direct.ToString(), listed[(source.Id, destination.Id)]);
                }
            }
        }
    }

    internal static Cluster RandomCluster(Random random)
    {
        var fixture = new ClusterFixture();
        foreach (var ns in Namespaces) fixture.Namespace(ns, ("team", Pick(random, Teams)));
        var pods = random.Next(2, 7);
        for (var i = 0; i < pods; i++)
        {
            var ns = Pick(random, Namespaces);
            var app = Pick(random, Apps);
            var withIp = random.Next(3) == 0;
            fixture.Workload(ns, $"w{i}", "Deployment",
                p => { p.Labels(("app", app)).Port("http", 8000 + random.Next(3)); if (withIp) p.Ip($"10.0.{random.Next(2)}.{i + 1}"); },
                p => p.Labels(("app", random.Next(2) == 0 ? app : Pick(random, Apps))));
        }
        var policies = random.Next(0, 6);
        for (var i = 0; i < policies; i++)
        {
            var ns = Pick(random, Namespaces);
            var types = (PolicyDirections)random.Next(1, 4);
            var subject = random.Next(3) == 0 ? Sel.All : Labels(("app", Pick(random, Apps)));
            fixture.Policy(ns, $"p{i}", p =>
            {
                p.Select(subject).Types(types);
                for (var r = random.Next(0, 3); r > 0; r--) p.Ingress(RandomPeers(random), RandomPorts(random));
                for (var r = random.Next(0, 3); r > 0; r--) p.Egress(RandomPeers(random), RandomPorts(random));
            });
        }
        if (random.Next(4) == 0)
        {
            fixture.Admin("anp", random.Next(5), AdminNamespaces(Labels(("team", Pick(random, Teams)))), p => p
                .IngressRule((AdminAction)random.Next(3), [AdminPods(Sel.All, Labels(("app", Pick(random, Apps))))], RandomPorts(random) ?? [])
                .EgressRule((AdminAction)random.Next(3), [Networks("10.0.0.0/24")], RandomPorts(random) ?? []));
        }
        if (random.Next(4) == 0)
        {
            fixture.Baseline(AdminNamespaces(Sel.All), p => p.IngressRule(AdminAction.Deny, [AdminNamespaces(Labels(("team", Pick(random, Teams))))], RandomPorts(random) ?? []));
        }
        if (random.Next(3) == 0)
        {
            var ns = Pick(random, Namespaces);
            fixture.Service(ns, "svc", [("app", Pick(random, Apps))], ClusterFixture.ServicePort(80, PortRef.Of("http"), "http"));
            fixture.Ingress(ns, "ing", "svc", null);
        }
        return fixture.Build();
    }

    private static NetworkPolicyPeer[]? RandomPeers(Random random) => random.Next(6) switch
    {
        0 => null,
        1 => [Pods(Labels(("app", Pick(random, Apps))))],
        2 => [Namespaces(Labels(("team", Pick(random, Teams))))],
        3 => [PodsIn(Sel.All, Labels(("app", Pick(random, Apps)))), Block("10.0.0.0/16", "10.0.1.0/24")],
        4 => [Namespaces(Expr("team", SelectorOperator.NotIn, Pick(random, Teams)))],
        _ => [Block(random.Next(2) == 0 ? "0.0.0.0/0" : "10.0.0.0/8", "10.0.0.0/24")],
    };

    private static PolicyPort[]? RandomPorts(Random random) => random.Next(5) switch
    {
        0 => null,
        1 => [Tcp(8000 + random.Next(3))],
        2 => [Named("http"), Udp(53)],
        3 => [Tcp(7990, 8001), Sctp(9)],
        _ => [AllOf(Protocol.TCP)],
    };

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
