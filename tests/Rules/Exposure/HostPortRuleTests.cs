using PolicyLint.Rules.Exposure;
using static PolicyLint.Rules.Tests.Exposure.ExposureManifests;

namespace PolicyLint.Rules.Tests.Exposure;

public class HostPortRuleTests
{
    private static readonly HostPortRule Rule = new();

    [Fact]
    public void Fires_at_the_hostport_field_even_when_policies_isolate_the_pod()
    {
        var cluster = Load(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: a}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  containers:
                    - name: main
                      ports:
                        - containerPort: 9100
                          hostPort: 19100

            """,
            DenyIngress("agent"));

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(At(13, 25), finding.Span);
        Assert.StartsWith("DaemonSet a/agent listens on hostPort 19100/TCP of the node's address (container port 9100)", finding.Message);
    }

    [Fact]
    public void Does_not_fire_for_a_container_port_without_hostport()
    {
        Assert.Empty(RuleRun.Analyze(Rule, Load(Deployment("web", "[{containerPort: 9100}]"))));
    }
}
