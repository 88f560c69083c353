using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// The address space cut into disjoint ranges at every boundary of a given list of address
/// blocks: two addresses in one atom belong to exactly the same blocks, so one representative
/// answers every "is it in this ipBlock" question for the atom. The boundaries are collected
/// once, sorted, for the whole input.
/// <para>
/// Atoms may be grouped (<see cref="MergedBy"/>): atoms that lie in exactly the same blocks
/// form one group, e.g. the addresses on both sides of a block, which no rule tells apart. A
/// group is one set of addresses (<see cref="Groups"/>); ungrouped, every atom is its own group.
/// </para>
/// </summary>
internal sealed class IpAtoms
{
    private readonly ImmutableArray<IpRange> _atoms;
    private readonly int[] _groupOf;
    private readonly Lazy<ImmutableArray<IpSet>> _groups;

    public static IpAtoms None { get; } = new([], []);

    private IpAtoms(ImmutableArray<IpRange> atoms, int[] groupOf)
    {
        _atoms = atoms;
        _groupOf = groupOf;
        // Made when first asked for: the atoms of the pod addresses are never grouped, and
        // the cut before MergedBy is only its input.
        _groups = new(MakeGroups);
    }

    /// <summary>The atoms, IPv4 first, each family ascending.</summary>
    public ImmutableArray<IpRange> Ranges => _atoms;

    /// <summary>The groups of atoms, ordered by their first atom; every atom is in exactly one.</summary>
    public ImmutableArray<IpSet> Groups => _groups.Value;

    private ImmutableArray<IpSet> MakeGroups()
    {
        var groups = new List<IpRange>[_groupOf.Length == 0 ? 0 : _groupOf.Max() + 1];
        for (var a = 0; a < _atoms.Length; a++) (groups[_groupOf[a]] ??= []).Add(_atoms[a]);
        return [.. groups.Select(IpSet.FromRanges)];
    }

    /// <summary>
    /// Cuts the whole IPv4 space (and the IPv6 space, when <paramref name="includeV6"/>) at the
    /// boundaries of <paramref name="blocks"/>; a block's boundaries are those of its ranges.
    /// </summary>
    public static IpAtoms Cut(IEnumerable<IpSet> blocks, bool includeV6)
    {
        // Sized up front and filled in place: a cut of thousands of ipBlocks would otherwise
        // grow its lists by doubling, each step a large object only a full collection reclaims.
        var list = blocks as IReadOnlyCollection<IpSet> ?? [.. blocks];
        var boundaries = 1;
        foreach (var block in list) boundaries += 2 * block.RangeCount;
        var starts = new List<UInt128>[] { new(boundaries) { UInt128.Zero }, [UInt128.Zero] };
        foreach (var block in list)
        {
            for (var i = 0; i < block.RangeCount; i++)
            {
                var range = block.RangeAt(i);
                var family = (int)range.Family;
                starts[family].Add(range.Start);
                if (range.End < IpRange.MaxOf(range.Family)) starts[family].Add(range.End + UInt128.One);
            }
        }
        var v4 = DistinctSorted(starts[0]);
        var v6 = includeV6 ? DistinctSorted(starts[1]) : [];
        var atoms = new IpRange[v4.Length + v6.Length];
        AddAtoms(atoms, 0, IpFamily.V4, v4);
        AddAtoms(atoms, v4.Length, IpFamily.V6, v6);
        var groupOf = new int[atoms.Length];
        for (var a = 0; a < groupOf.Length; a++) groupOf[a] = a;
        return new IpAtoms(ImmutableCollectionsMarshal.AsImmutableArray(atoms), groupOf);
    }

    private static ReadOnlySpan<UInt128> DistinctSorted(List<UInt128> starts)
    {
        var span = CollectionsMarshal.AsSpan(starts);
        span.Sort();
        var count = 0;
        for (var i = 0; i < span.Length; i++)
        {
            if (count == 0 || span[i] != span[count - 1]) span[count++] = span[i];
        }
        return span[..count];
    }

    /// <summary>One atom per start, each ending before the next one (the last at the family's end).</summary>
    private static void AddAtoms(IpRange[] atoms, int at, IpFamily family, ReadOnlySpan<UInt128> starts)
    {
        for (var i = 0; i < starts.Length; i++)
        {
            var end = i + 1 < starts.Length ? starts[i + 1] - UInt128.One : IpRange.MaxOf(family);
            atoms[at + i] = new IpRange(family, starts[i], end);
        }
    }

    /// <summary>
    /// The same atoms grouped so that two atoms share a group exactly when each of
    /// <paramref name="blocks"/> holds both or neither (partition refinement, each block
    /// splitting the groups by its smaller side: its atoms or the others).
    /// </summary>
    public IpAtoms MergedBy(IEnumerable<IpSet> blocks)
    {
        var partition = new AtomPartition(_atoms.Length);
        foreach (var block in blocks)
        {
            var inside = Spans(block);
            var count = inside.Sum(s => s.End - s.Start);
            partition.Split(count * 2 <= _atoms.Length ? Indices(inside) : Indices(Complement(inside)));
        }
        return new IpAtoms(_atoms, partition.GroupOfEach());
    }

    /// <summary>The groups all of whose addresses lie in <paramref name="addresses"/>, ascending.</summary>
    public IEnumerable<int> GroupsWithin(IpSet addresses)
    {
        var groups = new SortedSet<int>();
        foreach (var atom in Indices(Spans(addresses))) groups.Add(_groupOf[atom]);
        // a group is within only when every one of its atoms is
        return groups.Where(g => Groups[g].IsSubsetOf(addresses));
    }

    /// <summary>The atoms wholly inside the set, as half-open index spans, ascending.</summary>
    private List<(int Start, int End)> Spans(IpSet addresses)
    {
        var spans = new List<(int, int)>(addresses.RangeCount);
        for (var i = 0; i < addresses.RangeCount; i++)
        {
            var range = addresses.RangeAt(i);
            var start = FirstAtOrAfter(range.Family, range.Start);
            var end = FirstAtOrAfter(range.Family, range.End) is var e && e < _atoms.Length && _atoms[e].Family == range.Family && _atoms[e].Start == range.End
                ? e + 1
                : e;
            // the last atom may reach past the range's end
            if (end > start && _atoms[end - 1].End > range.End) end--;
            if (end > start) spans.Add((start, end));
        }
        return spans;
    }

    private List<(int Start, int End)> Complement(List<(int Start, int End)> spans)
    {
        var result = new List<(int, int)>();
        var from = 0;
        foreach (var (start, end) in spans)
        {
            if (start > from) result.Add((from, start));
            from = end;
        }
        if (from < _atoms.Length) result.Add((from, _atoms.Length));
        return result;
    }

    private static IEnumerable<int> Indices(List<(int Start, int End)> spans) =>
        spans.SelectMany(s => Enumerable.Range(s.Start, s.End - s.Start));

    /// <summary>The first atom that starts at or after the address, in (family, start) order.</summary>
    private int FirstAtOrAfter(IpFamily family, UInt128 address)
    {
        int low = 0, high = _atoms.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            var atom = _atoms[mid];
            var before = atom.Family != family ? atom.Family < family : atom.Start < address;
            if (before) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// <summary>Indices of the atoms holding any of the addresses (text that is no address is skipped), ascending.</summary>
    public IEnumerable<int> AtomsOf(IEnumerable<string> addresses)
    {
        if (_atoms.IsEmpty) return [];
        var found = new SortedSet<int>();
        foreach (var text in addresses)
        {
            if (!IpRange.TryParseAddress(text, out var family, out var address)) continue;
            var index = Find(family, address);
            if (index >= 0) found.Add(index);
        }
        return found;
    }

    private int Find(IpFamily family, UInt128 address)
    {
        int low = 0, high = _atoms.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var atom = _atoms[mid];
            var cmp = atom.Family != family ? atom.Family.CompareTo(family) : atom.End < address ? -1 : atom.Start > address ? 1 : 0;
            if (cmp == 0) return mid;
            if (cmp < 0) low = mid + 1;
            else high = mid - 1;
        }
        return -1;
    }
}
