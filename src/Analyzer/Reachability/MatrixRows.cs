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
    private readonly MembershipDecisions?[] _egressToOutside;
    private readonly MembershipDecisions?[] _ingressFromOutside;

    public MatrixRows(ReachabilityEngine engine, PeerBitsets bits, ulong[]?[] egress, ulong[]?[] ingress, ulong[] openIngress, ulong[][] ingressBySource)
    {
        _engine = engine;
        _classes = engine.Classes;
        _bits = bits;
        _egress = egress;
        _ingress = ingress;
        _openIngress = openIngress;
        _ingressBySource = ingressBySource;
        _egressToOutside = new MembershipDecisions?[_classes.Count];
        _ingressFromOutside = new MembershipDecisions?[_classes.Count];
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
        if (destination >= _classes.Count) return Outside(_egressToOutside, source, PolicyDirections.Egress).For(destination);
        return BetweenClasses(_classes.All[source], PolicyDirections.Egress, _classes.All[destination], destination);
    }

    /// <summary>What class <paramref name="destination"/> lets in from ingress endpoint <paramref name="source"/>.</summary>
    public ConnectionSet IngressAt(int destination, int source)
    {
        if (_ingress[destination] is not { } candidates) return ConnectionSet.All;
        if (!EndpointBits.Has(candidates, source)) return ConnectionSet.Empty;
        if (source >= _classes.Count) return Outside(_ingressFromOutside, destination, PolicyDirections.Ingress).For(source);
        var subject = _classes.All[destination];
        return BetweenClasses(subject, PolicyDirections.Ingress, subject, source);
    }

    /// <summary>
    /// <see cref="EgressAt"/> from class <paramref name="source"/> towards every outside range, into
    /// <paramref name="row"/> (by range): only the ranges among the class's candidates are asked
    /// of its decisions, the others are Empty (or all All when nothing governs the class).
    /// </summary>
    public void EgressToOutside(int source, ConnectionSet[] row) =>
        OutsideRow(_egress[source], _egressToOutside, source, PolicyDirections.Egress, row);

    /// <summary><see cref="IngressAt"/> of class <paramref name="destination"/> from every outside range, into <paramref name="row"/> (by range).</summary>
    public void IngressFromOutside(int destination, ConnectionSet[] row) =>
        OutsideRow(_ingress[destination], _ingressFromOutside, destination, PolicyDirections.Ingress, row);

    private void OutsideRow(ulong[]? candidates, MembershipDecisions?[] byClass, int index, PolicyDirections direction, ConnectionSet[] row)
    {
        if (candidates is null)
        {
            Array.Fill(row, ConnectionSet.All);
            return;
        }
        Array.Fill(row, ConnectionSet.Empty);
        var first = _classes.Count;
        var end = first + row.Length;
        MembershipDecisions? decisions = null;
        for (var k = first >> 6; k < candidates.Length && (k << 6) < end; k++)
        {
            for (var word = candidates[k]; word != 0; word &= word - 1)
            {
                var endpoint = (k << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                if (endpoint < first) continue;
                if (endpoint >= end) break;
                row[endpoint - first] = (decisions ??= Outside(byClass, index, direction)).For(endpoint);
            }
        }
    }

    /// <summary>
    /// The walk between two classes, apart from <see cref="EgressAt"/> and <see cref="IngressAt"/>:
    /// a lambda capturing their parameter had its state allocated on every call, the outside
    /// cells' too (millions on ipBlock-heavy input), though only this walk uses it.
    /// </summary>
    private ConnectionSet BetweenClasses(PodClass subject, PolicyDirections direction, PodClass destination, int peer) =>
        _engine.Decide(subject, direction, destination, rule => _bits.Contains(rule, peer), null, out _);

    /// <summary>
    /// The class's decisions towards (egress) or from (ingress) the outside-address atoms, which
    /// only the rules naming them tell apart: one walk per combination of answers, not per atom
    /// (<see cref="MembershipDecisions"/>; thousands of atoms on ipBlock-heavy input).
    /// </summary>
    private MembershipDecisions Outside(MembershipDecisions?[] byClass, int index, PolicyDirections direction) =>
        Volatile.Read(ref byClass[index]) ?? NewOutside(byClass, index, direction);

    /// <summary>
    /// Apart from <see cref="Outside"/>: the lambda's captured state is allocated where the method
    /// starts, and it captures a parameter, so asking a known tree in the same method allocated it on
    /// every cell (a million cells on ipBlock-heavy input).
    /// </summary>
    private MembershipDecisions NewOutside(MembershipDecisions?[] byClass, int index, PolicyDirections direction)
    {
        var subject = _classes.All[index];
        // an atom has no pod: egress towards it has no destination class; ingress ports are the subject's own
        var destination = direction == PolicyDirections.Ingress ? subject : null;
        var decisions = new MembershipDecisions(_bits.Of, matches => _engine.Decide(subject, direction, destination, matches, null, out _));
        return Interlocked.CompareExchange(ref byClass[index], decisions, null) ?? decisions;
    }
}
