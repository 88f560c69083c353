using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Tests.Sets;

public class PortSetTests
{
    [Fact]
    public void Adjacent_and_overlapping_ranges_merge()
    {
        Assert.Equal("1-20", PortSet.Range(1, 10).Union(PortSet.Range(11, 20)).ToString());
        Assert.Equal("1-20", PortSet.Range(5, 20).Union(PortSet.Range(1, 6)).ToString());
        Assert.Equal("1-10,12-20", PortSet.Range(1, 10).Union(PortSet.Range(12, 20)).ToString());
        Assert.Equal(1, PortSet.Of(3, 1, 2).RangeCount);
    }

    [Fact]
    public void Subtracting_a_port_splits_a_range()
    {
        Assert.Equal("1-79,81-65535", PortSet.All.Subtract(PortSet.Of(80)).ToString());
        Assert.Equal("2-65534", PortSet.All.Subtract(PortSet.Of(1, 65535)).ToString());
        Assert.True(PortSet.Range(5, 9).Subtract(PortSet.Range(1, 100)).IsEmpty);
    }

    [Fact]
    public void Intersection_keeps_the_overlap()
    {
        Assert.Equal("5-10,20", PortSet.Range(1, 10).Union(PortSet.Range(20, 30)).Intersect(PortSet.Range(5, 20)).ToString());
        Assert.True(PortSet.Of(1).Intersect(PortSet.Of(2)).IsEmpty);
    }

    [Fact]
    public void Named_ports_are_opaque_and_print_after_the_numbers()
    {
        var set = PortSet.Named("http", "dns").Union(PortSet.Of(8080));
        Assert.Equal("8080,dns,http", set.ToString());
        Assert.True(set.ContainsName("http"));
        Assert.False(set.Contains(80));
        Assert.False(PortSet.Named("http").IsSubsetOf(PortSet.All));
        Assert.Equal("dns", set.Subtract(PortSet.Named("http")).Subtract(PortSet.All).ToString());
    }

    [Fact]
    public void All_and_Empty()
    {
        Assert.True(PortSet.All.IsAll);
        Assert.True(PortSet.Range(1, 65535).IsAll);
        Assert.False(PortSet.Range(1, 65534).IsAll);
        Assert.True(PortSet.Empty.IsEmpty);
        Assert.Equal("", PortSet.Empty.ToString());
        Assert.True(PortSet.All.Contains(1) && PortSet.All.Contains(65535));
    }

    [Fact]
    public void Equality_is_by_value()
    {
        Assert.Equal(PortSet.Of(1, 2, 3), PortSet.Range(1, 3));
        Assert.Equal(PortSet.Of(1, 2, 3).GetHashCode(), PortSet.Range(1, 3).GetHashCode());
        Assert.NotEqual(PortSet.Of(1), PortSet.Named("1"));
    }

    [Fact]
    public void Obeys_the_set_algebra_laws() => AlgebraLaws.Hold(SetGenerators.PortSets,
        new AlgebraLaws.Ops<PortSet>((a, b) => a.Union(b), (a, b) => a.Intersect(b), (a, b) => a.Subtract(b), (a, b) => a.IsSubsetOf(b), a => a.IsEmpty));
}
