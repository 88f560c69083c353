using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// Every range of a direction's outside peers (the engine's atoms), numbered once in address
/// order (IPv4 first), so that the union of a group of atoms is read off in order from a bit per
/// range instead of sorting the group's ranges: on an ipBlock-heavy cluster each of thousands of
/// listed lines unites thousands of atoms, and the sort was most of the listing's time.
/// </summary>
internal sealed class OutsideAddressOrder
{
    private readonly int[][] _positions;
    private readonly IpRange[] _ranges;

    /// <summary>Numbers the ranges of the atoms; a group is then given by the atoms' indices in this list.</summary>
    public OutsideAddressOrder(IReadOnlyList<ExternalPeer> atoms)
    {
        var ranges = new List<(IpRange Range, int Atom)>();
        for (var atom = 0; atom < atoms.Count; atom++)
        {
            foreach (var range in atoms[atom].Addresses.Ranges) ranges.Add((range, atom));
        }
        ranges.Sort((a, b) => a.Range.Family != b.Range.Family ? a.Range.Family.CompareTo(b.Range.Family) : a.Range.Start.CompareTo(b.Range.Start));
        _ranges = [.. ranges.Select(r => r.Range)];
        var positions = new List<int>?[atoms.Count];
        for (var i = 0; i < ranges.Count; i++) (positions[ranges[i].Atom] ??= []).Add(i);
        // an atom without addresses has no ranges to number
        _positions = [.. positions.Select(list => list is null ? [] : list.ToArray())];
    }

    /// <summary>The addresses of the atoms at the given indices.</summary>
    public IpSet UnionOf(IEnumerable<int> atoms)
    {
        var marked = new ulong[(_ranges.Length + 63) >> 6];
        foreach (var atom in atoms)
        {
            foreach (var i in _positions[atom]) marked[i >> 6] |= 1UL << i;
        }
        // ascending, so touching neighbours are joined here and the set's own normalizing never sorts
        var joined = new List<IpRange>();
        for (var word = 0; word < marked.Length; word++)
        {
            for (var bits = marked[word]; bits != 0; bits &= bits - 1)
            {
                var next = _ranges[(word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits)];
                if (joined.Count > 0 && joined[^1] is var last && last.Family == next.Family && (next.Start <= last.End || next.Start - last.End == UInt128.One))
                {
                    if (next.End > last.End) joined[^1] = last with { End = next.End };
                }
                else
                {
                    joined.Add(next);
                }
            }
        }
        return IpSet.FromRanges(joined);
    }
}
