using PolicyLint.Analyzer.Model;
using System.Collections.Immutable;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// The address space cut into disjoint ranges at every boundary of a given list of address
/// blocks: two addresses in one atom belong to exactly the same blocks, so one representative
/// answers every "is it in this ipBlock" question for the atom.
/// </summary>
internal sealed class IpAtoms
{
    private readonly ImmutableArray<IpRange> _atoms;

    public static IpAtoms None { get; } = new([]);

    private IpAtoms(ImmutableArray<IpRange> atoms) => _atoms = atoms;

    public ImmutableArray<IpRange> Ranges => _atoms;

    /// <summary>
    /// Cuts the whole IPv4 space (and the IPv6 space, when <paramref name="includeV6"/>) at the
    /// boundaries of <paramref name="blocks"/>; a block's boundaries are those of its ranges.
    /// </summary>
    public static IpAtoms Cut(IEnumerable<IpSet> blocks, bool includeV6)
    {
        var starts = new SortedSet<UInt128>[] { [UInt128.Zero], [UInt128.Zero] };
        foreach (var block in blocks)
        {
            foreach (var range in block.Ranges)
            {
                var family = (int)range.Family;
                starts[family].Add(range.Start);
                if (range.End < IpRange.MaxOf(range.Family)) starts[family].Add(range.End + UInt128.One);
            }
        }
        var atoms = ImmutableArray.CreateBuilder<IpRange>();
        AddAtoms(atoms, IpFamily.V4, starts[0]);
        if (includeV6) AddAtoms(atoms, IpFamily.V6, starts[1]);
        return new IpAtoms(atoms.ToImmutable());
    }

    private static void AddAtoms(ImmutableArray<IpRange>.Builder atoms, IpFamily family, SortedSet<UInt128> starts)
    {
        var list = starts.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var end = i + 1 < list.Count ? list[i + 1] - UInt128.One : IpRange.MaxOf(family);
            atoms.Add(new IpRange(family, list[i], end));
        }
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
