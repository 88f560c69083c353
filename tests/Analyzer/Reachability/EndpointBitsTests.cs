using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Analyzer.Tests.Reachability;

public class EndpointBitsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(130)]
    public void Full_holds_exactly_the_indexes_below_the_size(int size)
    {
        var bits = EndpointBits.Full(size);
        Assert.Equal((size + 63) / 64, bits.Length);
        for (var i = 0; i < size; i++) Assert.True(EndpointBits.Has(bits, i));
        var beyond = bits.Length * 64;
        for (var i = size; i < beyond; i++) Assert.False(EndpointBits.Has(bits, i), $"index {i} of size {size}");
    }

    [Fact]
    public void Of_holds_the_members_and_nothing_else()
    {
        var bits = EndpointBits.Of(200, [0, 5, 63, 64, 199]);
        int[] expected = [0, 5, 63, 64, 199];
        for (var i = 0; i < 200; i++) Assert.Equal(expected.Contains(i), EndpointBits.Has(bits, i));
    }

    [Fact]
    public void UnionWith_adds_the_other_members()
    {
        var bits = EndpointBits.Of(130, [1, 70]);
        EndpointBits.UnionWith(bits, EndpointBits.Of(130, [2, 70, 129]));
        for (var i = 0; i < 130; i++) Assert.Equal(i is 1 or 2 or 70 or 129, EndpointBits.Has(bits, i));
    }
}
