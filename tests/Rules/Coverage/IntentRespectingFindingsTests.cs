using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Rules.Coverage;
using PolicyLint.Rules.Redundancy;

namespace PolicyLint.Rules.Tests.Coverage;

/// <summary>
/// Findings where they belong and at the severity the manifests' intent suggests (docs/rules:
/// namespace-without-default-deny, allow-all-rule, workload-not-isolated).
/// </summary>
public class IntentRespectingFindingsTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: NAME, namespace: NS}
        spec:
          selector: {matchLabels: {app: NAME}}
          template:
            metadata: {labels: {app: NAME}}
            spec: {containers: [{name: main, image: x}]}
        """;

    private static Cluster Load(params (string Path, string Text)[] files) => ClusterLoader.LoadTexts(files).Cluster;

    private static string Workload(string ns, string name) => Deployment.Replace("NAME", name).Replace("NS", ns);

    [Fact]
    public void Namespace_finding_without_a_Namespace_object_goes_to_the_namespace_s_first_policy_not_to_a_pod()
    {
        // The Pod of another file comes first in reading order; the finding still goes to the policy of the namespace.
        var cluster = Load(
            ("a-pods.yaml", Workload("shop", "web")),
            ("b-policies.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web-in, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  ingress: [{from: [{podSelector: {}}]}]
                """));

        var findings = RuleRun.Analyze(new NamespaceWithoutDefaultDenyRule(), cluster);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(new SourceSpan("b-policies.yaml", 1, 1), f.Span));
    }

    [Fact]
    public void Namespace_finding_prefers_the_Namespace_object_over_the_first_policy()
    {
        var cluster = Load(
            ("a-policy.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web-in, namespace: shop}
                spec: {podSelector: {}, ingress: [{}]}
                """),
            ("b-namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n"),
            ("c-pods.yaml", Workload("shop", "web")));

        var findings = RuleRun.Analyze(new NamespaceWithoutDefaultDenyRule(), cluster);

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal("b-namespace.yaml", f.Span.File));
    }

    [Fact]
    public void A_policy_that_opens_both_directions_wide_is_one_allow_all_finding_naming_both_rules()
    {
        var cluster = Load(("p.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: open, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
              ingress: [{}]
              egress:
                - {}
                - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
            """));

        var finding = Assert.Single(RuleRun.Analyze(new AllowAllRule(), cluster));

        Assert.Equal(7, finding.Span.Line);
        Assert.Equal(
            "NetworkPolicy shop/open: spec.ingress[0] allows every source on every port; spec.egress[0] allows every destination on every port; " +
            "spec.egress[1] allows every destination address (0.0.0.0/0) on every port",
            finding.Message);
    }

    private const string IngressDefaultDeny = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-in, namespace: NS}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        """;

    [Fact]
    public void Open_egress_in_a_namespace_that_isolates_ingress_only_is_info()
    {
        // Kubernetes: "pods are non-isolated for egress" unless a policy with Egress in policyTypes selects them
        // (https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation).
        var cluster = Load(("ns.yaml", IngressDefaultDeny.Replace("NS", "argocd") + "\n---\n" + Workload("argocd", "server")));

        var finding = Assert.Single(RuleRun.Analyze(new WorkloadNotIsolatedRule(), cluster));

        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Contains("not isolated for egress", finding.Message);
        Assert.Contains("isolates ingress only", finding.Message);
    }

    [Fact]
    public void Open_egress_stays_a_warning_when_the_namespace_isolates_egress_for_other_workloads()
    {
        var cluster = Load(("ns.yaml", IngressDefaultDeny.Replace("NS", "shop") + "\n---\n" + Workload("shop", "web") + "\n---\n" + Workload("shop", "db") + """

            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db-egress, namespace: shop}
            spec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Egress]}
            """));

        var finding = Assert.Single(RuleRun.Analyze(new WorkloadNotIsolatedRule(), cluster));

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("Deployment shop/web is not isolated for egress", finding.Message);
    }

    [Fact]
    public void A_workload_isolated_in_no_direction_keeps_both_warnings()
    {
        var cluster = Load(("ns.yaml", Workload("shop", "web")));

        var findings = RuleRun.Analyze(new WorkloadNotIsolatedRule(), cluster);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(Severity.Warning, f.Severity));
    }
}
