using System.Text.Json;
using static PolicyLint.Cli.Tests.Dumps.DumpInput;

namespace PolicyLint.Cli.Tests.Dumps;

/// <summary>
/// Pods of one owner with different labels (docs/split-workloads.md), on the dump in
/// testdata/split: StatefulSet pg with pg-0 role=primary and pg-1 role=replica, a Service that
/// selects role=primary, and a NetworkPolicy that admits app=api to role=primary only.
/// Kubernetes, "StatefulSets": "When the StatefulSet controller creates a Pod, it adds a label,
/// statefulset.kubernetes.io/pod-name, that is set to the name of the Pod. This label allows you
/// to attach a Service to a specific Pod in the StatefulSet." "Service": "The set of Pods
/// targeted by a Service is usually determined by a selector." "Network Policies": "Each
/// NetworkPolicy includes a podSelector which selects the grouping of pods to which the policy
/// applies." So each pod's own labels decide.
/// </summary>
public class SplitWorkloadTests
{
    private const string Dump = "testdata/split/dump.yaml";

    [Fact]
    public void Connlist_names_each_pod_of_a_split_owner_and_admits_the_api_to_the_primary_only()
    {
        var run = CliRun.Of("report", Dump, "--format", "connlist");
        var lines = Lines(run.Out);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("db/api-7d4b9c[ReplicaSet] => db/pg-0[Pod] : TCP 5432", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("db/api-7d4b9c[ReplicaSet] => db/pg-1[Pod]", StringComparison.Ordinal));
        Assert.Contains("db/pg-0[Pod] => db/pg-1[Pod] : All Connections", lines);
        Assert.DoesNotContain("pg[StatefulSet]", run.Out);
    }

    [Fact]
    public void Can_reach_answers_for_one_pod_named_with_or_without_its_kind()
    {
        var primary = CliRun.Of("can-reach", "db/api-7d4b9c", "db/pg-0", Dump, "--port", "5432");
        var replica = CliRun.Of("can-reach", "db/api-7d4b9c", "db/pg-1[Pod]", Dump, "--port", "5432");

        Assert.Equal(0, primary.ExitCode);
        Assert.StartsWith("yes: db/api-7d4b9c[ReplicaSet] => db/pg-0[Pod] is allowed on TCP 5432", primary.Out);
        Assert.Equal(1, replica.ExitCode);
        Assert.StartsWith("no: db/api-7d4b9c[ReplicaSet] => db/pg-1[Pod] is not allowed on TCP 5432", replica.Out);
    }

    [Fact]
    public void Can_reach_answers_a_split_owner_per_part_and_says_only_some_pods()
    {
        var run = CliRun.Of("can-reach", "db/api-7d4b9c", "db/pg[StatefulSet]", Dump, "--port", "5432");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
        [
            "yes: db/api-7d4b9c[ReplicaSet] => db/pg[StatefulSet] is allowed on TCP 5432; only for some pods, per part:",
            "  yes: db/api-7d4b9c[ReplicaSet] => db/pg-0[Pod] is allowed on TCP 5432",
            "  no: db/api-7d4b9c[ReplicaSet] => db/pg-1[Pod] is not allowed on TCP 5432 (allowed: no connections)",
        ], Lines(run.Out));
    }

    [Fact]
    public void Can_reach_json_gives_the_coverage_and_every_part()
    {
        var run = CliRun.Of("can-reach", "db/api-7d4b9c", "db/pg", Dump, "--port", "5432", "--format", "json");
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;

        Assert.Equal("some", root.GetProperty("coverage").GetString());
        var parts = root.GetProperty("parts").EnumerateArray()
            .Select(p => (p.GetProperty("destination").GetString(), p.GetProperty("reachable").GetBoolean())).ToList();
        Assert.Equal([("db/pg-0[Pod]", true), ("db/pg-1[Pod]", false)], parts);
    }

    [Fact]
    public void Can_reach_json_has_no_parts_when_no_owner_is_split()
    {
        var run = CliRun.Of("can-reach", "db/pg-0", "db/api-7d4b9c", Dump, "--format", "json");
        using var json = JsonDocument.Parse(run.Out);

        Assert.False(json.RootElement.TryGetProperty("parts", out _));
        Assert.False(json.RootElement.TryGetProperty("coverage", out _));
    }

    [Fact]
    public void The_Service_that_selects_the_primary_has_only_that_pod_as_backend()
    {
        var report = CliRun.Of("report", Dump);
        var service = CliRun.Of("can-reach", "db/api-7d4b9c", "db/pg-primary[Service]", Dump);

        Assert.Contains("    backend db/pg-0[Pod] on 5432/TCP", Lines(report.Out));
        Assert.DoesNotContain("backend db/pg-1[Pod]", report.Out);
        Assert.Equal(0, service.ExitCode);
        Assert.Contains("  accepts: db/pg-0[Pod] on 5432/TCP", Lines(service.Out));
        Assert.DoesNotContain("pg-1", service.Out);
    }

    [Fact]
    public void Text_report_lists_each_part_with_its_owner()
    {
        var run = CliRun.Of("report", Dump);
        var lines = Lines(run.Out);

        Assert.Contains("2 workloads in 1 namespace, 2 NetworkPolicies; 1 isolated for ingress, 0 for egress; 9 allowed pairs", lines);
        Assert.Contains("  pg-0[Pod] of pg[StatefulSet]  (isolated for ingress; egress open)", lines);
        Assert.Contains("  pg-1[Pod] of pg[StatefulSet]  (isolated for ingress; egress open)", lines);
    }

    [Fact]
    public void Json_report_gives_a_part_its_pods_and_its_owner()
    {
        var run = CliRun.Of("report", Dump, "--format", "json");
        using var json = JsonDocument.Parse(run.Out);
        var peers = json.RootElement.GetProperty("peers").EnumerateArray().ToList();
        var primary = peers.Single(p => p.GetProperty("id").GetString() == "db/pg-0[Pod]");
        var api = peers.Single(p => p.GetProperty("id").GetString() == "db/api-7d4b9c[ReplicaSet]");

        Assert.Equal("StatefulSet", primary.GetProperty("kind").GetString());
        Assert.Equal("pg", primary.GetProperty("name").GetString());
        Assert.Equal(["pg-0"], primary.GetProperty("pods").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("primary", primary.GetProperty("labels").GetProperty("role").GetString());
        Assert.False(api.TryGetProperty("pods", out _));
    }

    // Kubernetes, "Deployments": "This label ensures that child ReplicaSets of a Deployment do not
    // overlap." pod-template-hash differs between the pods of two ReplicaSets, but a pod selector
    // that does not read it cannot tell them apart, and a policy that reads only whether app exists
    // cannot tell app=a from app=b.
    private const string AgreeingPods = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-1
          namespace: shop
          labels: {app: web, tier: a, pod-template-hash: aaa}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web, controller: true}]
        spec: {containers: [{name: c}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-2
          namespace: shop
          labels: {app: web, tier: b, pod-template-hash: bbb}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web, controller: true}]
        spec: {containers: [{name: c}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: web}}
          ingress:
          - from: [{podSelector: {matchExpressions: [{key: tier, operator: Exists}]}}]
        """;

    [Fact]
    public void Pods_that_every_selector_treats_alike_keep_their_owner_as_the_name()
    {
        var run = Run(AgreeingPods, "report", "-", "--format", "connlist");

        Assert.Equal("", run.Error);
        Assert.Contains("shop/web[ReplicaSet] => 0.0.0.0-255.255.255.255[External] : All Connections", Lines(run.Out));
        Assert.DoesNotContain("[Pod]", run.Out);
    }

    [Fact]
    public void Can_reach_takes_the_name_of_a_pod_whose_owner_is_not_split()
    {
        var run = Run(AgreeingPods, "can-reach", "shop/web-2", "shop/web-1[Pod]", "-");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("shop/web-2[Pod] => shop/web-1[Pod] : All Connections", run.Out);
    }

    [Fact]
    public void Workload_not_isolated_reports_an_owner_one_of_whose_pods_no_policy_isolates()
    {
        // pg-replication selects app=pg: both pods are isolated for ingress; drop it and only the primary is.
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, Dump));
        var onlyPrimary = text[..text.LastIndexOf("- apiVersion: networking.k8s.io/v1", StringComparison.Ordinal)];

        var run = Run(onlyPrimary, "lint", "-", "--format", "json");

        Assert.Contains("StatefulSet db/pg (pods pg-1) is not isolated for ingress", run.Out);
    }

    [Fact]
    public void Paths_to_a_split_owner_lead_to_the_parts_that_admit_the_source()
    {
        var run = CliRun.Of("paths", "db/api-7d4b9c", "db/pg", Dump, "--port", "5432");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("db/pg[StatefulSet] stands for its backends: db/pg-0[Pod], db/pg-1[Pod]", run.Out);
        Assert.Contains("  db/api-7d4b9c[ReplicaSet] -> db/pg-0[Pod] : TCP 5432", Lines(run.Out));
        Assert.DoesNotContain("-> db/pg-1[Pod]", run.Out);
    }

    [Fact]
    public void Blast_radius_from_a_split_owner_asks_for_one_of_its_parts()
    {
        var owner = CliRun.Of("blast-radius", "db/pg", Dump);
        var part = CliRun.Of("blast-radius", "db/pg-1", Dump);

        Assert.Equal(2, owner.ExitCode);
        Assert.Contains("name one of its parts: db/pg-0[Pod], db/pg-1[Pod]", owner.Error);
        Assert.Equal(0, part.ExitCode);
        Assert.Contains("db/pg-0[Pod]", part.Out);
    }

    // Kubernetes, "Service": "If you set the type field to NodePort, the Kubernetes control plane
    // allocates a port ... Each node proxies that port (the same port number on every Node) into
    // your Service." Only the selected pods are its backends: here the replica, which admits only
    // the pg pods, while outside addresses are admitted to the primary alone.
    private const string ReplicaNodePort = """
        - apiVersion: v1
          kind: Service
          metadata: {name: pg-replica-np, namespace: db}
          spec:
            type: NodePort
            selector: {app: pg, role: replica}
            ports: [{port: 5432, targetPort: 5432, nodePort: 30432}]
        - apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: primary-from-outside, namespace: db}
          spec:
            podSelector: {matchLabels: {role: primary}}
            ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]
        """;

    [Fact]
    public void Exposure_and_Service_rules_look_at_the_selected_pods_only()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, Dump)) + ReplicaNodePort;

        var report = Run(text, "report", "-");
        var lint = Run(text, "lint", "-");

        Assert.Contains("    NodePort 30432/TCP on every node (Service db/pg-replica-np port 5432/TCP): no backend accepts outside traffic", Lines(report.Out));
        Assert.Contains("    backend db/pg-1[Pod] on 5432/TCP", Lines(report.Out));
        Assert.DoesNotContain("service-unreachable", lint.Out);
    }

    [Fact]
    public void Explain_gives_each_part_its_own_reasons()
    {
        var run = CliRun.Of("can-reach", "db/api-7d4b9c", "db/pg", Dump, "--port", "5432", "--explain");
        var lines = Lines(run.Out);

        Assert.Contains("ingress to db/pg-0[Pod]:", lines);
        Assert.Contains("ingress to db/pg-1[Pod]:", lines);
        Assert.Contains(lines, l => l.StartsWith("  allowed by NetworkPolicy db/pg-primary-from-api spec.ingress[0]", StringComparison.Ordinal));
        Assert.Contains("  no rule of these policies matches this peer: denied", lines);
    }
}
