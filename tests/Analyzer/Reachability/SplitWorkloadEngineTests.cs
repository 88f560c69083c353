using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using static PolicyLint.Analyzer.Tests.Reachability.Sel;

namespace PolicyLint.Analyzer.Tests.Reachability;

/// <summary>
/// Pods of one owner that selectors tell apart (docs/split-workloads.md). Kubernetes,
/// "Network Policies": "Each NetworkPolicy includes a podSelector which selects the grouping of
/// pods to which the policy applies", so a policy decides per pod, by the labels each pod has.
/// </summary>
public class SplitWorkloadEngineTests
{
    [Fact]
    public void Each_part_of_a_split_owner_is_a_peer_with_its_own_answer()
    {
        var cluster = new ClusterFixture()
            .Workload("db", "pg", "StatefulSet", p => p.Labels(("app", "pg"), ("role", "primary")), p => p.Labels(("app", "pg"), ("role", "replica")))
            .Pod("db", "api", ("app", "api"))
            .Policy("db", "primary", p => p.Select(("role", "primary")).Ingress(from: [Pods(Labels(("app", "api")))], ports: [Tcp(5432)]))
            .Policy("db", "replica", p => p.Select(("role", "replica")).Ingress(from: [Pods(Labels(("app", "pg")))]))
            .Build();
        var engine = ReachabilityEngine.Build(cluster);

        Assert.Null(engine.FindPeer("db/pg[StatefulSet]"));
        Assert.Equal(["db/pg-0[Pod]", "db/pg-1[Pod]"], engine.PeersOf(cluster.Workloads[0]).Select(p => p.Id));
        Assert.Equal("TCP 5432", Reach.Between(cluster, "db/api[Pod]", "db/pg-0[Pod]"));
        Assert.Equal(Reach.None, Reach.Between(cluster, "db/api[Pod]", "db/pg-1[Pod]"));
        Assert.Equal(Reach.None, Reach.Between(cluster, "db/pg-1[Pod]", "db/pg-0[Pod]"));
        Assert.Equal(Reach.All, Reach.Between(cluster, "db/pg-0[Pod]", "db/pg-1[Pod]"));
        // the owner as a whole: some pod to some pod
        Assert.Equal("TCP 5432", engine.Connections(engine.FindPeer("db/api[Pod]")!, new WorkloadPeer(cluster.Workloads[0])).ToString());
    }

    [Fact]
    public void Pods_that_agree_stay_one_part_named_by_all_of_them()
    {
        var cluster = new ClusterFixture()
            .Workload("db", "pg", "StatefulSet",
                p => p.Labels(("app", "pg"), ("role", "primary")),
                p => p.Labels(("app", "pg"), ("role", "replica"), ("zone", "a")),
                p => p.Labels(("app", "pg"), ("role", "replica"), ("zone", "b")))
            .Policy("db", "primary", p => p.Select(("role", "primary")).Types(PolicyDirections.Ingress))
            .Build();
        var engine = ReachabilityEngine.Build(cluster);

        Assert.Equal(["db/pg-0[Pod]", "db/{pg-1,pg-2}[Pod]"], engine.PeersOf(cluster.Workloads[0]).Select(p => p.Id));
        Assert.Equal(Reach.None, Reach.Between(cluster, "db/{pg-1,pg-2}[Pod]", "db/pg-0[Pod]"));
    }

    [Fact]
    public void Values_that_only_an_Exists_selector_reads_do_not_split_the_owner()
    {
        // Kubernetes, "Labels and Selectors": set-based requirements include "exists"; such a
        // selector reads only whether the key is there, not its value.
        var cluster = new ClusterFixture()
            .Workload("ns", "web", "ReplicaSet", p => p.Labels(("app", "a")), p => p.Labels(("app", "b")))
            .Pod("ns", "db", ("db", "yes"))
            .Policy("ns", "p", p => p.Select(("db", "yes")).Ingress(from: [Pods(Expr("app", SelectorOperator.Exists))], ports: [Tcp(90)]))
            .Build();
        var engine = ReachabilityEngine.Build(cluster);

        Assert.Equal(["ns/web[ReplicaSet]"], engine.PeersOf(cluster.Workloads[0]).Select(p => p.Id));
        Assert.Equal("TCP 90", Reach.Between(cluster, "ns/web[ReplicaSet]", "ns/db[Pod]"));
    }
}
