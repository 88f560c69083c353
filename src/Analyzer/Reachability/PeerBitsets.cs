using System.Collections.Concurrent;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// The endpoints each rule names (<see cref="PeerSets"/>) as bit arrays over the endpoints of
/// the rule's direction. Rules with the same peer list share one array, so memory is
/// (distinct peer lists) × (endpoints / 8) bytes. Thread-safe.
/// </summary>
internal sealed class PeerBitsets(PeerSets peerSets)
{
    private readonly ConcurrentDictionary<int[], ulong[]> _byMembers = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<CompiledRule, ulong[]> _byRule = new(ReferenceEqualityComparer.Instance);

    public ulong[] Of(CompiledRule rule)
    {
        if (_byRule.TryGetValue(rule, out var cached)) return cached;
        var members = peerSets.Of(rule);
        var bits = _byMembers.GetOrAdd(members, m => EndpointBits.Of(peerSets.Size(rule.Ref.Direction), m));
        _byRule[rule] = bits;
        return bits;
    }

    /// <summary>Whether the rule names the endpoint.</summary>
    public bool Contains(CompiledRule rule, int endpoint) => EndpointBits.Has(Of(rule), endpoint);

    public int Size(PolicyDirections direction) => peerSets.Size(direction);
}
