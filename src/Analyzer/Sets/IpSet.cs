using System.Buffers;
using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Sets;

/// <summary>
/// A set of IP addresses: canonical interval lists over IPv4 and over IPv6 (128-bit). Immutable
/// value type; equal sets are equal and print the same.
/// </summary>
public sealed class IpSet : IEquatable<IpSet>
{
    private readonly ImmutableArray<Interval<UInt128>> _v4;
    private readonly ImmutableArray<Interval<UInt128>> _v6;

    private IpSet(ImmutableArray<Interval<UInt128>> v4, ImmutableArray<Interval<UInt128>> v6)
    {
        _v4 = v4;
        _v6 = v6;
    }

    public static IpSet Empty { get; } = new([], []);

    public static IpSet AllV4 { get; } = Of(IpRange.AllV4);

    public static IpSet AllV6 { get; } = Of(IpRange.AllV6);

    public static IpSet All { get; } = AllV4.Union(AllV6);

    public static IpSet Of(params IpRange[] ranges) => FromRanges(ranges);

    public static IpSet FromRanges(IEnumerable<IpRange> ranges)
    {
        // Each family's intervals go straight into an array of their exact size: the engine
        // builds thousands of sets of outside addresses this way.
        var list = ranges as IReadOnlyList<IpRange> ?? [.. ranges];
        int v4 = 0, v6 = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var range = list[i];
            if (range.Start > range.End) continue;
            if (range.Family == IpFamily.V4) v4++;
            else v6++;
        }
        var four = v4 == 0 ? [] : new Interval<UInt128>[v4];
        var six = v6 == 0 ? [] : new Interval<UInt128>[v6];
        (v4, v6) = (0, 0);
        for (var i = 0; i < list.Count; i++)
        {
            var range = list[i];
            if (range.Start > range.End) continue;
            if (range.Family == IpFamily.V4) four[v4++] = new(range.Start, range.End);
            else six[v6++] = new(range.Start, range.End);
        }
        return new(IntervalList.Normalize(four), IntervalList.Normalize(six));
    }

    /// <summary>
    /// The union of many sets at once: their intervals copied side by side, sorted once and
    /// joined (a union per set would copy the growing result each time: thousands of outside
    /// ranges are merged per line of a report).
    /// </summary>
    public static IpSet UnionOf(IReadOnlyCollection<IpSet> sets)
    {
        if (sets.Count == 1) return sets.First();
        int v4 = 0, v6 = 0;
        foreach (var set in sets)
        {
            v4 += set._v4.Length;
            v6 += set._v6.Length;
        }
        return new(JoinV4(sets, v4), JoinFamily(sets, v6, set => set._v6));
    }

    /// <summary>
    /// The IPv4 intervals of every set, joined: each packed into one 64-bit word (start above
    /// end), so that the sort is the runtime's sort of plain integers, several times faster than
    /// sorting 128-bit pairs (a report line merges thousands of ranges); the sorted intervals are
    /// then joined by <see cref="IntervalList.NormalizeInPlace"/>, which finds them in order.
    /// </summary>
    private static ImmutableArray<Interval<UInt128>> JoinV4(IReadOnlyCollection<IpSet> sets, int count)
    {
        if (count == 0) return [];
        var packed = ArrayPool<ulong>.Shared.Rent(count);
        var sorted = ArrayPool<Interval<UInt128>>.Shared.Rent(count);
        try
        {
            var at = 0;
            foreach (var set in sets)
            {
                foreach (var interval in set._v4) packed[at++] = (ulong)interval.Start << 32 | (ulong)interval.End;
            }
            var words = packed.AsSpan(0, count);
            words.Sort();
            for (var i = 0; i < count; i++) sorted[i] = new Interval<UInt128>(words[i] >> 32, words[i] & uint.MaxValue);
            return IntervalList.NormalizeInPlace(sorted.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(packed);
            ArrayPool<Interval<UInt128>>.Shared.Return(sorted);
        }
    }

    /// <summary>One family's intervals of every set, joined in a rented buffer (a large fresh array per report line would be garbage at once).</summary>
    private static ImmutableArray<Interval<UInt128>> JoinFamily(IReadOnlyCollection<IpSet> sets, int count, Func<IpSet, ImmutableArray<Interval<UInt128>>> family)
    {
        if (count == 0) return [];
        var buffer = ArrayPool<Interval<UInt128>>.Shared.Rent(count);
        try
        {
            var at = 0;
            foreach (var set in sets)
            {
                var intervals = family(set);
                intervals.CopyTo(buffer, at);
                at += intervals.Length;
            }
            return IntervalList.NormalizeInPlace(buffer.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<Interval<UInt128>>.Shared.Return(buffer);
        }
    }

    public static IpSet Of(Cidr cidr) => Of(IpRange.Of(cidr));

    /// <summary>A CIDR minus its excepts (an ipBlock).</summary>
    public static IpSet Block(Cidr cidr, IEnumerable<Cidr> except) =>
        except.Aggregate(Of(IpRange.Of(cidr)), (set, hole) => set.Subtract(Of(IpRange.Of(hole))));

    /// <summary>Maximal contiguous ranges, IPv4 first, each family ascending.</summary>
    public IEnumerable<IpRange> Ranges =>
        _v4.Select(i => new IpRange(IpFamily.V4, i.Start, i.End))
            .Concat(_v6.Select(i => new IpRange(IpFamily.V6, i.Start, i.End)));

    public int RangeCount => _v4.Length + _v6.Length;

    /// <summary>The range at <paramref name="index"/> of <see cref="Ranges"/>, for loops over thousands of sets that would otherwise make two enumerators per set.</summary>
    public IpRange RangeAt(int index) => index < _v4.Length
        ? new(IpFamily.V4, _v4[index].Start, _v4[index].End)
        : new(IpFamily.V6, _v6[index - _v4.Length].Start, _v6[index - _v4.Length].End);

    public bool IsEmpty => _v4.IsEmpty && _v6.IsEmpty;

    public bool HasV6 => !_v6.IsEmpty;

    public bool Contains(IpFamily family, UInt128 address) =>
        IntervalList.Contains(family == IpFamily.V4 ? _v4 : _v6, address);

    /// <summary>Whether the text is an address in this set (false for text that is no address).</summary>
    public bool Contains(string address) =>
        IpRange.TryParseAddress(address, out var family, out var value) && Contains(family, value);

    public IpSet Union(IpSet other) => new(IntervalList.Union(_v4, other._v4), IntervalList.Union(_v6, other._v6));

    public IpSet Intersect(IpSet other) => new(IntervalList.Intersect(_v4, other._v4), IntervalList.Intersect(_v6, other._v6));

    public IpSet Subtract(IpSet other) => new(IntervalList.Subtract(_v4, other._v4), IntervalList.Subtract(_v6, other._v6));

    public bool IsSubsetOf(IpSet other) => IntervalList.IsSubset(_v4, other._v4) && IntervalList.IsSubset(_v6, other._v6);

    public bool Equals(IpSet? other) =>
        other is not null && IntervalList.SequenceEqual(_v4, other._v4) && IntervalList.SequenceEqual(_v6, other._v6);

    public override bool Equals(object? obj) => Equals(obj as IpSet);

    public override int GetHashCode() => HashCode.Combine(IntervalList.Hash(_v4), IntervalList.Hash(_v6));

    /// <summary>The ranges joined by <c>,</c>, e.g. <c>0.0.0.0-9.255.255.255,11.0.0.0-255.255.255.255</c>.</summary>
    public override string ToString() => string.Join(",", Ranges);

    /// <summary>As <see cref="ToString"/>, but a range of one address is that address: <c>8.8.8.8</c>, not <c>8.8.8.8-8.8.8.8</c>.</summary>
    public string ToCompactString() =>
        string.Join(",", Ranges.Select(r => r.Start == r.End ? IpRange.FormatAddress(r.Family, r.Start) : r.ToString()));
}
