namespace PolicyLint.Benchmarks.Generation;

/// <summary>
/// SplitMix64: a tiny PRNG whose sequence is fixed by this code, not by the runtime's
/// System.Random implementation, so a seed gives the same cluster on every .NET version.
/// </summary>
internal sealed class DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, exclusiveMax).</summary>
    public int Next(int exclusiveMax) => exclusiveMax <= 1 ? 0 : (int)(NextULong() % (ulong)exclusiveMax);

    /// <summary>True with the given probability in percent.</summary>
    public bool Percent(int percent) => Next(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Lower-case hex, like the hashes and uids in kubectl dumps.</summary>
    public string Hex(int length)
    {
        const string digits = "0123456789abcdef";
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = digits[Next(16)];
        return new string(chars);
    }

    /// <summary>The five-character suffix alphabet Kubernetes uses for generated names.</summary>
    public string NameSuffix(int length)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = alphabet[Next(alphabet.Length)];
        return new string(chars);
    }

    /// <summary>Splits total into count parts, each at least minimum, the rest spread at random.</summary>
    public int[] Spread(int total, int count, int minimum)
    {
        var parts = new int[count];
        Array.Fill(parts, minimum);
        var rest = total - minimum * count;
        if (rest < 0) throw new ArgumentException($"cannot split {total} into {count} parts of at least {minimum}");
        for (var i = 0; i < rest; i++) parts[Next(count)]++;
        return parts;
    }

    /// <summary>A sorted random subset of size k of 0..n-1 (partial Fisher-Yates).</summary>
    public int[] Subset(int n, int k)
    {
        var indices = Enumerable.Range(0, n).ToArray();
        for (var i = 0; i < k; i++)
        {
            var j = i + Next(n - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        var chosen = indices[..k];
        Array.Sort(chosen);
        return chosen;
    }
}
