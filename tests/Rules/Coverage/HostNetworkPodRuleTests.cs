using PolicyLint.Rules.Coverage;

namespace PolicyLint.Rules.Tests.Coverage;

public class HostNetworkPodRuleTests
{
    private static readonly HostNetworkPodRule Rule = new();

    [Fact]
    public void Fires_on_a_host_network_workload_at_its_pod_spec()
    {
        var cluster = new ClusterBuilder().Workload("kube-system", "node-exporter", w => w.Kind("DaemonSet").HostNetwork()).Build();

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        var workload = cluster.Workloads[0];
        Assert.Equal(workload.Pods[0].Span, finding.Span);
        Assert.Equal(workload.Meta.Ref, finding.Object);
        Assert.StartsWith("DaemonSet kube-system/node-exporter runs with hostNetwork: true", finding.Message);
    }

    [Fact]
    public void Does_not_fire_on_an_ordinary_workload()
    {
        var cluster = new ClusterBuilder().Workload("shop", "web").Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }
}
