using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Tests.Model;

/// <summary>
/// Labels is a map: "Labels are key/value pairs ... Each object can have a set of key/value
/// labels defined. Each Key must be unique for a given object." (Kubernetes, Labels and
/// Selectors). Order is ordinal by key, whatever the input order, so equal maps print equal.
/// </summary>
public sealed class LabelsTests
{
    [Fact]
    public void Entries_are_ordered_ordinally_by_key_whatever_the_input_order()
    {
        var labels = Labels.Of(("tier", "web"), ("App", "shop"), ("app", "x"), ("a.b/c", "1"));
        Assert.Equal(["App", "a.b/c", "app", "tier"], labels.Keys);
        Assert.Equal(["shop", "1", "x", "web"], labels.Values);
        Assert.Equal("App=shop,a.b/c=1,app=x,tier=web", labels.ToString());
    }

    [Fact]
    public void Lookup_finds_each_key_and_only_those()
    {
        var labels = Labels.Of(Enumerable.Range(0, 40).Select(i => KeyValuePair.Create($"k{i:D2}", $"v{i}")));
        for (var i = 0; i < 40; i++)
        {
            Assert.True(labels.TryGetValue($"k{i:D2}", out var value));
            Assert.Equal($"v{i}", value);
            Assert.Equal($"v{i}", labels[$"k{i:D2}"]);
        }
        Assert.False(labels.ContainsKey("k40"));
        Assert.False(labels.ContainsKey("K00"));
        Assert.False(labels.TryGetValue("", out _));
        Assert.Throws<KeyNotFoundException>(() => labels["k"]);
        Assert.False(Labels.Empty.ContainsKey("k00"));
    }

    [Fact]
    public void Equal_maps_are_equal_and_hash_alike_whatever_the_input_order()
    {
        var a = Labels.Of(("a", "1"), ("b", "2"));
        var b = Labels.Of(("b", "2"), ("a", "1"));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Labels.Of(("a", "1"), ("b", "3")));
        Assert.NotEqual(a, Labels.Of(("a", "1")));
        Assert.NotEqual(a, Labels.Of(("a", "1"), ("c", "2")));
        Assert.Equal(Labels.Empty, Labels.Of());
    }

    [Fact]
    public void A_key_given_twice_counts_once_with_one_value_and_is_refused_with_two()
    {
        Assert.Equal(Labels.Of(("a", "1")), Labels.Of(("a", "1"), ("a", "1")));
        Assert.Throws<ArgumentException>(() => Labels.Of(("a", "1"), ("a", "2")));
    }

    [Fact]
    public void With_adds_or_replaces_in_order_and_leaves_the_original_alone()
    {
        var original = Labels.Of(("b", "2"), ("d", "4"));
        Assert.Equal("a=1,b=2,d=4", original.With("a", "1").ToString());
        Assert.Equal("b=2,c=3,d=4", original.With("c", "3").ToString());
        Assert.Equal("b=2,d=4,e=5", original.With("e", "5").ToString());
        Assert.Equal("b=9,d=4", original.With("b", "9").ToString());
        Assert.Same(original, original.With("d", "4"));
        Assert.Equal("b=2,d=4", original.ToString());
        Assert.Equal("kubernetes.io/metadata.name=x", Labels.Empty.With("kubernetes.io/metadata.name", "x").ToString());
    }
}
