using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Analyzer.Tests.Queries;

/// <summary>The façade the command line asks (docs/architecture.md, "The façade"): answers are data.</summary>
public sealed class AnalysisTests
{
    private const string Shop = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: shop, labels: {app: db}}
        spec: {containers: [{name: c}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web-from-db, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: web}}
          ingress: [{from: [{podSelector: {matchLabels: {app: db}}}], ports: [{port: 8080}]}]
        """;

    private const string AdminDeny = """
        ---
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: deny-all}
        spec:
          priority: 10
          subject: {namespaces: {}}
          ingress: [{name: deny, action: Deny, from: [{namespaces: {}}]}]
        """;

    private static Analysis Of(string yaml)
    {
        var loaded = ClusterLoader.LoadTexts([("test.yaml", yaml)]);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return new Analysis(loaded.Cluster, AnalysisProfile.Default);
    }

    [Fact]
    public void Can_reach_answers_through_the_facade_as_the_engine_does()
    {
        var analysis = Of(Shop);
        var db = analysis.FindPeer("shop/db").Peer!;
        var web = analysis.FindPeer("shop/web").Peer!;

        Assert.True(analysis.CanReach(db, web, Protocol.TCP, 8080).Reachable);
        Assert.False(analysis.CanReach(db, web, Protocol.TCP, 9090).Reachable);
    }

    [Fact]
    public void A_focus_list_with_an_unknown_name_names_it_and_says_why()
    {
        var focus = Of(Shop).ResolveFocus("shop/web, shop/cache");

        Assert.False(focus.Resolved);
        Assert.Equal("shop/cache", focus.Unresolved);
        Assert.Equal("no workload 'shop/cache' in the input", focus.Failure!.Message("shop/cache"));
    }

    [Fact]
    public void A_focus_list_of_workloads_resolves_to_their_ids()
    {
        var focus = Of(Shop).ResolveFocus("shop/web,shop/db");

        Assert.True(focus.Resolved);
        Assert.Equal(["shop/web[Pod]", "shop/db[Pod]"], focus.Workloads.ToArray());
    }

    /// <summary>
    /// An AdminNetworkPolicy that denies every ingress decides before NetworkPolicies
    /// (network-policy-api: "AdminNetworkPolicies ... take precedence over NetworkPolicies"),
    /// so no pod that could exist reaches web, although shop's own policy allows it.
    /// </summary>
    [Fact]
    public void The_any_pod_answer_goes_through_AdminNetworkPolicies()
    {
        var withoutAdmin = Of(Shop);
        var withAdmin = Of(Shop + "\n" + AdminDeny);
        var before = Assert.IsType<WorkloadPeer>(withoutAdmin.FindPeer("shop/web").Peer).Workload;
        var web = Assert.IsType<WorkloadPeer>(withAdmin.FindPeer("shop/web").Peer).Workload;

        Assert.True(withoutAdmin.CanAnyPodReach(LabelSelector.Everything, LabelSelector.Everything, before, Protocol.TCP, 8080).Answer!.IsExposed);
        var answer = withAdmin.CanAnyPodReach(LabelSelector.Everything, LabelSelector.Everything, web, Protocol.TCP, 8080);

        Assert.Null(answer.SolverUnavailable);
        Assert.False(answer.Answer!.IsExposed);
    }

    [Fact]
    public void The_any_pod_answer_without_AdminNetworkPolicies_leaves_nothing_out()
    {
        var analysis = Of(Shop);
        var web = Assert.IsType<WorkloadPeer>(analysis.FindPeer("shop/web").Peer).Workload;

        var answer = analysis.CanAnyPodReach(LabelSelector.Everything, LabelSelector.Everything, web, Protocol.TCP, 9090);

        Assert.False(answer.Answer!.IsExposed);
    }

    [Fact]
    public void A_cluster_without_AdminNetworkPolicies_has_an_empty_list_not_a_default_one()
    {
        var cluster = Cluster.Empty with { AdminPolicies = default };

        Assert.False(cluster.AdminPolicies.IsDefault);
        Assert.False(new Cluster([], [], [], [], [], [], default).AdminPolicies.IsDefault);
    }
}
