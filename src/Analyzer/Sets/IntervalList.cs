using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.InteropServices;

namespace PolicyLint.Analyzer.Sets;

/// <summary>A closed interval [Start, End] of an integer domain, ordered by start (how a list is sorted before joining).</summary>
internal readonly record struct Interval<T>(T Start, T End) : IComparable<Interval<T>> where T : IBinaryInteger<T>
{
    // IComparable rather than a comparer object: the runtime's sort then calls it directly, specialized for the struct
    public int CompareTo(Interval<T> other) => Start.CompareTo(other.Start);
}

/// <summary>
/// The set algebra shared by ports and IP addresses: a set is a sorted array of disjoint,
/// non-adjacent closed intervals, so equal sets have equal arrays (the canonical form).
/// All operations are linear in the number of intervals (Normalize adds a sort).
/// </summary>
internal static class IntervalList
{
    public static ImmutableArray<Interval<T>> Normalize<T>(IEnumerable<Interval<T>> intervals) where T : IBinaryInteger<T> =>
        Normalize(intervals.Where(i => i.Start <= i.End).ToArray());

    /// <summary>Normalize intervals that are each non-empty, sorting and joining them in the array itself.</summary>
    public static ImmutableArray<Interval<T>> Normalize<T>(Interval<T>[] intervals) where T : IBinaryInteger<T>
    {
        var count = SortAndJoin<T>(intervals);
        return count == intervals.Length
            ? ImmutableCollectionsMarshal.AsImmutableArray(intervals)
            : ImmutableArray.Create(intervals, 0, count);
    }

    /// <summary>
    /// The canonical form of a scratch buffer's intervals (each non-empty), sorted and joined in
    /// the buffer itself; only the result is copied out. For unions of thousands of sets, whose
    /// buffer is rented rather than allocated.
    /// </summary>
    public static ImmutableArray<Interval<T>> NormalizeInPlace<T>(Span<Interval<T>> intervals) where T : IBinaryInteger<T> =>
        [.. intervals[..SortAndJoin(intervals)]];

    /// <summary>Sorts by start and joins what overlaps or touches, at the front; returns how many remain.</summary>
    private static int SortAndJoin<T>(Span<Interval<T>> intervals) where T : IBinaryInteger<T>
    {
        // a sort of structs by start, skipped when already in order (a set's own intervals, or
        // ranges collected in address order): thousands of ranges are merged per report line
        if (!InOrder<T>(intervals)) intervals.Sort();
        var count = 0;
        foreach (var next in intervals)
        {
            if (count > 0 && Touches(intervals[count - 1], next))
            {
                intervals[count - 1] = intervals[count - 1] with { End = T.Max(intervals[count - 1].End, next.End) };
            }
            else
            {
                intervals[count++] = next;
            }
        }
        return count;
    }

    private static bool InOrder<T>(ReadOnlySpan<Interval<T>> intervals) where T : IBinaryInteger<T>
    {
        for (var i = 1; i < intervals.Length; i++)
        {
            if (intervals[i].Start < intervals[i - 1].Start) return false;
        }
        return true;
    }

    /// <summary>Whether <paramref name="next"/> (starting at or after <paramref name="last"/>) overlaps or is adjacent to it.</summary>
    private static bool Touches<T>(Interval<T> last, Interval<T> next) where T : IBinaryInteger<T> =>
        next.Start <= last.End || next.Start - last.End == T.One;

    public static ImmutableArray<Interval<T>> Union<T>(ImmutableArray<Interval<T>> a, ImmutableArray<Interval<T>> b) where T : IBinaryInteger<T>
    {
        if (a.IsEmpty) return b;
        if (b.IsEmpty) return a;
        // both are sorted: merge them in one pass, joining what overlaps or touches
        var result = ImmutableArray.CreateBuilder<Interval<T>>(a.Length + b.Length);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            var next = j >= b.Length || (i < a.Length && a[i].Start <= b[j].Start) ? a[i++] : b[j++];
            if (result.Count > 0 && Touches(result[^1], next)) result[^1] = result[^1] with { End = T.Max(result[^1].End, next.End) };
            else result.Add(next);
        }
        return result.Count == result.Capacity ? result.MoveToImmutable() : result.ToImmutable();
    }

    public static ImmutableArray<Interval<T>> Intersect<T>(ImmutableArray<Interval<T>> a, ImmutableArray<Interval<T>> b) where T : IBinaryInteger<T>
    {
        if (a.IsEmpty || b.IsEmpty) return [];
        var result = ImmutableArray.CreateBuilder<Interval<T>>();
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var start = T.Max(a[i].Start, b[j].Start);
            var end = T.Min(a[i].End, b[j].End);
            if (start <= end) result.Add(new Interval<T>(start, end));
            if (a[i].End < b[j].End) i++;
            else j++;
        }
        return result.ToImmutable();
    }

    public static ImmutableArray<Interval<T>> Subtract<T>(ImmutableArray<Interval<T>> a, ImmutableArray<Interval<T>> b) where T : IBinaryInteger<T>
    {
        if (a.IsEmpty || b.IsEmpty) return a;
        var result = ImmutableArray.CreateBuilder<Interval<T>>();
        var j = 0;
        foreach (var interval in a)
        {
            var start = interval.Start;
            var open = true;
            while (j < b.Length && b[j].End < start) j++;
            var k = j;
            while (open && k < b.Length && b[k].Start <= interval.End)
            {
                if (b[k].Start > start) result.Add(new Interval<T>(start, b[k].Start - T.One));
                if (b[k].End >= interval.End) open = false;
                else start = b[k].End + T.One;
                k++;
            }
            if (open) result.Add(new Interval<T>(start, interval.End));
        }
        return result.ToImmutable();
    }

    public static bool Contains<T>(ImmutableArray<Interval<T>> a, T value) where T : IBinaryInteger<T>
    {
        int low = 0, high = a.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            if (value < a[mid].Start) high = mid - 1;
            else if (value > a[mid].End) low = mid + 1;
            else return true;
        }
        return false;
    }

    public static bool IsSubset<T>(ImmutableArray<Interval<T>> a, ImmutableArray<Interval<T>> b) where T : IBinaryInteger<T> =>
        Subtract(a, b).IsEmpty;

    public static bool SequenceEqual<T>(ImmutableArray<Interval<T>> a, ImmutableArray<Interval<T>> b) where T : IBinaryInteger<T> =>
        a.AsSpan().SequenceEqual(b.AsSpan());

    public static int Hash<T>(ImmutableArray<Interval<T>> a) where T : IBinaryInteger<T>
    {
        var hash = new HashCode();
        foreach (var interval in a)
        {
            hash.Add(interval.Start);
            hash.Add(interval.End);
        }
        return hash.ToHashCode();
    }
}
