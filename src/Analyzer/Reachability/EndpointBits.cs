namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// Sets of endpoint (or class) indexes as plain bit arrays: a cluster has at most some tens of
/// thousands of endpoints, so one set is a few kilobytes and union, intersection and listing
/// run 64 endpoints per machine word.
/// </summary>
internal static class EndpointBits
{
    public static int Words(int size) => (size + 63) >> 6;

    public static bool Has(ulong[] bits, int index) => (bits[index >> 6] & (1UL << index)) != 0;

    public static void Add(ulong[] bits, int index) => bits[index >> 6] |= 1UL << index;

    /// <summary>A set of the given sorted (or unsorted) members.</summary>
    public static ulong[] Of(int size, int[] members)
    {
        var bits = new ulong[Words(size)];
        foreach (var m in members) Add(bits, m);
        return bits;
    }

    /// <summary>Every index below <paramref name="size"/>.</summary>
    public static ulong[] Full(int size)
    {
        var bits = new ulong[Words(size)];
        Array.Fill(bits, ulong.MaxValue);
        if ((size & 63) != 0) bits[^1] = (1UL << size) - 1;
        return bits;
    }

    public static void UnionWith(ulong[] into, ulong[] other)
    {
        for (var k = 0; k < into.Length; k++) into[k] |= other[k];
    }
}
