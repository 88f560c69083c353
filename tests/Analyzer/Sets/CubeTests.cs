using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Tests.Sets;

/// <summary>
/// The cube algebra (Cube, CubeUnion) against brute force: in a space of three small
/// dimensions every point is enumerated, and intersection, subtraction, meeting and
/// inclusion must give exactly the points the definitions give.
/// </summary>
public sealed class CubeTests
{
    private static readonly Interval<UInt128>[] Domains = [new(0, 4), new(0, 3), new(2, 6)];

    private static readonly Gen<ImmutableArray<Interval<UInt128>>> ValueSet =
        from values in Gen.SubListOf(new ulong[] { 0, 1, 2, 3, 4, 5, 6 })
        select IntervalList.Normalize(values.Select(v => new Interval<UInt128>(v, v)));

    private static readonly Gen<Cube?> RandomCube =
        from a in ValueSet
        from b in ValueSet
        from c in ValueSet
        select Cube.Full(Domains).Restrict(0, a)?.Restrict(1, b)?.Restrict(2, c);

    private static readonly Gen<CubeUnion> RandomUnion =
        from count in Gen.Choose(0, 4)
        from cubes in Gen.ListOf(RandomCube, count)
        select CubeUnion.Of(cubes);

    private static readonly CubeUnion Everything = CubeUnion.Of([Cube.Full(Domains)]);

    private static IEnumerable<UInt128[]> Points()
    {
        for (ulong x = 0; x <= 4; x++)
        {
            for (ulong y = 0; y <= 3; y++)
            {
                for (ulong z = 2; z <= 6; z++) yield return [x, y, z];
            }
        }
    }

    private static HashSet<string> PointsOf(CubeUnion union) =>
        Points().Where(p => union.Cubes.Any(c => c.Contains(p))).Select(p => string.Join(",", p)).ToHashSet();

    [Fact]
    public void Subtraction_intersection_and_inclusion_agree_with_the_points()
    {
        Prop.ForAll(Arb.From(RandomUnion), Arb.From(RandomUnion), Arb.From(RandomUnion), (a, b, c) =>
            {
                var pa = PointsOf(a);
                var pb = PointsOf(b);
                var difference = a.Subtract(b, 10_000)!;
                Assert.Equal(pa.Except(pb).OrderBy(p => p), PointsOf(difference).OrderBy(p => p));
                Assert.Equal(pa.Intersect(pb).OrderBy(p => p), PointsOf(a.Intersect(b)).OrderBy(p => p));
                Assert.Equal(pa.IsSubsetOf(pb), a.IsSubsetOf(b, Everything, 10_000));
                Assert.Equal(pa.Overlaps(pb), a.Meets(b));
                Assert.Equal(pa.Count == 0, a.IsEmpty);
                var within = PointsOf(c);
                Assert.Equal(pa.Intersect(within).All(pb.Contains), a.IsSubsetOf(b, c, 10_000));
                return true;
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500).WithQuietOnSuccess(true));
    }

    [Fact]
    public void The_pieces_of_a_subtraction_are_disjoint()
    {
        var a = Cube.Full(Domains);
        var hole = a.Restrict(0, [new(1, 2)])!.Restrict(2, [new(3, 3)])!;
        var pieces = a.Subtract(hole);
        Assert.Equal(2, pieces.Count);
        Assert.False(pieces[0].Meets(pieces[1]));
        Assert.All(pieces, p => Assert.False(p.Meets(hole)));
    }

    [Fact]
    public void Restricting_a_dimension_to_values_outside_it_empties_the_cube()
    {
        Assert.Null(Cube.Full(Domains).Restrict(2, [new(0, 1)]));
        Assert.Null(Cube.Full(Domains).Restrict(0, [new(0, 0)])!.Restrict(0, [new(1, 1)]));
        Assert.Null(Cube.Full(Domains).Restrict(0, [new(0, 1)])!.Intersect(Cube.Full(Domains).Restrict(0, [new(2, 4)])!));
    }

    [Fact]
    public void A_subtraction_past_the_limit_gives_no_answer_rather_than_a_wrong_one()
    {
        var full = CubeUnion.Of([Cube.Full(Domains)]);
        var holes = CubeUnion.Of(Enumerable.Range(0, 5).Select(i => Cube.Full(Domains).Restrict(0, [new((ulong)i, (ulong)i)])!.Restrict(1, [new(1, 1)])!.Restrict(2, [new(3, 3)])));
        Assert.Null(full.Subtract(holes, 2));
        Assert.Null(full.IsSubsetOf(holes, full, 2));
        Assert.False(full.IsSubsetOf(holes, full, 100));
    }
}
