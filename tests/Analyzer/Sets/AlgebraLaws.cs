using FsCheck;
using FsCheck.Fluent;

namespace PolicyLint.Analyzer.Tests.Sets;

/// <summary>The Boolean-algebra laws every set type of src/Analyzer/Sets must obey, as FsCheck properties.</summary>
public static class AlgebraLaws
{
    public sealed record Ops<T>(
        Func<T, T, T> Union,
        Func<T, T, T> Intersect,
        Func<T, T, T> Subtract,
        Func<T, T, bool> IsSubset,
        Func<T, bool> IsEmpty);

    public static void Hold<T>(Gen<T> gen, Ops<T> ops) where T : notnull
    {
        var triples = from a in gen from b in gen from c in gen select (a, b, c);
        Prop.ForAll(triples.ToArbitrary(), t => Check(t.a, t.b, t.c, ops))
            .QuickCheckThrowOnFailure();
    }

    private static bool Check<T>(T a, T b, T c, Ops<T> ops) where T : notnull
    {
        var (u, i, d) = (ops.Union, ops.Intersect, ops.Subtract);
        Assert.Equal(u(a, b), u(b, a));
        Assert.Equal(i(a, b), i(b, a));
        Assert.Equal(u(u(a, b), c), u(a, u(b, c)));
        Assert.Equal(i(i(a, b), c), i(a, i(b, c)));
        Assert.Equal(a, u(a, a));
        Assert.Equal(a, i(a, a));
        Assert.Equal(i(a, u(b, c)), u(i(a, b), i(a, c)));
        // De Morgan, with difference standing in for complement
        Assert.Equal(d(a, u(b, c)), i(d(a, b), d(a, c)));
        Assert.Equal(d(a, i(b, c)), u(d(a, b), d(a, c)));
        Assert.True(ops.IsEmpty(i(d(a, b), b)));
        Assert.Equal(a, u(d(a, b), i(a, b)));
        // containment agrees with union and intersection
        Assert.Equal(ops.IsSubset(a, b), u(a, b).Equals(b));
        Assert.Equal(ops.IsSubset(a, b), i(a, b).Equals(a));
        Assert.True(ops.IsSubset(i(a, b), a));
        Assert.True(ops.IsSubset(a, u(a, b)));
        // canonical form: equal sets print and hash alike, different sets print differently
        Assert.Equal(a.Equals(b), a.ToString() == b.ToString());
        if (a.Equals(b)) Assert.Equal(a.GetHashCode(), b.GetHashCode());
        var viaTwoRoutes = u(d(a, b), b);
        var direct = u(b, a);
        Assert.Equal(direct.ToString(), viaTwoRoutes.ToString());
        return true;
    }
}
