using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Analyzer.Tests.Queries;

/// <summary>The connectivity's list grown in chunks keeps every item in order, across chunk boundaries.</summary>
public class ChunkedListTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8191)]
    [InlineData(8192)]
    [InlineData(8193)]
    [InlineData(20000)]
    public void Every_item_in_order(int count)
    {
        var list = new ChunkedList<string>();
        for (var i = 0; i < count; i++) list.Add(i.ToString());
        Assert.Equal(Enumerable.Range(0, count).Select(i => i.ToString()), list.ToImmutableArray());
    }
}
