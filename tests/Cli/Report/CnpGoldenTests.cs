namespace PolicyLint.Cli.Tests.Report;

/// <summary>
/// testdata/cnp: ClusterNetworkPolicies (v1alpha2) beside an AdminNetworkPolicy (v1alpha1) and a
/// NetworkPolicy, through report, can-reach --explain and lint; and a ClusterNetworkPolicy the
/// API server would refuse, through the analysis commands.
/// </summary>
public class CnpGoldenTests
{
    private const string Cnp = "testdata/cnp";

    private const string NotModelled =
        "testdata/cnp/policies.yaml:79:7: peer-not-modelled: ClusterNetworkPolicy dns: spec.egress[1].to[0]: domainNames peers (name resolution is not in the manifests) are not modelled: assumed to match no destination; traffic this rule accepts there is shown as decided by later tiers\n" +
        "testdata/cnp/policies.yaml:83:7: peer-not-modelled: ClusterNetworkPolicy dns: spec.egress[2].to[0]: nodes peers (node IPs are not in the manifests) are not modelled: assumed to match no destination; traffic this rule denies there is shown as decided by later tiers, so answers may allow more than the cluster does\n";

    [Fact]
    public void Report_follows_the_tiers_and_says_what_is_not_modelled()
    {
        var run = CliRun.Of("report", Cnp, "--format", "connlist");

        Assert.Equal(NotModelled, run.Error);
        Assert.Equal(0, run.ExitCode);
        Golden.Verify(run.Out, "cnp.connlist");
        // The named port "dns" is coredns's UDP 53: TCP 53 is not accepted, and the Baseline Deny takes the rest.
        Assert.Contains("shop/api[Pod] => kube-system/coredns[Pod] : UDP 53\n", run.Out);
        // Baseline Pass of TCP 8080 falls through to the default allow; the Baseline Deny takes the rest.
        Assert.Contains("web/frontend[Pod] => shop/orders[Pod] : TCP 8080\n", run.Out);
        Assert.DoesNotContain("monitoring/prometheus[Pod] => shop/", run.Out);
    }

    [Theory]
    [InlineData("web/frontend", "shop/orders", "cnp-pass-to-baseline")]
    [InlineData("shop/api", "kube-system/coredns", "cnp-named-port")]
    public void Explain_names_the_tier_the_policy_the_rule_and_where_it_is_written(string source, string destination, string golden)
    {
        var run = CliRun.Of("can-reach", source, destination, Cnp, "--explain");

        Assert.Equal(0, run.ExitCode);
        Golden.Verify(run.Out, golden + ".explain");
        Assert.Contains("ClusterNetworkPolicy", run.Out);
        Assert.Contains("tier) spec.", run.Out);
    }

    [Fact]
    public void Explain_as_json_names_the_tier_as_layer_and_the_action_as_the_api_spells_it()
    {
        var run = CliRun.Of("can-reach", "shop/api", "kube-system/coredns", Cnp, "--explain", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var rules = System.Text.Json.JsonDocument.Parse(run.Out).RootElement.GetProperty("explanation").GetProperty("egress").GetProperty("rules").EnumerateArray()
            .Select(r => $"{r.GetProperty("layer").GetString()} {r.GetProperty("action").GetString()} {r.GetProperty("policy").GetProperty("name").GetString()}")
            .ToArray();
        Assert.Equal(["Admin Accept dns", "Baseline Deny shop-baseline"], rules);
    }

    [Fact]
    public void Lint_reports_a_cluster_network_policy_rule_shadowed_by_an_admin_network_policy()
    {
        var run = CliRun.Of("lint", Cnp, "--fail-on", "warning", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Golden.Verify(run.Out, "cnp.lint.json");
        Assert.Contains("\\\"allow-prometheus\\\" (Accept) never decides any connection", run.Out);
        Assert.Contains("AdminNetworkPolicy deny-monitoring spec.ingress[0] \\\"deny-monitoring\\\" (Deny", run.Out);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("can-reach")]
    public void A_policy_the_api_server_refuses_exits_2_and_the_rest_is_still_analysed(string command)
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
            apiVersion: policy.networking.k8s.io/v1alpha2
            kind: ClusterNetworkPolicy
            metadata: {name: broken}
            spec: {tier: Admin, priority: 2000, subject: {namespaces: {}}}
            ---
            apiVersion: policy.networking.k8s.io/v1alpha2
            kind: ClusterNetworkPolicy
            metadata: {name: deny-b}
            spec:
              tier: Admin
              priority: 1
              subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: b}}}}
              ingress: [{action: Deny, from: [{namespaces: {}}]}]
            """;
        var run = command == "report"
            ? CliRun.In(RepositoryRoot.Path, input, "report", "-", "--format", "connlist")
            : CliRun.In(RepositoryRoot.Path, input, "can-reach", "ns/a", "ns/b", "-");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("-:14:31: invalid-object: ClusterNetworkPolicy broken: spec.priority: 2000 is outside 0..1000\n", run.Error);
        // deny-b still decides: nothing reaches b.
        if (command == "report")
        {
            Assert.Contains("ns/b[Pod] => ns/a[Pod] : All Connections\n", run.Out);
            Assert.DoesNotContain("ns/a[Pod] => ns/b[Pod]", run.Out);
        }
        else
        {
            Assert.Equal("ns/a[Pod] => ns/b[Pod] : no connections\n", run.Out);
        }
    }
}
