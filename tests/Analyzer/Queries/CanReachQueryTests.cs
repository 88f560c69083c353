using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;
using PolicyLint.Analyzer.Tests.Reachability;
using static PolicyLint.Analyzer.Tests.Reachability.Sel;

namespace PolicyLint.Analyzer.Tests.Queries;

public class CanReachQueryTests
{
    private static ReachabilityEngine Engine() => ReachabilityEngine.Build(new ClusterFixture()
        .Pod("ns", "a", ("app", "a"))
        .Pod("ns", "b", ("app", "b"))
        .Policy("ns", "p", p => p.Select(("app", "b")).Ingress(ports: [Tcp(80), Udp(53)]))
        .Build());

    [Theory]
    [InlineData(null, null, true)]
    [InlineData(Protocol.TCP, 80, true)]
    [InlineData(Protocol.TCP, 81, false)]
    [InlineData(Protocol.UDP, 53, true)]
    [InlineData(Protocol.SCTP, null, false)]
    [InlineData(Protocol.UDP, null, true)]
    [InlineData(null, 80, true)]
    [InlineData(null, 53, false)]
    public void Answers_for_a_protocol_and_port(Protocol? protocol, int? port, bool reachable)
    {
        var engine = Engine();
        var result = CanReachQuery.Run(engine, engine.FindPeer("ns/a[Pod]")!, engine.FindPeer("ns/b[Pod]")!, protocol, port);
        Assert.Equal(reachable, result.Reachable);
        Assert.Equal("TCP 80,UDP 53", result.Allowed.ToString());
        Assert.Equal("NetworkPolicy ns/p", Assert.Single(result.Explanation.Ingress.IsolatingPolicies).ToString());
    }

    [Fact]
    public void Nothing_allowed_is_not_reachable()
    {
        Assert.False(CanReachQuery.IsReachable(ConnectionSet.Empty, null, null));
    }
}
