using FsCheck;
using FsCheck.Fluent;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;
using PolicyLint.Analyzer.Tests.Smt;
using PolicyLint.Tests;

namespace PolicyLint.Analyzer.Tests.Reachability;

/// <summary>
/// <see cref="ReachabilityEngine.IsolatingPoliciesOf"/> against <see cref="ReachabilityEngine.Explain"/>
/// (docs/architecture.md, "Isolation"). Kubernetes: "a pod is isolated for ingress if there is any
/// NetworkPolicy that both selects the pod and has "Ingress" in its policyTypes" (and likewise for
/// egress), so the isolating policies a verdict reports must be the same towards every peer, and
/// the direct question must give exactly that list, in that order: for every workload, every part
/// of a split one and every whole split owner, towards every outside range and every other
/// workload, on random clusters (every selector operator, ipBlocks, the three cluster-policy kinds,
/// split workloads), on the testdata folders (Calico tiers, Cilium, split workloads), under both profiles.
/// </summary>
public sealed class IsolationDifferentialTests
{
    [Fact]
    public void Random_clusters_with_cluster_policies_get_the_isolating_policies_of_explain()
    {
        Prop.ForAll(RandomClusters.Cases(), c =>
        {
            AssertAlike(c.Cluster, c.Profile, c.ToString());
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true));
    }

    [Theory]
    [InlineData(AnalysisProfile.Default)]
    [InlineData(AnalysisProfile.NetpolAnalyzer)]
    public void Random_clusters_with_split_workloads_get_the_isolating_policies_of_explain(AnalysisProfile profile)
    {
        for (var seed = 0; seed < 150; seed++)
        {
            AssertAlike(MatrixConsistencyTests.RandomCluster(new Random(seed)), profile, $"seed {seed}");
        }
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("anp")]
    [InlineData("cnp")]
    [InlineData("split")]
    [InlineData("cni")]
    [InlineData("cni/calico")]
    [InlineData("cni/cilium")]
    [InlineData("cni/calico-pod-ips")]
    public void Testdata_folders_get_the_isolating_policies_of_explain(string folder)
    {
        var cluster = ClusterLoader.Load([RepositoryRoot.TestData(folder)]).Cluster;
        foreach (var profile in new[] { AnalysisProfile.Default, AnalysisProfile.NetpolAnalyzer })
        {
            AssertAlike(cluster, profile, folder);
        }
    }

    /// <summary>The question must not be vacuous: a default-deny policy isolates, and is named, in its direction only.</summary>
    [Fact]
    public void A_default_deny_for_ingress_isolates_for_ingress_only()
    {
        var cluster = new ClusterFixture()
            .Pod("a", "web", ("app", "web"))
            .Policy("a", "deny-ingress", p => p.Select(Sel.All).Types(PolicyDirections.Ingress))
            .Build();
        var engine = ReachabilityEngine.Build(cluster);
        var web = engine.Peers.OfType<WorkloadPeer>().Single();
        Assert.Equal(["a/deny-ingress"], engine.IsolatingPoliciesOf(web, PolicyDirections.Ingress).Select(p => $"{p.Namespace}/{p.Name}"));
        Assert.Empty(engine.IsolatingPoliciesOf(web, PolicyDirections.Egress));
        var isolation = IsolationQuery.For(engine, web);
        Assert.True(isolation.IngressIsolated);
        Assert.False(isolation.EgressIsolated);
    }

    private static void AssertAlike(Cluster cluster, AnalysisProfile profile, string what)
    {
        var engine = ReachabilityEngine.Build(cluster, profile);
        var workloads = engine.Peers.OfType<WorkloadPeer>()
            .Concat(cluster.Workloads.Where(engine.IsSplit).Select(w => new WorkloadPeer(w)))
            .ToList();
        List<Peer> outside = [.. engine.ExternalSources, .. engine.ExternalDestinations, new ExternalPeer(IpSet.AllV4)];
        foreach (var workload in workloads)
        {
            var ingress = Text(engine.IsolatingPoliciesOf(workload, PolicyDirections.Ingress));
            var egress = Text(engine.IsolatingPoliciesOf(workload, PolicyDirections.Egress));
            var others = outside.Concat(engine.Peers.OfType<WorkloadPeer>().Where(p => !ReferenceEquals(p.Workload, workload.Workload)));
            foreach (var peer in others)
            {
                Assert.True(ingress == Text(engine.Explain(peer, workload).Ingress.IsolatingPolicies),
                    $"{what}, {profile}: ingress isolation of {workload} (from {peer}): {ingress}");
                Assert.True(egress == Text(engine.Explain(workload, peer).Egress.IsolatingPolicies),
                    $"{what}, {profile}: egress isolation of {workload} (to {peer}): {egress}");
            }
        }
    }

    private static string Text(IEnumerable<ObjectRef> policies) => string.Join(", ", policies);
}
