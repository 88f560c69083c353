using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// The prepared matrix: per class and direction the candidate endpoints (null: nothing
/// governs the class, every cell All), the classes whose ingress is ungoverned, and the
/// ingress candidates transposed by source endpoint. A cell is evaluated on demand by the
/// engine's layer walk with rule membership read from the rules' bit arrays, in
/// O(rules applying to the class); outside the candidates it is Empty without any walk.
/// </summary>
internal sealed class MatrixRows
{
    private readonly ReachabilityEngine _engine;
    private readonly PodClasses _classes;
    private readonly PeerBitsets _bits;
    private readonly ulong[]?[] _egress;
    private readonly ulong[]?[] _ingress;
    private readonly ulong[] _openIngress;
    private readonly ulong[][] _ingressBySource;

    public MatrixRows(ReachabilityEngine engine, PeerBitsets bits, ulong[]?[] egress, ulong[]?[] ingress, ulong[] openIngress, ulong[][] ingressBySource)
    {
        _engine = engine;
        _classes = engine.Classes;
        _bits = bits;
        _egress = egress;
        _ingress = ingress;
        _openIngress = openIngress;
        _ingressBySource = ingressBySource;
    }

    /// <summary>The egress endpoints a source class may send to (null: all of them, with every connection).</summary>
    public ulong[]? EgressCandidates(int source) => _egress[source];

    /// <summary>
    /// The destination classes that may let <paramref name="source"/> (an ingress endpoint) in:
    /// the ungoverned ones and those whose ingress candidates contain it. A new array.
    /// </summary>
    public ulong[] IngressCandidates(int source)
    {
        var result = (ulong[])_openIngress.Clone();
        EndpointBits.UnionWith(result, _ingressBySource[source]);
        return result;
    }

    /// <summary>What class <paramref name="source"/> lets out towards egress endpoint <paramref name="destination"/>.</summary>
    public ConnectionSet EgressAt(int source, int destination)
    {
        if (_egress[source] is not { } candidates) return ConnectionSet.All;
        if (!EndpointBits.Has(candidates, destination)) return ConnectionSet.Empty;
        var subject = _classes.All[source];
        var to = destination < _classes.Count ? _classes.All[destination] : null;
        return _engine.Decide(subject, PolicyDirections.Egress, to, rule => _bits.Contains(rule, destination), null, out _);
    }

    /// <summary>
    /// What class <paramref name="source"/> lets out towards each of the <paramref name="count"/>
    /// egress endpoints after the classes (the outside-address atoms), as <see cref="EgressAt"/>
    /// answers each; the walks are shared between atoms the class's rules treat alike
    /// (<see cref="MembershipDecisions"/>), so equal answers are one object.
    /// </summary>
    public ConnectionSet[] EgressToOutside(int source, int count)
    {
        var result = new ConnectionSet[count];
        if (_egress[source] is not { } candidates)
        {
            Array.Fill(result, ConnectionSet.All);
            return result;
        }
        var subject = _classes.All[source];
        var decisions = new MembershipDecisions(_bits.Of, matches => _engine.Decide(subject, PolicyDirections.Egress, null, matches, null, out _));
        for (var atom = 0; atom < count; atom++)
        {
            var endpoint = _classes.Count + atom;
            result[atom] = EndpointBits.Has(candidates, endpoint) ? decisions.For(endpoint) : ConnectionSet.Empty;
        }
        return result;
    }

    /// <summary>What class <paramref name="destination"/> lets in from ingress endpoint <paramref name="source"/>.</summary>
    public ConnectionSet IngressAt(int destination, int source)
    {
        if (_ingress[destination] is not { } candidates) return ConnectionSet.All;
        if (!EndpointBits.Has(candidates, source)) return ConnectionSet.Empty;
        var subject = _classes.All[destination];
        return _engine.Decide(subject, PolicyDirections.Ingress, subject, rule => _bits.Contains(rule, source), null, out _);
    }
}
