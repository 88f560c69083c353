using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Queries.Dependencies;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;
using PolicyLint.Analyzer.Tests.Smt;
using PolicyLint.Tests;

namespace PolicyLint.Analyzer.Tests.Reachability;

/// <summary>
/// The lazy engine (docs/architecture.md, "The lazy engine") against the full one: an engine
/// built for one pair, from the classes and NetworkPolicies of the pair's namespaces and every
/// cluster policy, must give every pair the full engine's answer and explanation, to the
/// rule, the order of the rules and the notes; so must the façade, which builds it when no
/// whole-cluster question came first, for pairs, for Services backend by backend and for
/// Services named by DNS name (with the cluster DNS check).
/// </summary>
public sealed class LazyEngineDifferentialTests
{
    public static TheoryData<string> Folders()
    {
        var root = RepositoryRoot.TestData("");
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "demo", "anp", "cnp", "exposure", "redundancy", "loading", "invalid", "split", "cni", "cni/calico", "cni/cilium", "cni/calico-pod-ips" }) data.Add(folder);
        foreach (var change in Directory.GetDirectories(Path.Combine(root, "diff")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.Combine("diff", Path.GetFileName(change), "base"));
            data.Add(Path.Combine("diff", Path.GetFileName(change), "head"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Every_pair_of_a_testdata_folder_is_answered_alike(string folder)
    {
        var cluster = ClusterLoader.Load([RepositoryRoot.TestData(folder)]).Cluster;
        foreach (var profile in new[] { AnalysisProfile.Default, AnalysisProfile.NetpolAnalyzer })
        {
            AssertAlike(cluster, profile, folder);
        }
    }

    [Theory]
    [InlineData(AnalysisProfile.Default)]
    [InlineData(AnalysisProfile.NetpolAnalyzer)]
    public void Every_pair_of_random_clusters_with_services_and_ingresses_is_answered_alike(AnalysisProfile profile)
    {
        for (var seed = 0; seed < 150; seed++)
        {
            AssertAlike(MatrixConsistencyTests.RandomCluster(new Random(seed)), profile, $"seed {seed}");
        }
    }

    /// <summary>Every selector operator, ipBlocks of both families, the three cluster-policy kinds in both tiers, host-network pods.</summary>
    [Fact]
    public void Every_pair_of_random_clusters_with_cluster_policies_is_answered_alike()
    {
        Prop.ForAll(RandomClusters.Cases(), c =>
        {
            AssertAlike(c.Cluster, c.Profile, c.ToString());
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true));
    }

    [Fact]
    public void A_pair_engine_classifies_only_the_pods_of_the_two_namespaces_and_compiles_only_their_network_policies()
    {
        var cluster = new ClusterFixture()
            .Pod("a", "web", ("app", "web"))
            .Pod("b", "db", ("app", "db"))
            .Pod("c", "other", ("app", "other"))
            .Policy("a", "deny-a", p => p.Select(Sel.All).Types(PolicyDirections.Ingress))
            .Policy("c", "deny-c", p => p.Select(Sel.All).Types(PolicyDirections.Ingress))
            .Build();
        var pair = ReachabilityEngine.BuildFor(cluster, AnalysisProfile.Default, [Peer(cluster, "a/web"), Peer(cluster, "b/db")]);
        Assert.Equal(["a", "b"], pair.Scope!.Namespaces);
        Assert.Equal(2, pair.ClassCount);
        Assert.Equal(["deny-a"], pair.AllNetworkPolicies.Select(p => p.Ref.Name));
        Assert.Empty(pair.ClassesOf(new WorkloadPeer(cluster.Workloads.Single(w => w.Namespace == "c"))));
        Assert.Throws<InvalidOperationException>(() => pair.ComputeMatrix());
    }

    /// <summary>
    /// The ingress controller is the pods of the controller workloads (docs/architecture.md): a
    /// pair that starts there needs the controller's namespace and its egress policies too.
    /// </summary>
    [Fact]
    public void The_ingress_controller_brings_its_own_namespace_into_the_scope()
    {
        var cluster = ClusterLoader.Load([RepositoryRoot.TestData("demo")]).Cluster;
        var controllers = IngressControllers.Find(cluster);
        Assert.NotEmpty(controllers);
        var backend = cluster.Workloads.First(w => !w.Pods.IsEmpty && controllers.All(c => c.Namespace != w.Namespace));
        var scope = ReachabilityEngine.ScopeOf(cluster, AnalysisProfile.Default, [IngressControllerPeer.Instance, new WorkloadPeer(backend)]);
        Assert.Contains(backend.Namespace, scope.Namespaces);
        Assert.All(controllers, c => Assert.Contains(c.Namespace, scope.Namespaces));
    }

    private static WorkloadPeer Peer(Cluster cluster, string name) => (WorkloadPeer)PeerLookup.Find(ReachabilityEngine.Build(cluster), name).Peer!;

    private static void AssertAlike(Cluster cluster, AnalysisProfile profile, string what)
    {
        var full = ReachabilityEngine.Build(cluster, profile);
        var peers = Peers(cluster, full);
        foreach (var source in peers)
        {
            foreach (var destination in peers)
            {
                var lazy = ReachabilityEngine.BuildFor(cluster, profile, [source, destination]);
                var expected = Render(full.Explain(source, destination));
                Assert.True(expected == Render(lazy.Explain(source, destination)),
                    $"{what}, {profile}: {source} => {destination}\nfull:\n{expected}\nlazy:\n{Render(lazy.Explain(source, destination))}");
            }
        }
        foreach (var peer in full.Peers.Append(IngressControllerPeer.Instance))
        {
            foreach (var text in new[] { peer.Id, peer is WorkloadPeer w ? $"{w.Workload.Namespace}/{w.Workload.Name}" : peer.Id, peer.Id + "x" })
            {
                var expected = PeerLookup.Find(full, text);
                var actual = new Analysis(cluster, profile).FindPeer(text);
                Assert.True((expected.Peer?.Id, expected.Problem, string.Join(",", expected.Suggestions)) == (actual.Peer?.Id, actual.Problem, string.Join(",", actual.Suggestions)),
                    $"{what}, {profile}: looking up {text}");
            }
        }
        var analysis = new Analysis(cluster, profile);
        var catalog = new ServiceCatalog(cluster);
        foreach (var source in peers.Where(p => p is not ExternalPeer))
        {
            var destination = peers.OfType<WorkloadPeer>().FirstOrDefault(d => d.Id != source.Id);
            if (destination is not null)
            {
                var expected = CanReachQuery.Run(full, source, destination, Protocol.TCP, 80);
                var actual = analysis.CanReach(source, destination, Protocol.TCP, 80);
                Assert.Equal(expected.Reachable, actual.Reachable);
                Assert.Equal(Render(expected.Explanation), Render(actual.Explanation));
            }
            foreach (var service in cluster.Services)
            {
                if (source is WorkloadPeer client)
                {
                    var name = $"{service.Name}.{service.Namespace}";
                    Assert.True(Render(NameReach.Check(full, catalog, client, name, null, null)) == Render(analysis.CanReachName(client, name, null, null)),
                        $"{what}, {profile}: {source} => {name}");
                }
                foreach (var port in service.Ports)
                {
                    Assert.True(Render(ServiceQuery.CanReach(full, catalog, source, service, port)) == Render(analysis.CanReachService(source, service, port)),
                        $"{what}, {profile}: {source} => {service.Id} port {port.Port}");
                }
            }
        }
    }

    /// <summary>Every peer of the full engine, and single addresses as the command line names them (pod IPs among them).</summary>
    private static List<Peer> Peers(Cluster cluster, ReachabilityEngine full)
    {
        var addresses = cluster.Workloads.SelectMany(w => w.Pods).SelectMany(p => p.Ips)
            .Concat(["8.8.8.8", "10.0.0.1", "10.0.1.9", "192.168.5.5", "2001:db8::1"]).Distinct();
        return
        [
            .. full.Peers,
            .. addresses.Select(a => PeerLookup.Find(full, a).Peer).OfType<Peer>(),
        ];
    }

    private static string Render(NameReachAnswer answer)
    {
        var text = new StringBuilder($"{answer.Verdict?.Status} {answer.Problem} [{string.Join(", ", answer.Suggestions)}]\n");
        foreach (var reason in answer.Verdict?.Reasons ?? []) text.Append($"because {reason}\n");
        foreach (var access in answer.Backends) text.Append(Render(access));
        return text.ToString();
    }

    private static string Render(ServiceAccess access)
    {
        var text = new StringBuilder($"{access.Source.Id} -> {access.Service.Id}:{access.Port.Port} {access.Coverage}\n");
        foreach (var backend in access.Backends)
        {
            text.Append($"{backend.BackendId} accepts {backend.Accepts}\n").Append(backend.Explanation is { } e ? Render(e) : "no explanation\n");
        }
        return text.ToString();
    }

    private static string Render(PairExplanation explanation)
    {
        var text = new StringBuilder($"{explanation.Source.Id} -> {explanation.Destination.Id}: {explanation.Allowed}\n");
        Render(text, explanation.Egress);
        Render(text, explanation.Ingress);
        foreach (var note in explanation.Notes) text.Append($"note {note.Code} {note.Object}: {note.Message}\n");
        return text.ToString();
    }

    private static void Render(StringBuilder text, DirectionVerdict verdict)
    {
        text.Append($"{verdict.Direction} governed {verdict.Governed} isolated {verdict.Isolated} by [{string.Join(", ", verdict.IsolatingPolicies)}] allows {verdict.Allowed}\n");
        foreach (var rule in verdict.Rules)
        {
            text.Append($"  {rule.Rule} at {rule.Rule.Span} {rule.Rule.Layer} {rule.Action} matched {rule.Matched} decided {rule.Decided}\n");
        }
    }
}
