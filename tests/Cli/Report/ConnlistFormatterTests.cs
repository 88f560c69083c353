using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;
using PolicyLint.Cli.Report;

namespace PolicyLint.Cli.Tests.Report;

public class ConnlistFormatterTests
{
    private static WorkloadPeer Workload(string ns, string name, string kind) => new(new Workload(
        new ObjectMeta(new ObjectRef(kind, ns, name), Labels.Empty, Labels.Empty, SourceSpan.None), kind, [], 1));

    [Fact]
    public void Prints_one_line_per_connection_joined_by_newlines_without_a_trailing_one()
    {
        var web = Workload("shop", "web", "Deployment");
        var db = Workload("shop", "db-0", "StatefulSet");
        var outside = new ExternalPeer(IpSet.Of(new IpRange(IpFamily.V4, 0, 167772159)));
        var text = ConnlistFormatter.Format(
        [
            new PeerConnection(outside, web, ConnectionSet.Of(Protocol.TCP, 8080)),
            new PeerConnection(IngressControllerPeer.Instance, web, ConnectionSet.Range(Protocol.TCP, 80, 81)),
            new PeerConnection(web, db, ConnectionSet.All),
        ]);
        Assert.Equal(
            "0.0.0.0-9.255.255.255[External] => shop/web[Deployment] : TCP 8080\n"
            + "{ingress-controller} => shop/web[Deployment] : TCP 80-81\n"
            + "shop/web[Deployment] => shop/db-0[StatefulSet] : All Connections",
            text);
    }

    [Fact]
    public void Nothing_to_print_is_an_empty_string()
    {
        Assert.Equal("", ConnlistFormatter.Format([]));
    }
}
