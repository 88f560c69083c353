using PolicyLint.Analyzer.Smt;

namespace PolicyLint.Analyzer.Tests.Smt;

public sealed class LabelDomainTests
{
    [Fact]
    public void Absent_other_and_mentioned_values_have_distinct_indexes()
    {
        var domain = new LabelDomain("app", ["web", "db", "web"]);
        Assert.Equal(LabelDomain.Absent, domain.IndexOf(null));
        Assert.Equal(LabelDomain.Other, domain.IndexOf("cache"));
        Assert.Equal(2, domain.IndexOf("db"));
        Assert.Equal(3, domain.IndexOf("web"));
        Assert.Equal(3, domain.MaxIndex);
        Assert.Equal(2u, domain.Width);
    }

    [Fact]
    public void Other_becomes_a_value_that_no_policy_mentions()
    {
        var domain = new LabelDomain("app", ["other", "other-2"]);
        var value = domain.ValueOf(LabelDomain.Other, new HashSet<string> { "other-3" });
        Assert.Equal("other-4", value);
        Assert.Null(domain.ValueOf(LabelDomain.Absent, new HashSet<string>()));
        Assert.Equal("other-2", domain.ValueOf(3, new HashSet<string>()));
    }

    [Theory]
    [InlineData(0, 1u)]
    [InlineData(2, 2u)]
    [InlineData(3, 3u)]
    [InlineData(6, 3u)]
    [InlineData(7, 4u)]
    public void Width_holds_every_index(int values, uint width)
    {
        var domain = new LabelDomain("k", Enumerable.Range(0, values).Select(i => $"v{i}"));
        Assert.Equal(width, domain.Width);
        Assert.True(1 << (int)domain.Width > domain.MaxIndex);
    }
}
