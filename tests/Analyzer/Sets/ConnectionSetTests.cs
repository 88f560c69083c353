using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Tests.Sets;

public class ConnectionSetTests
{
    [Fact]
    public void Prints_All_Connections_only_when_every_port_of_every_protocol_is_in()
    {
        Assert.Equal("All Connections", ConnectionSet.All.ToString());
        var tcpUdpOnly = ConnectionSet.AllOf(Protocol.TCP).Union(ConnectionSet.AllOf(Protocol.UDP));
        Assert.Equal("TCP 1-65535,UDP 1-65535", tcpUdpOnly.ToString());
        Assert.Same(ConnectionSet.All, tcpUdpOnly.Union(ConnectionSet.AllOf(Protocol.SCTP)));
    }

    [Fact]
    public void Prints_protocol_groups_in_name_order_SCTP_TCP_UDP()
    {
        var set = ConnectionSet.Of(Protocol.UDP, 10053)
            .Union(ConnectionSet.Range(Protocol.TCP, 10053, 10054))
            .Union(ConnectionSet.Of(Protocol.SCTP, 9003));
        Assert.Equal("SCTP 9003,TCP 10053-10054,UDP 10053", set.ToString());
    }

    [Fact]
    public void Prints_the_goldens_complement_form()
    {
        var set = ConnectionSet.All
            .Subtract(ConnectionSet.Of(Protocol.SCTP, 9003))
            .Subtract(ConnectionSet.Of(Protocol.TCP, 80))
            .Subtract(ConnectionSet.Of(Protocol.UDP, 53));
        Assert.Equal("SCTP 1-9002,9004-65535,TCP 1-79,81-65535,UDP 1-52,54-65535", set.ToString());
    }

    [Fact]
    public void Unresolved_names_print_after_the_numbers_of_their_protocol()
    {
        var set = ConnectionSet.Of(Protocol.TCP, PortSet.Of(80).Union(PortSet.Named("metrics")));
        Assert.Equal("TCP 80,metrics", set.ToString());
        Assert.True(set.HasNamedPorts);
        Assert.Equal("TCP metrics", set.Subtract(ConnectionSet.All).ToString());
        Assert.Equal("TCP 80", set.Intersect(ConnectionSet.All).ToString());
    }

    [Fact]
    public void Empty_is_shared_and_prints_no_connections()
    {
        Assert.Same(ConnectionSet.Empty, ConnectionSet.Of(Protocol.TCP, 80).Subtract(ConnectionSet.AllOf(Protocol.TCP)));
        Assert.True(ConnectionSet.Of(Protocol.TCP, 80).Intersect(ConnectionSet.Of(Protocol.UDP, 80)).IsEmpty);
        Assert.Equal("No Connections", ConnectionSet.Empty.ToString());
    }

    [Fact]
    public void Protocols_are_distinct()
    {
        var tcp80 = ConnectionSet.Of(Protocol.TCP, 80);
        Assert.True(tcp80.Contains(Protocol.TCP, 80));
        Assert.False(tcp80.Contains(Protocol.UDP, 80));
        Assert.False(tcp80.Contains(Protocol.SCTP, 80));
        Assert.False(tcp80.Overlaps(ConnectionSet.AllOf(Protocol.UDP)));
        Assert.True(tcp80.IsSubsetOf(ConnectionSet.AllOf(Protocol.TCP)));
    }

    [Fact]
    public void Obeys_the_set_algebra_laws() => AlgebraLaws.Hold(SetGenerators.ConnectionSets,
        new AlgebraLaws.Ops<ConnectionSet>((a, b) => a.Union(b), (a, b) => a.Intersect(b), (a, b) => a.Subtract(b), (a, b) => a.IsSubsetOf(b), a => a.IsEmpty));
}
