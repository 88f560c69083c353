using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// Prepares the matrix without expanding any row per endpoint. For every pod class and
/// direction it keeps only a candidate set: the endpoints whose cell may be non-empty, the
/// union of the bit arrays of the rules that can allow something (cluster-policy Allow rules
/// and the rules of the isolating NetworkPolicies); a class nothing governs in a direction
/// has no set at all (everything is allowed). The ingress candidate sets are then transposed
/// so that, for a source endpoint, the destination classes that may let it in are one bit
/// array. Cells are evaluated on demand by <see cref="MatrixRows"/>, only where both sides are
/// candidates, so the work follows the answer and memory is a few bit arrays of C bits per class.
/// </summary>
internal sealed partial class MatrixBuilder
{
    private readonly ReachabilityEngine _engine;
    private readonly PodClasses _classes;
    private readonly PeerBitsets _bits;
    private readonly List<CompiledPolicy> _admin;
    private readonly List<CompiledPolicy> _baseline;

    public MatrixBuilder(ReachabilityEngine engine)
    {
        _engine = engine;
        _classes = engine.Classes;
        _bits = new PeerBitsets(new PeerSets(_classes, engine.IngressAtoms, engine.EgressAtoms));
        _admin = [.. engine.AdminPolicies];
        _baseline = [.. engine.BaselinePolicies];
    }

    public MatrixRows Build()
    {
        var count = _classes.Count;
        var egress = new ulong[]?[count];
        var ingress = new ulong[]?[count];
        ForEachClass(count, c =>
        {
            var subject = _classes.All[c];
            egress[c] = Candidates(subject, PolicyDirections.Egress);
            ingress[c] = Candidates(subject, PolicyDirections.Ingress);
        });
        var ingressSize = _bits.Size(PolicyDirections.Ingress);
        return new MatrixRows(_engine, _bits, egress, ingress, OpenIngress(ingress), Transpose(ingress, ingressSize));
    }

    /// <summary>Runs <paramref name="body"/> for every class, in parallel over contiguous ranges.</summary>
    private static void ForEachClass(int count, Action<int> body)
    {
        var ranges = System.Collections.Concurrent.Partitioner.Create(0, count, Math.Max(64, count / (4 * Environment.ProcessorCount) + 1));
        Parallel.ForEach(ranges, range =>
        {
            for (var c = range.Item1; c < range.Item2; c++) body(c);
        });
    }

    /// <summary>
    /// The endpoints whose cell may be non-empty, or null when nothing governs the class in
    /// this direction (every cell All). Isolated: only an Admin Allow rule or a NetworkPolicy
    /// rule can allow anything, so the union of their peers bounds the row. Not isolated but
    /// with cluster-policy rules: any endpoint may be allowed.
    /// </summary>
    private ulong[]? Candidates(PodClass subject, PolicyDirections direction)
    {
        if (subject.IsIngressController) return null;
        var size = _bits.Size(direction);
        if (_engine.Tiers is not null) return TierCandidates(subject, direction, size);
        var isolating = _engine.IsolatingPolicies(subject, direction);
        if (isolating.Count == 0)
        {
            return HasClusterRules(subject, direction) || _engine.Cilium.HasDenies(subject, direction)
                ? NotDeniedOutright(subject, direction, size)
                : null;
        }
        var bits = new ulong[EndpointBits.Words(size)];
        foreach (var policy in _admin)
        {
            if (!policy.AppliesTo(subject)) continue;
            foreach (var rule in policy.Rules(direction))
            {
                if (rule.Action == AdminAction.Allow) EndpointBits.UnionWith(bits, _bits.Of(rule));
            }
        }
        foreach (var policy in isolating.Concat(_engine.Cilium.Allowing(subject, direction)))
        {
            foreach (var rule in policy.Rules(direction)) EndpointBits.UnionWith(bits, _bits.Of(rule));
        }
        return bits;
    }

    /// <summary>
    /// For a class no NetworkPolicy isolates: every endpoint except those a Deny rule on all
    /// ports names before any Allow or Pass rule names them (Admin rules in order, then
    /// Baseline). Such a Deny takes everything while nothing has been allowed or passed, so
    /// the cell is Empty; a cluster-wide baseline "deny all" thus leaves no candidates.
    /// </summary>
    private ulong[] NotDeniedOutright(PodClass subject, PolicyDirections direction, int size)
    {
        var candidates = EndpointBits.Full(size);
        var allowedOrPassed = new ulong[candidates.Length];
        foreach (var policy in _admin.Concat(_baseline))
        {
            if (!policy.AppliesTo(subject)) continue;
            foreach (var rule in policy.Rules(direction))
            {
                var peers = _bits.Of(rule);
                if (rule.Action != AdminAction.Deny)
                {
                    EndpointBits.UnionWith(allowedOrPassed, peers);
                }
                else if (rule.PortsFor(null).IsAll)
                {
                    for (var k = 0; k < candidates.Length; k++) candidates[k] &= ~(peers[k] & ~allowedOrPassed[k]);
                }
            }
        }
        return candidates;
    }

    private bool HasClusterRules(PodClass subject, PolicyDirections direction)
    {
        foreach (var policy in _admin)
        {
            if (policy.Rules(direction).Length > 0 && policy.AppliesTo(subject)) return true;
        }
        foreach (var policy in _baseline)
        {
            if (policy.Rules(direction).Length > 0 && policy.AppliesTo(subject)) return true;
        }
        return false;
    }

    /// <summary>The classes whose ingress nothing governs: they let every source in.</summary>
    private static ulong[] OpenIngress(ulong[]?[] ingress)
    {
        var open = new ulong[EndpointBits.Words(ingress.Length)];
        for (var d = 0; d < ingress.Length; d++)
        {
            if (ingress[d] is null) EndpointBits.Add(open, d);
        }
        return open;
    }

    /// <summary>
    /// For every source endpoint, the destination classes whose ingress candidates contain it.
    /// Parallel over blocks of 64 destinations: each block writes only its own word of every
    /// result, so the blocks never share a word.
    /// </summary>
    private static ulong[][] Transpose(ulong[]?[] ingress, int sourceCount)
    {
        var words = EndpointBits.Words(ingress.Length);
        var bySource = new ulong[sourceCount][];
        for (var e = 0; e < sourceCount; e++) bySource[e] = new ulong[words];
        Parallel.For(0, words, k =>
        {
            var end = Math.Min(ingress.Length, (k + 1) * 64);
            for (var d = k * 64; d < end; d++)
            {
                if (ingress[d] is not { } row) continue;
                var bit = 1UL << d;
                for (var w = 0; w < row.Length; w++)
                {
                    var word = row[w];
                    while (word != 0)
                    {
                        var e = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                        word &= word - 1;
                        bySource[e][k] |= bit;
                    }
                }
            }
        });
        return bySource;
    }
}
