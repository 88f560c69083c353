using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Sets;

/// <summary>
/// A set of points as a union of cubes (<see cref="Cube"/>), which may overlap: the form a
/// policy's meaning takes (each rule a few cubes, a rule's peers and ports a union of them).
/// Emptiness is exact: a union is empty exactly when it has no cube, since cubes are never empty.
/// Subtraction can split a cube into up to one piece per dimension, so the operations that
/// subtract take a limit on the cubes kept and answer null past it (the caller then asks the
/// solver), rather than spend unbounded time on a question the solver answers.
/// </summary>
internal sealed class CubeUnion
{
    public static CubeUnion Empty { get; } = new([]);

    public CubeUnion(ImmutableArray<Cube> cubes) => Cubes = cubes;

    public ImmutableArray<Cube> Cubes { get; }

    public bool IsEmpty => Cubes.IsEmpty;

    public static CubeUnion Of(IEnumerable<Cube?> cubes) => new([.. cubes.OfType<Cube>()]);

    public static CubeUnion UnionOf(IEnumerable<CubeUnion> unions) => new([.. unions.SelectMany(u => u.Cubes)]);

    public CubeUnion Union(CubeUnion other) => new([.. Cubes, .. other.Cubes]);

    public CubeUnion Intersect(CubeUnion other)
    {
        if (IsEmpty || other.IsEmpty) return Empty;
        var cubes = ImmutableArray.CreateBuilder<Cube>();
        foreach (var a in Cubes)
        {
            foreach (var b in other.Cubes)
            {
                if (a.Intersect(b) is { } both) cubes.Add(both);
            }
        }
        return new CubeUnion(cubes.ToImmutable());
    }

    public bool Meets(CubeUnion other) => Cubes.Any(a => other.Cubes.Any(a.Meets));

    /// <summary>Whether some point is in all three unions (the intersection is not built).</summary>
    public bool MeetsBoth(CubeUnion other, CubeUnion third)
    {
        foreach (var a in Cubes)
        {
            foreach (var b in other.Cubes)
            {
                if (a.Intersect(b) is { } both && third.Cubes.Any(both.Meets)) return true;
            }
        }
        return false;
    }

    /// <summary>The points of this union in none of <paramref name="other"/>'s cubes; null when that takes more than <paramref name="limit"/> cubes.</summary>
    public CubeUnion? Subtract(CubeUnion other, int limit)
    {
        var left = new List<Cube>();
        foreach (var cube in Cubes)
        {
            if (Leftover(cube, other, limit - left.Count) is not { } pieces) return null;
            left.AddRange(pieces);
        }
        return new CubeUnion([.. left]);
    }

    /// <summary>
    /// Whether every point of this union that is in <paramref name="within"/> is in
    /// <paramref name="other"/>; null when deciding it takes more than <paramref name="limit"/>
    /// cubes at once. Cube by cube, so a point outside ends the search early.
    /// </summary>
    public bool? IsSubsetOf(CubeUnion other, CubeUnion within, int limit)
    {
        foreach (var cube in Cubes)
        {
            if (Leftover(cube, other, limit) is not { } pieces) return null;
            if (pieces.Any(p => within.Cubes.Any(p.Meets))) return false;
        }
        return true;
    }

    private static List<Cube>? Leftover(Cube cube, CubeUnion other, int limit)
    {
        var pieces = new List<Cube> { cube };
        foreach (var hole in other.Cubes)
        {
            var next = new List<Cube>(pieces.Count);
            foreach (var piece in pieces) next.AddRange(piece.Subtract(hole));
            pieces = next;
            if (pieces.Count == 0) break;
            if (pieces.Count > limit) return null;
        }
        return pieces;
    }

    public override string ToString() => IsEmpty ? "∅" : string.Join(" ∪ ", Cubes);
}
