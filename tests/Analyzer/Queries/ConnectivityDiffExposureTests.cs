using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Analyzer.Tests.Queries;

/// <summary>Entry points from outside opened, closed and changed by a change.</summary>
public class ConnectivityDiffExposureTests
{
    private const string Web = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec:
          containers:
          - name: web
            image: web
            ports: [{name: http, containerPort: 8080}]
        """;

    private const string NodePort = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          type: NodePort
          selector: {app: web}
          ports: [{port: 80, targetPort: http, nodePort: 30080}]
        """;

    private const string DenyAll = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny, namespace: shop}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        """;

    private static string OnlyFrom(string cidr) => $$$"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: web}}
          ingress: [{from: [{ipBlock: {cidr: "{{{cidr}}}"}}]}]
        """;

    private static Cluster Load(params string[] files) =>
        ClusterLoader.LoadTexts(files.Select((text, i) => ($"f{i}.yaml", text))).Cluster;

    private static ConnectivityDiff Diff(Cluster before, Cluster after) =>
        ConnectivityDiffQuery.Run(DiffSide.Of(before), DiffSide.Of(after), new ConnectivityDiffOptions(CheckPodsBeyondManifests: false));

    [Fact]
    public void A_new_node_port_opens_an_entry_point_without_changing_any_connection()
    {
        var diff = Diff(Load(Web), Load(Web, NodePort));
        Assert.Empty(diff.Connections);
        var change = Assert.Single(diff.Exposure);
        Assert.Equal(EntryPointChangeKind.Opened, change.Kind);
        Assert.Null(change.Before);
        Assert.Equal(EntryPointKind.NodePort, change.Entry.Kind);
        Assert.Equal("30080/TCP", change.Entry.PortText);
        Assert.True(diff.ConnectivityChanged);
        Assert.Equal("no connection changed; 1 entry point opened", diff.SummaryLine);
    }

    [Fact]
    public void A_policy_that_shuts_the_backends_closes_the_entry_point()
    {
        var diff = Diff(Load(Web, NodePort), Load(Web, NodePort, DenyAll));
        var change = Assert.Single(diff.Exposure);
        Assert.Equal(EntryPointChangeKind.Closed, change.Kind);
        Assert.False(change.After!.IsExposed);
        Assert.True(change.Before!.IsExposed);
    }

    [Fact]
    public void Narrowing_who_may_come_in_changes_the_entry_point()
    {
        var diff = Diff(Load(Web, NodePort, OnlyFrom("10.0.0.0/8")), Load(Web, NodePort, OnlyFrom("10.0.0.0/16")));
        var change = Assert.Single(diff.Exposure);
        Assert.Equal(EntryPointChangeKind.Changed, change.Kind);
        Assert.False(change.Before!.Admitted.Equals(change.After!.Admitted));
    }

    [Fact]
    public void Moving_the_service_to_another_file_or_line_is_no_change()
    {
        var diff = Diff(Load(Web, NodePort), Load("# moved\n\n" + NodePort, Web));
        Assert.Empty(diff.Exposure);
        Assert.Empty(diff.Connections);
    }

    [Fact]
    public void An_entry_point_closed_on_both_sides_is_no_change()
    {
        var diff = Diff(Load(Web, NodePort, DenyAll), Load(Web, NodePort.Replace("30080", "30081"), DenyAll));
        Assert.Empty(diff.Exposure);
    }
}
