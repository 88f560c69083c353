using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using static PolicyLint.Analyzer.Tests.Reachability.Sel;

namespace PolicyLint.Analyzer.Tests.Reachability;

public class ExplanationTests
{
    private static (ReachabilityEngine Engine, Peer A, Peer B) Build(ClusterFixture fixture)
    {
        var engine = ReachabilityEngine.Build(fixture.Build());
        return (engine, engine.FindPeer("ns/a[Pod]")!, engine.FindPeer("ns/b[Pod]")!);
    }

    private static ClusterFixture TwoPods() => new ClusterFixture()
        .Pod("ns", "a", ("app", "a"))
        .Pod("ns", "b", ("app", "b"));

    [Fact]
    public void Names_the_isolating_policies_and_the_allowing_rules()
    {
        var (engine, a, b) = Build(TwoPods()
            .Policy("ns", "web", p => p.Select(("app", "b")).Ingress(ports: [Tcp(80)]).Ingress(from: [Pods(Labels(("app", "nobody")))]).Ingress(ports: [Udp(53)])));
        var explanation = engine.Explain(a, b);
        Assert.False(explanation.Egress.Isolated);
        Assert.True(explanation.Ingress.Isolated);
        Assert.Equal("NetworkPolicy ns/web", Assert.Single(explanation.Ingress.IsolatingPolicies).ToString());
        Assert.Equal([0, 2], explanation.Ingress.Rules.Select(r => r.Rule.Index));
        Assert.Equal("TCP 80", explanation.Ingress.Rules[0].Matched.ToString());
        Assert.Equal(ClusterFixture.Span(10), explanation.Ingress.Rules[0].Rule.Span);
        Assert.Equal("TCP 80,UDP 53", explanation.Allowed.ToString());
    }

    [Fact]
    public void An_isolated_pod_with_no_matching_rule_is_denied_by_isolation()
    {
        var (engine, a, b) = Build(TwoPods().Policy("ns", "deny", p => p.Select(("app", "b")).Types(PolicyDirections.Ingress)));
        var explanation = engine.Explain(a, b);
        Assert.True(explanation.Ingress.DeniedByIsolation);
        Assert.True(explanation.Allowed.IsEmpty);
        Assert.True(explanation.Egress.Allowed.IsAll);
    }

    [Fact]
    public void Cluster_policy_rules_report_what_they_decided()
    {
        var (engine, a, b) = Build(TwoPods()
            .Admin("p", 1, AdminPods(Sel.All, Labels(("app", "b"))), p => p
                .IngressRule(AdminAction.Deny, [AdminNamespaces(Sel.All)], Tcp(22))
                .IngressRule(AdminAction.Allow, [AdminNamespaces(Sel.All)], Tcp(1, 100))));
        var rules = engine.Explain(a, b).Ingress.Rules;
        Assert.Equal(2, rules.Length);
        Assert.Equal(PolicyLayer.Admin, rules[1].Rule.Layer);
        Assert.Equal("in-1", rules[1].Rule.Name);
        Assert.Equal("TCP 1-100", rules[1].Matched.ToString());
        Assert.Equal("TCP 1-21,23-100", rules[1].Decided.ToString());
    }
}
