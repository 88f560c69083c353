using System.Text;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Sets;

/// <summary>
/// A set of connections: for each protocol (TCP, UDP, SCTP) the ports allowed. Immutable value
/// type with the usual set algebra; <see cref="All"/> and <see cref="Empty"/> are shared
/// instances so hot loops can short-circuit on them.
/// </summary>
public sealed class ConnectionSet : IEquatable<ConnectionSet>
{
    public const string AllConnectionsText = "All Connections";
    public const string NoConnectionsText = "No Connections";

    private readonly PortSet _tcp;
    private readonly PortSet _udp;
    private readonly PortSet _sctp;

    private ConnectionSet(PortSet tcp, PortSet udp, PortSet sctp)
    {
        _tcp = tcp;
        _udp = udp;
        _sctp = sctp;
        HasNamedPorts = !tcp.NamedPorts.IsEmpty || !udp.NamedPorts.IsEmpty || !sctp.NamedPorts.IsEmpty;
    }

    /// <summary>
    /// Whether some protocol still holds unresolved port names. Names are opaque symbols: no
    /// number equals a name, so even <see cref="All"/> does not contain them.
    /// </summary>
    public bool HasNamedPorts { get; }

    public static ConnectionSet Empty { get; } = new(PortSet.Empty, PortSet.Empty, PortSet.Empty);

    public static ConnectionSet All { get; } = new(PortSet.All, PortSet.All, PortSet.All);

    public static ConnectionSet Of(Protocol protocol, PortSet ports) => protocol switch
    {
        Protocol.TCP => Create(ports, PortSet.Empty, PortSet.Empty),
        Protocol.UDP => Create(PortSet.Empty, ports, PortSet.Empty),
        _ => Create(PortSet.Empty, PortSet.Empty, ports),
    };

    public static ConnectionSet Of(Protocol protocol, params int[] ports) => Of(protocol, PortSet.Of(ports));

    public static ConnectionSet Range(Protocol protocol, int start, int end) => Of(protocol, PortSet.Range(start, end));

    /// <summary>Every port of one protocol.</summary>
    public static ConnectionSet AllOf(Protocol protocol) => Of(protocol, PortSet.All);

    /// <summary>Builds a set, reusing the shared All and Empty instances when it is one of them.</summary>
    public static ConnectionSet Create(PortSet tcp, PortSet udp, PortSet sctp)
    {
        if (tcp.IsEmpty && udp.IsEmpty && sctp.IsEmpty) return Empty;
        if (IsFull(tcp) && IsFull(udp) && IsFull(sctp)) return All;
        return new ConnectionSet(tcp, udp, sctp);
    }

    private static bool IsFull(PortSet ports) => ports.IsAll && ports.NamedPorts.IsEmpty;

    public PortSet Ports(Protocol protocol) => protocol switch
    {
        Protocol.TCP => _tcp,
        Protocol.UDP => _udp,
        _ => _sctp,
    };

    public bool IsEmpty => ReferenceEquals(this, Empty);

    public bool IsAll => ReferenceEquals(this, All);

    public bool Contains(Protocol protocol, int port) => Ports(protocol).Contains(port);

    public ConnectionSet Union(ConnectionSet other)
    {
        if (other.IsEmpty || (IsAll && !other.HasNamedPorts)) return this;
        if (IsEmpty || (other.IsAll && !HasNamedPorts)) return other;
        return Create(_tcp.Union(other._tcp), _udp.Union(other._udp), _sctp.Union(other._sctp));
    }

    public ConnectionSet Intersect(ConnectionSet other)
    {
        if (other.IsEmpty || (IsAll && !other.HasNamedPorts)) return other;
        if (IsEmpty || (other.IsAll && !HasNamedPorts)) return this;
        return Create(_tcp.Intersect(other._tcp), _udp.Intersect(other._udp), _sctp.Intersect(other._sctp));
    }

    public ConnectionSet Subtract(ConnectionSet other)
    {
        if (IsEmpty || other.IsEmpty) return this;
        if (other.IsAll && !HasNamedPorts) return Empty;
        return Create(_tcp.Subtract(other._tcp), _udp.Subtract(other._udp), _sctp.Subtract(other._sctp));
    }

    public bool IsSubsetOf(ConnectionSet other) =>
        _tcp.IsSubsetOf(other._tcp) && _udp.IsSubsetOf(other._udp) && _sctp.IsSubsetOf(other._sctp);

    public bool Overlaps(ConnectionSet other) => !Intersect(other).IsEmpty;

    public bool Equals(ConnectionSet? other) =>
        other is not null && (ReferenceEquals(this, other) || (_tcp.Equals(other._tcp) && _udp.Equals(other._udp) && _sctp.Equals(other._sctp)));

    public override bool Equals(object? obj) => Equals(obj as ConnectionSet);

    // Sets are grouped by in dictionaries a million times on large clusters: hashed once, lazily
    // (0 means "not yet"; a racing reader computes the same value).
    private int _hash;

    public override int GetHashCode()
    {
        if (_hash == 0) _hash = HashCode.Combine(_tcp, _udp, _sctp) | 1;
        return _hash;
    }

    /// <summary>
    /// The canonical connlist text: <c>All Connections</c>; otherwise the non-empty protocols in
    /// name order (SCTP, TCP, UDP), each <c>PROTO p1,p2-p3</c> with unresolved names last, joined
    /// by <c>,</c>. The empty set prints as <c>No Connections</c> (never printed in a connlist).
    /// </summary>
    public override string ToString()
    {
        if (IsAll) return AllConnectionsText;
        if (IsEmpty) return NoConnectionsText;
        var text = new StringBuilder();
        foreach (var protocol in Protocols.All)
        {
            var ports = Ports(protocol);
            if (ports.IsEmpty) continue;
            if (text.Length > 0) text.Append(',');
            text.Append(protocol.ToString()).Append(' ').Append(ports.ToString());
        }
        return text.ToString();
    }
}
