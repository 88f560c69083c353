using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Sets;

/// <summary>
/// A box in a space of integer dimensions: one set of values per dimension (a sorted list of
/// closed intervals, <see cref="IntervalList"/>); its points are every combination of one value
/// per dimension. A cube is never empty: the operations that could empty one return null or
/// leave it out. Cubes are immutable.
/// </summary>
internal sealed class Cube
{
    private readonly ImmutableArray<Interval<UInt128>>[] _sets;

    private Cube(ImmutableArray<Interval<UInt128>>[] sets) => _sets = sets;

    /// <summary>Every point of the space whose dimension i ranges over <paramref name="domains"/>[i] (each non-empty).</summary>
    public static Cube Full(IReadOnlyList<Interval<UInt128>> domains)
    {
        var sets = new ImmutableArray<Interval<UInt128>>[domains.Count];
        for (var i = 0; i < sets.Length; i++)
        {
            if (domains[i].Start > domains[i].End) throw new ArgumentException("A dimension's domain cannot be empty.", nameof(domains));
            sets[i] = [domains[i]];
        }
        return new Cube(sets);
    }

    public int Dimensions => _sets.Length;

    /// <summary>The values of one dimension.</summary>
    public ImmutableArray<Interval<UInt128>> this[int dimension] => _sets[dimension];

    /// <summary>The points whose <paramref name="dimension"/> is in <paramref name="values"/>; null when there are none.</summary>
    public Cube? Restrict(int dimension, ImmutableArray<Interval<UInt128>> values)
    {
        var kept = IntervalList.Intersect(_sets[dimension], values);
        if (kept.IsEmpty) return null;
        var sets = (ImmutableArray<Interval<UInt128>>[])_sets.Clone();
        sets[dimension] = kept;
        return new Cube(sets);
    }

    /// <summary>The points in both cubes; null when they are disjoint.</summary>
    public Cube? Intersect(Cube other)
    {
        var sets = new ImmutableArray<Interval<UInt128>>[_sets.Length];
        for (var i = 0; i < sets.Length; i++)
        {
            sets[i] = ReferenceEqualsSet(_sets[i], other._sets[i]) ? _sets[i] : IntervalList.Intersect(_sets[i], other._sets[i]);
            if (sets[i].IsEmpty) return null;
        }
        return new Cube(sets);
    }

    public bool Meets(Cube other)
    {
        for (var i = 0; i < _sets.Length; i++)
        {
            if (!Overlap(_sets[i], other._sets[i])) return false;
        }
        return true;
    }

    /// <summary>
    /// The points of this cube outside <paramref name="other"/>, as disjoint cubes: dimension by
    /// dimension, the part outside other's values there (with the dimensions before it already
    /// narrowed to other's), then the rest narrowed to other's values.
    /// </summary>
    public IReadOnlyList<Cube> Subtract(Cube other)
    {
        if (!Meets(other)) return [this];
        var pieces = new List<Cube>();
        var rest = (ImmutableArray<Interval<UInt128>>[])_sets.Clone();
        for (var i = 0; i < rest.Length; i++)
        {
            // Most dimensions of a policy's cubes are left whole: nothing outside, nothing to build.
            if (Covers(other._sets[i], rest[i])) continue;
            var outside = IntervalList.Subtract(rest[i], other._sets[i]);
            if (outside.IsEmpty) continue;
            var piece = (ImmutableArray<Interval<UInt128>>[])rest.Clone();
            piece[i] = outside;
            pieces.Add(new Cube(piece));
            rest[i] = IntervalList.Intersect(rest[i], other._sets[i]);
        }
        return pieces;
    }

    /// <summary>One point of the cube: the least value of each dimension.</summary>
    public UInt128[] LeastPoint() => [.. _sets.Select(s => s[0].Start)];

    public bool Contains(IReadOnlyList<UInt128> point)
    {
        for (var i = 0; i < _sets.Length; i++)
        {
            if (!IntervalList.Contains(_sets[i], point[i])) return false;
        }
        return true;
    }

    public override string ToString() =>
        string.Join(" × ", _sets.Select(s => "{" + string.Join(",", s.Select(v => v.Start == v.End ? $"{v.Start}" : $"{v.Start}..{v.End}")) + "}"));

    /// <summary>A quick sufficient test for b ⊆ a: the same set, or a single interval spanning b.</summary>
    private static bool Covers(ImmutableArray<Interval<UInt128>> a, ImmutableArray<Interval<UInt128>> b) =>
        a == b || (a.Length == 1 && a[0].Start <= b[0].Start && b[^1].End <= a[0].End);

    private static bool ReferenceEqualsSet(ImmutableArray<Interval<UInt128>> a, ImmutableArray<Interval<UInt128>> b) => a == b;

    private static bool Overlap(ImmutableArray<Interval<UInt128>> a, ImmutableArray<Interval<UInt128>> b)
    {
        if (a == b) return true;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (UInt128.Max(a[i].Start, b[j].Start) <= UInt128.Min(a[i].End, b[j].End)) return true;
            if (a[i].End < b[j].End) i++;
            else j++;
        }
        return false;
    }
}
