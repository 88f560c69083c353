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

    // One workload's rule cuts the outside at 10.0.0.0/8 except 10.1.0.0/16; the other workload is
    // in a namespace no policy selects. Kubernetes, "Network Policies": "By default, a pod is
    // non-isolated for egress; all outbound connections are allowed."
    private const string OneOpenOneCut = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: c}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: agent, namespace: ops, labels: {app: agent}}
        spec: {containers: [{name: c}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web-out, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: web}}
          policyTypes: [Egress]
          egress:
          - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]
            ports: [{port: 443, protocol: TCP}]
        """;

    private static string[] Outgoing(CliRun run, string workload) =>
        [.. Lines(run.Out).Where(l => l.StartsWith(workload, StringComparison.Ordinal) && l.Contains("[External]", StringComparison.Ordinal))];

    [Fact]
    public void Under_the_default_profile_a_workload_no_policy_isolates_is_one_line_for_every_outside_address()
    {
        var run = Run(OneOpenOneCut, "report", "-", "--format", "connlist");

        Assert.Equal(["ops/agent[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections"], Outgoing(run, "ops/agent"));
        Assert.Equal(["shop/web[Pod] => 10.0.0.0-10.0.255.255,10.2.0.0-10.255.255.255[External] : TCP 443"], Outgoing(run, "shop/web"));
        var csv = Lines(Run(OneOpenOneCut, "report", "-", "--format", "csv").Out.Replace("\r", "", StringComparison.Ordinal));
        Assert.Equal(["ops/agent[Pod],0.0.0.0-255.255.255.255[External],All Connections"], csv.Where(l => l.StartsWith("ops/agent[Pod],", StringComparison.Ordinal) && l.Contains("External", StringComparison.Ordinal)));
        Assert.Contains("| `ops/agent[Pod]` | `0.0.0.0-255.255.255.255[External]` | `All Connections` |", Run(OneOpenOneCut, "report", "-", "--format", "md").Out);
    }

    [Fact]
    public void Under_netpol_analyzer_a_workload_no_policy_isolates_is_listed_against_every_range()
    {
        var run = Run(OneOpenOneCut, "report", "-", "--format", "connlist", "--profile", "netpol-analyzer");

        Assert.Equal(5, Outgoing(run, "ops/agent").Length);
    }
}
