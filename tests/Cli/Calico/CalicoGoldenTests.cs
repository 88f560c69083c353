namespace PolicyLint.Cli.Tests.Calico;

/// <summary>
/// testdata/cni/calico: Calico tiers, GlobalNetworkPolicies and NetworkPolicies beside Kubernetes
/// NetworkPolicies, through report, can-reach --explain, lint and diff (docs/calico.md).
/// </summary>
public class CalicoGoldenTests
{
    private const string Demo = "testdata/cni/calico";

    private const string HostEndpoint =
        "testdata/cni/calico/host-endpoints.yaml:2:1: policy-kind-not-modelled: HostEndpoint node1-eth0: HostEndpoint of projectcalico.org/v3 is not modelled: its rules are not analysed, so the answers may allow more than the cluster does\n";

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("connlist")]
    public void Report(string format)
    {
        var run = CliRun.Of("report", Demo, "--format", format);

        Assert.Equal(HostEndpoint, run.Error);
        Assert.Equal(0, run.ExitCode);
        Golden.Verify(run.Out, "calico." + format);
    }

    [Fact]
    public void Tiers_decide_as_calico_documents()
    {
        var run = CliRun.Of("report", Demo, "--format", "connlist");

        // security tier: the database admits the API on 5432 only, and its implicit deny drops the web front.
        Assert.Contains("calico-api/api[Deployment] => calico-db/postgres[StatefulSet] : TCP 5432\n", run.Out);
        Assert.DoesNotContain("calico-web/frontend[Deployment] => calico-db/postgres", run.Out);
        // security Pass (by service account label) on the named port, then the default tier's Calico policy allows it.
        Assert.Contains("calico-ops/prometheus[Deployment] => calico-db/postgres[StatefulSet] : TCP 9187\n", run.Out);
        // platform tier: nobody reaches the metadata address; its default action Pass lets the rest on.
        Assert.DoesNotContain("169.254.169.254[External]", run.Out);
        // default tier: the Calico policy at order 500 decides before the Kubernetes default-deny at 1000.
        Assert.Contains("calico-web/frontend[Deployment] => calico-api/api[Deployment] : TCP 8080\n", run.Out);
    }

    [Fact]
    public void Explain_names_the_calico_policy_its_tier_rule_and_line()
    {
        var run = CliRun.Of("can-reach", "calico-ops/prometheus", "calico-db/postgres", Demo, "--explain");

        Assert.Equal(0, run.ExitCode);
        Golden.Verify(run.Out, "calico-pass.explain");
        Assert.Contains("passed on by Calico GlobalNetworkPolicy security.db-guard (tier security) spec.ingress[1] (testdata/cni/calico/calico-policies.yaml:", run.Out);
    }

    [Fact]
    public void Explain_as_json_names_the_layer_calico()
    {
        var run = CliRun.Of("can-reach", "calico-web/frontend", "calico-api/api", Demo, "--explain", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var rules = System.Text.Json.JsonDocument.Parse(run.Out).RootElement.GetProperty("explanation").GetProperty("ingress").GetProperty("rules").EnumerateArray()
            .Select(r => $"{r.GetProperty("layer").GetString()} {r.GetProperty("tier").GetString()} {r.GetProperty("action").GetString()} {r.GetProperty("policy").GetProperty("name").GetString()}")
            .ToArray();
        Assert.Equal(["Calico default Allow api-ingress", "Calico default Deny api-ingress"], rules);
    }

    [Fact]
    public void Lint()
    {
        var run = CliRun.Of("lint", Demo, "--format", "text");

        Golden.Verify(run.Out, "calico.lint");
        Assert.Contains("Calico GlobalNetworkPolicy security.quarantine: selector quarantine == 'true' selects no workload in any namespace", run.Out);
        Assert.Contains("5 Calico policies not checked for redundant rules", run.Out);
    }

    [Fact]
    public void Diff_goes_through_the_tiers_and_says_the_solver_check_was_not_made()
    {
        var head = Directory.CreateTempSubdirectory("policylint-calico-diff").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, Demo)))
            {
                File.Copy(file, Path.Combine(head, Path.GetFileName(file)));
            }
            var policies = Path.Combine(head, "calico-policies.yaml");
            // The security tier no longer passes monitoring on: its implicit deny takes it.
            File.WriteAllText(policies, File.ReadAllText(policies).Replace("  - action: Pass\n", "  - action: Deny\n"));

            var run = CliRun.Of("diff", Demo, head);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("- calico-ops/prometheus[Deployment] => calico-db/postgres[StatefulSet] : TCP 9187", run.Out);
            Assert.Contains("not checked: the solver does not encode Calico policies", run.Out);
        }
        finally
        {
            Directory.Delete(head, recursive: true);
        }
    }

    [Fact]
    public void Any_pod_is_refused_since_the_solver_does_not_encode_calico()
    {
        var run = CliRun.Of("can-reach", "--any-pod", ";", "calico-db/postgres", Demo);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the solver does not encode Calico policies", run.Error);
    }

    [Fact]
    public void The_profile_does_not_change_calico_semantics()
    {
        var byDefault = CliRun.Of("report", Demo, "--format", "connlist");
        var netpolAnalyzer = CliRun.Of("report", Demo, "--format", "connlist", "--profile", "netpol-analyzer");

        Assert.Equal(byDefault.Out.Split('\n').Where(l => !l.Contains("[External]")), netpolAnalyzer.Out.Split('\n').Where(l => !l.Contains("[External]")));
    }
}
