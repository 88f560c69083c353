using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// A policy rule reduced to what evaluation needs: which pod classes and which outside
/// addresses it names, and its ports (numbers fixed, names resolved per destination).
/// </summary>
internal sealed class CompiledRule
{
    private readonly ImmutableArray<ClassMatcher> _peers;
    private readonly ConnectionSet _numericPorts;
    private readonly ImmutableArray<(string Name, Protocol? Protocol)> _namedPorts;
    // Only a rule with named ports resolves per destination; the others (nearly all of a large
    // cluster's) keep no table, which the engine would otherwise carry for its whole life.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, ConnectionSet>? _resolved;

    public CompiledRule(
        RuleRef reference,
        AdminAction action,
        bool allPeers,
        ImmutableArray<ClassMatcher> peers,
        IpSet external,
        ImmutableArray<PolicyPort> ports)
    {
        Ref = reference;
        Action = action;
        AllPeers = allPeers;
        _peers = peers;
        External = external;
        (_numericPorts, _namedPorts) = CompilePorts(ports);
        if (!_namedPorts.IsEmpty) _resolved = new();
    }

    public RuleRef Ref { get; }

    public AdminAction Action { get; }

    /// <summary>from/to missing or empty: every pod and every address.</summary>
    public bool AllPeers { get; }

    /// <summary>Outside addresses this rule names (ipBlocks minus excepts, or ANP networks).</summary>
    public IpSet External { get; }

    /// <summary>Each ipBlock or network of the rule on its own (their union is <see cref="External"/>).</summary>
    public ImmutableArray<IpSet> Blocks { get; init; } = [];

    /// <summary>
    /// The address blocks that can tell pods apart by IP (pods are split into classes at their
    /// boundaries); External unless the rule tests pod IPs beside selectors (Calico nets).
    /// </summary>
    public IpSet PodAddressBlocks { get => field ?? External; init; }

    /// <summary>Ports taken out of what the rule matches (Calico notPorts, notProtocol), compiled as a rule of their own.</summary>
    public CompiledRule? ExceptPorts { get; init; }

    /// <summary>The rule matches only traffic the model does not hold (a Calico rule for ICMP): no connection.</summary>
    public bool MatchesNoConnection { get; init; }

    public bool Matches(PodClass candidate)
    {
        if (AllPeers) return true;
        foreach (var peer in _peers)
        {
            if (peer.Matches(candidate)) return true;
        }
        return false;
    }

    /// <summary>Whether every address of the range is one this rule names.</summary>
    public bool Matches(IpSet addresses) => AllPeers || (!External.IsEmpty && addresses.IsSubsetOf(External));

    public IEnumerable<ClassMatcher> PeerMatchers => _peers;

    /// <summary>
    /// The connections this rule speaks about towards <paramref name="destination"/> (null for an
    /// address outside the cluster, where named ports cannot resolve): named ports resolve on
    /// the destination pod's containerPorts with the same protocol, or match nothing; a
    /// cluster policy's named port (no protocol of its own) takes the container port's protocol.
    /// </summary>
    public ConnectionSet PortsFor(PodClass? destination)
    {
        if (MatchesNoConnection) return ConnectionSet.Empty;
        var ports = PositivePortsFor(destination);
        return ExceptPorts is null ? ports : ports.Subtract(ExceptPorts.PortsFor(destination));
    }

    private ConnectionSet PositivePortsFor(PodClass? destination)
    {
        if (_resolved is null || destination is null) return _numericPorts;
        if (_resolved.TryGetValue(destination.PortProfile, out var cached)) return cached;
        var result = _numericPorts;
        foreach (var (name, protocol) in _namedPorts)
        {
            foreach (var (portProtocol, number) in destination.ResolveNamedPort(name))
            {
                if (protocol is null || protocol == portProtocol) result = result.Union(ConnectionSet.Of(portProtocol, number));
            }
        }
        _resolved[destination.PortProfile] = result;
        return result;
    }

    private static (ConnectionSet Numeric, ImmutableArray<(string, Protocol?)> Named) CompilePorts(ImmutableArray<PolicyPort> ports)
    {
        if (ports.IsDefaultOrEmpty) return (ConnectionSet.All, []);
        var numeric = ConnectionSet.Empty;
        var named = ImmutableArray.CreateBuilder<(string, Protocol?)>();
        foreach (var port in ports)
        {
            if (port.Port is not { } reference)
            {
                numeric = numeric.Union(ConnectionSet.AllOf(port.Protocol));
            }
            else if (reference.Name is { } name)
            {
                named.Add((name, port.ProtocolOfContainerPort ? null : port.Protocol));
            }
            else if (reference.Number is { } number && PortRange.IsValidPort(number))
            {
                var end = port.EndPort is { } endPort && endPort >= number ? Math.Min(endPort, PortRange.MaxPort) : number;
                numeric = numeric.Union(ConnectionSet.Range(port.Protocol, number, end));
            }
        }
        return (numeric, named.ToImmutable());
    }
}
