using System.Text.Json;
using static PolicyLint.Cli.Tests.Dumps.DumpInput;

namespace PolicyLint.Cli.Tests.Dumps;

/// <summary>Policy kinds of other APIs are reported, once per object, and every summary mentions them.</summary>
public class PolicyKindNotModelledTests
{
    // Kubernetes, "Network Policies": "Network policies are implemented by the network plugin." A
    // plugin's own policy kinds (Calico, Cilium) take part in what the cluster allows. And
    // "Kubernetes API": "The API group is specified in a REST path and in the apiVersion field of
    // a serialized object": a Calico NetworkPolicy (projectcalico.org) and a Kubernetes
    // NetworkPolicy (networking.k8s.io) are different kinds, even with the same namespace and name.
    private const string Mixed = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-web, namespace: shop}
        spec:
          podSelector: {}
          policyTypes: [Ingress]
        ---
        apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: {name: allow-web, namespace: shop}
        spec:
          selector: app == 'web'
          ingress: [{action: Allow}]
        ---
        apiVersion: k8s.cni.cncf.io/v1beta1
        kind: MultiNetworkPolicy
        metadata: {name: lockdown, namespace: shop}
        spec:
          podSelector: {}
          ingress: [{}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: c}]}
        """;

    [Fact]
    public void Lint_reports_each_object_of_a_kind_not_modelled_with_file_and_line_and_no_duplicate()
    {
        var run = Run(Mixed, "lint", "-", "--format", "json", "--fail-on", "error");

        using var json = JsonDocument.Parse(run.Out);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() is "policy-kind-not-modelled" or "duplicate-object")
            .Select(f => $"{f.GetProperty("ruleId").GetString()} {f.GetProperty("line").GetInt32()} {f.GetProperty("message").GetString()}")
            .ToList();
        Assert.Equal(
        [
            // The Calico NetworkPolicy is modelled (docs/calico.md), and no duplicate of the Kubernetes one.
            "policy-kind-not-modelled 15 MultiNetworkPolicy shop/lockdown: MultiNetworkPolicy of k8s.cni.cncf.io/v1beta1 is not modelled: its rules are not analysed, so the answers may allow more than the cluster does",
        ], findings);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void The_calico_policy_is_analysed_beside_the_kubernetes_one()
    {
        var run = Run(Mixed, "can-reach", "10.0.0.1", "shop/web", "-");

        // The Kubernetes policy isolates shop/web at order 1000 of Calico's default tier; the Calico
        // policy (no order: after it, same tier) allows every source before the tier's implicit deny.
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("projectcalico.org/v3 is not modelled", run.Error);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("md")]
    [InlineData("html")]
    [InlineData("dot")]
    public void Every_report_summary_says_how_many_policies_are_not_modelled(string format)
    {
        var run = Run(Mixed, "report", "-", "--format", format);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 NetworkPolicy", run.Out);
        Assert.Contains("1 policy of kinds not modelled (policy-kind-not-modelled): the answers may allow more than the cluster does", run.Out);
    }

    [Fact]
    public void The_json_summary_counts_them_and_omits_the_count_when_there_are_none()
    {
        using var mixed = JsonDocument.Parse(Run(Mixed, "report", "-", "--format", "json").Out);
        using var plain = JsonDocument.Parse(Run(Mixed.Split("---")[0], "report", "-", "--format", "json").Out);

        Assert.Equal(1, mixed.RootElement.GetProperty("summary").GetProperty("policiesNotModelled").GetInt32());
        Assert.False(plain.RootElement.GetProperty("summary").TryGetProperty("policiesNotModelled", out _));
    }
}
