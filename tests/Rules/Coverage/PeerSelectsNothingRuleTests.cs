using PolicyLint.Analyzer.Model;
using PolicyLint.Rules.Coverage;

namespace PolicyLint.Rules.Tests.Coverage;

public class PeerSelectsNothingRuleTests
{
    private static readonly PeerSelectsNothingRule Rule = new();

    [Fact]
    public void Fires_on_a_pod_selector_peer_matching_nothing_in_the_policy_namespace()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web")
            .Workload("other", "frontend")
            .Policy("shop", "allow", p => p.Select(("app", "web")).Ingress(r => r.Pods(("app", "frontend"))))
            .Build();

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(cluster.NetworkPolicies[0].Ingress[0].Peers[0].Span, finding.Span);
        Assert.Contains("spec.ingress[0].from peer podSelector app=frontend matches no workload in namespace shop", finding.Message);
    }

    [Fact]
    public void Does_not_fire_when_the_peer_namespace_holds_a_match()
    {
        var cluster = new ClusterBuilder()
            .Namespace("other", ("team", "web"))
            .Workload("shop", "web")
            .Workload("other", "frontend")
            .Policy("shop", "allow", p => p.Select(("app", "web"))
                .Ingress(r => r.Peer(pods: [("app", "frontend")], namespaces: [("team", "web")])))
            .Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Fires_on_a_namespace_selector_matching_no_namespace_of_the_input()
    {
        var cluster = new ClusterBuilder()
            .Namespace("other", ("team", "web"))
            .Workload("shop", "web")
            .Policy("shop", "allow", p => p.Select(("app", "web")).Egress(r => r.Namespaces(("team", "db"))))
            .Build();

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));
        Assert.Contains("spec.egress[0].to peer namespaceSelector team=db matches no namespace in the input", finding.Message);
    }

    [Fact]
    public void Does_not_fire_on_a_namespace_selector_matching_a_namespace_without_workloads()
    {
        var cluster = new ClusterBuilder()
            .Namespace("monitoring", ("team", "ops"))
            .Workload("shop", "web")
            .Policy("shop", "allow", p => p.Select(("app", "web")).Ingress(r => r.Namespaces(("team", "ops"))))
            .Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Ignores_ip_blocks_and_rules_of_directions_the_policy_does_not_isolate()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web")
            .Policy("shop", "allow", p => p.Select(("app", "web")).PolicyTypes(PolicyDirections.Ingress)
                .Ingress(r => r.IpBlock("10.0.0.0/8"))
                .Egress(r => r.Pods(("app", "nothing"))))
            .Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Says_when_no_pod_could_ever_match_a_contradictory_peer()
    {
        var cluster = Redundancy.Manifests.Load(Redundancy.Manifests.Pod("shop", "api", "{app: api}") + """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: api}}
              ingress:
              - from: [{podSelector: {matchLabels: {app: web}, matchExpressions: [{key: app, operator: DoesNotExist}]}}]
              - from: [{namespaceSelector: {matchLabels: {team: web}}, podSelector: {matchLabels: {app: web}}}]
            """);

        var findings = RuleRun.Analyze(Rule, cluster);

        Assert.Equal(2, findings.Count);
        Assert.Equal(cluster.NetworkPolicies[0].Ingress[0].Peers[0].Span, findings[0].Span);
        Assert.Equal("NetworkPolicy shop/allow: spec.ingress[0].from peer podSelector app=web,!app can never match any pod: its requirements contradict each other", findings[0].Message);
        Assert.Equal("NetworkPolicy shop/allow: spec.ingress[1].from peer namespaceSelector team=web and podSelector app=web matches no workload in the input", findings[1].Message);
    }

    [Fact]
    public void Says_when_no_namespace_could_ever_match_a_contradictory_namespace_selector()
    {
        var cluster = Redundancy.Manifests.Load(Redundancy.Manifests.Pod("shop", "api", "{app: api}") + """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: api}}
              ingress:
              - from: [{namespaceSelector: {matchExpressions: [{key: team, operator: In, values: [a]}, {key: team, operator: In, values: [b]}]}}]
            """);

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.EndsWith("can never match any namespace: its requirements contradict each other", finding.Message);
    }
}
