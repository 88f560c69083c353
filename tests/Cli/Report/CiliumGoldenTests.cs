namespace PolicyLint.Cli.Tests.Report;

/// <summary>
/// testdata/cni/cilium: CiliumNetworkPolicies and CiliumClusterwideNetworkPolicies beside a
/// Kubernetes NetworkPolicy, through report, can-reach --explain, lint, diff and paths; and a
/// Cilium policy Cilium would refuse, through the analysis commands.
/// </summary>
public class CiliumGoldenTests
{
    private const string Demo = "testdata/cni/cilium";

    [Theory]
    [InlineData("connlist")]
    [InlineData("json")]
    [InlineData("text")]
    public void Report_of_the_cilium_demo(string format)
    {
        var run = CliRun.Of("report", Demo, "--format", format);

        Assert.Equal(0, run.ExitCode);
        Golden.Verify(run.Out, "cilium." + format);
        Assert.DoesNotContain("policy-kind-not-modelled", run.Error);
        Assert.Contains("peer-not-modelled", run.Error);
    }

    [Fact]
    public void The_deny_overrides_the_network_policy_allow_and_the_cilium_allows_decide_the_rest()
    {
        var run = CliRun.Of("report", Demo, "--format", "connlist");

        // "Deny policies take precedence over allow policies, regardless of whether they are a
        // Cilium Network Policy, a Clusterwide Cilium Network Policy or even a Kubernetes Network Policy."
        Assert.DoesNotContain("cilium-shop/legacy[Deployment] => cilium-data/db", run.Out);
        Assert.Contains("cilium-shop/api[Deployment] => cilium-data/db[StatefulSet] : TCP 5432\n", run.Out);
        // ServiceAccount "web" may call api on 8080; legacy (ServiceAccount default) may not.
        Assert.Contains("cilium-shop/web[Deployment] => cilium-shop/api[Deployment] : TCP 8080\n", run.Out);
        Assert.DoesNotContain("cilium-shop/legacy[Deployment] => cilium-shop/api", run.Out);
        // world reaches web on 8080 only; cache's L4-only rule admits the cluster but the deny keeps the world out.
        Assert.Contains("0.0.0.0-255.255.255.255,::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External] => cilium-shop/web[Deployment] : TCP 8080\n", run.Out);
        Assert.DoesNotContain("[External] => cilium-data/cache", run.Out);
    }

    [Theory]
    [InlineData("cilium-shop/legacy", "cilium-data/db", "cilium-deny")]
    [InlineData("cilium-shop/web", "cilium-shop/api", "cilium-allow")]
    public void Explain_names_the_cilium_policy_its_rule_and_where_it_is_written(string source, string destination, string golden)
    {
        var run = CliRun.Of("can-reach", source, destination, Demo, "--explain");

        Golden.Verify(run.Out, golden + ".explain");
        Assert.Matches(@"(allowed|denied) by Cilium(Clusterwide)?NetworkPolicy \S+ spec(s\[\d\])?\.(ingress|egress)(Deny)?\[\d\] \(testdata/cni/cilium/policies\.yaml:\d+:\d+\)", run.Out);
    }

    [Fact]
    public void Explain_as_json_gives_the_field_of_a_cilium_rule()
    {
        var run = CliRun.Of("can-reach", "cilium-shop/legacy", "cilium-data/db", Demo, "--explain", "--format", "json");

        var rules = System.Text.Json.JsonDocument.Parse(run.Out).RootElement.GetProperty("explanation").GetProperty("ingress").GetProperty("rules").EnumerateArray()
            .Select(r => $"{r.GetProperty("action").GetString()} {r.GetProperty("policy").GetProperty("kind").GetString()} {(r.TryGetProperty("field", out var f) ? f.GetString() : "-")}")
            .ToArray();
        Assert.Equal(["Deny CiliumClusterwideNetworkPolicy spec.ingressDeny[0]", "Allow NetworkPolicy -"], rules);
    }

    [Fact]
    public void Lint_of_the_cilium_demo()
    {
        var run = CliRun.Of("lint", Demo, "--format", "json");

        Golden.Verify(run.Out, "cilium.lint.json");
        Assert.Contains("skipped 6 Cilium policies", run.Out);
        Assert.DoesNotContain("policy-kind-not-modelled", run.Out);
    }

    [Fact]
    public void Lint_applies_policy_selects_nothing_and_allow_all_rule_to_cilium_rules()
    {
        const string input = """
            apiVersion: v1
            kind: Pod
            metadata: {name: a, namespace: ns, labels: {app: a}}
            spec: {containers: [{name: c, image: x}]}
            ---
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: typo, namespace: ns}
            spec:
              endpointSelector: {matchLabels: {app: aa}}
              ingress: [{fromEntities: [world]}]
            ---
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: open, namespace: ns}
            spec:
              endpointSelector: {matchLabels: {app: a}}
              ingress: [{fromEntities: [all]}]
            """;
        var run = CliRun.In(RepositoryRoot.Path, input, "lint", "-", "--format", "json");

        Assert.Contains("CiliumNetworkPolicy ns/typo: spec.endpointSelector app=aa matches no workload in namespace ns, so the rule has no effect", run.Out);
        Assert.Contains("CiliumNetworkPolicy ns/open: spec.ingress[0] allows every source on every port", run.Out);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("can-reach")]
    public void A_policy_cilium_refuses_exits_2_and_the_rest_is_still_analysed(string command)
    {
        const string input = """
            apiVersion: v1
            kind: Pod
            metadata: {name: a, namespace: ns, labels: {app: a}}
            spec: {containers: [{name: c, image: x}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: b, namespace: ns, labels: {app: b}}
            spec: {containers: [{name: c, image: x}]}
            ---
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: broken, namespace: ns}
            spec: {endpointSelector: {}, ingress: [{fromEntities: [moon]}]}
            ---
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: deny-b, namespace: ns}
            spec:
              endpointSelector: {matchLabels: {app: b}}
              ingressDeny: [{fromEndpoints: [{}]}]
            """;
        var run = command == "report"
            ? CliRun.In(RepositoryRoot.Path, input, "report", "-", "--format", "connlist")
            : CliRun.In(RepositoryRoot.Path, input, "can-reach", "ns/a", "ns/b", "-");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("-:14:56: invalid-peer: CiliumNetworkPolicy ns/broken: spec.ingress[0].fromEntities[0]: \"moon\" is not an entity (expected world, cluster, host, remote-node, kube-apiserver, ingress, init, health, unmanaged or all)\n", run.Error);
        if (command == "report") Assert.DoesNotContain("ns/a[Pod] => ns/b[Pod]", run.Out);
        else Assert.Equal("ns/a[Pod] => ns/b[Pod] : no connections\n", run.Out);
    }

    [Fact]
    public void Diff_sees_a_cilium_deny_added()
    {
        var before = File.ReadAllText(Path.Combine(RepositoryRoot.Path, Demo, "workloads.yaml"));
        var after = before + """

            ---
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: no-prometheus, namespace: cilium-shop}
            spec:
              endpointSelector: {matchLabels: {app: legacy}}
              enableDefaultDeny: {ingress: false}
              ingressDeny: [{fromEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": cilium-ops}}]}]
            """;
        var directory = Directory.CreateTempSubdirectory("policylint-cilium-diff");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "before.yaml"), before);
            File.WriteAllText(Path.Combine(directory.FullName, "after.yaml"), after);
            var run = CliRun.Of("diff", Path.Combine(directory.FullName, "before.yaml"), Path.Combine(directory.FullName, "after.yaml"));

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("cilium-ops/prometheus[Deployment] => cilium-shop/legacy[Deployment]", run.Out);
            // The solver's check of pods beyond the manifests would ignore Cilium rules: it says it did not run.
            Assert.Contains("not checked: the solver does not encode Cilium policies (docs/cilium.md)", run.Out);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Any_pod_is_refused_since_the_solver_does_not_encode_cilium()
    {
        var run = CliRun.Of("can-reach", "--any-pod", ";", "cilium-data/db", Demo);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the solver does not encode Cilium policies", run.Error);
    }
}
