using static PolicyLint.Cli.Tests.Dumps.DumpInput;

namespace PolicyLint.Cli.Tests.Dumps;

/// <summary>How outside address ranges are cut and printed, per profile.</summary>
public class OutsideRangeTests
{
    // Kubernetes, "Network Policies": "ipBlock: This selects particular IP CIDR ranges to allow as
    // ingress sources or egress destinations." netpol-analyzer cuts the outside address space at
    // every such block and prints each piece as start-end, even a piece of one address.
    private const string Egress = """
        apiVersion: v1
        kind: Pod
        metadata: {name: app, namespace: ns, labels: {app: app}}
        spec: {containers: [{name: c}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: egress, namespace: ns}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
          - to: [{ipBlock: {cidr: 50.0.0.0/8}}, {ipBlock: {cidr: 51.0.0.0/28}}]
          - to: [{ipBlock: {cidr: 8.8.8.8/32}}]
            ports: [{port: 53, protocol: UDP}]
        """;

    private static string FromApp(CliRun run) =>
        string.Concat(Lines(run.Out).Where(l => l.StartsWith("ns/app", StringComparison.Ordinal)).Select(l => l + "\n"));

    [Fact]
    public void Under_netpol_analyzer_adjacent_blocks_stay_separate_and_one_address_is_a_range()
    {
        var run = Run(Egress, "report", "-", "--format", "connlist", "--profile", "netpol-analyzer");

        Assert.Equal(
            "ns/app[Pod] => 50.0.0.0-50.255.255.255[External] : All Connections\n" +
            "ns/app[Pod] => 51.0.0.0-51.0.0.15[External] : All Connections\n" +
            "ns/app[Pod] => 8.8.8.8-8.8.8.8[External] : UDP 53\n",
            FromApp(run));
    }

    [Fact]
    public void Under_the_default_profile_one_address_is_printed_alone()
    {
        var run = Run(Egress, "report", "-", "--format", "connlist");

        Assert.Equal(
            "ns/app[Pod] => 50.0.0.0-51.0.0.15[External] : All Connections\n" +
            "ns/app[Pod] => 8.8.8.8[External] : UDP 53\n",
            FromApp(run));
        Assert.DoesNotContain("8.8.8.8-8.8.8.8", Run(Egress, "report", "-").Out);
    }
}
