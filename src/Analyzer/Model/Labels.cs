using System.Collections;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// An immutable label (or annotation) map with ordinal ordering and value equality, so two
/// pods with the same labels compare and hash equal.
/// </summary>
/// <remarks>
/// Kept as one array sorted by key, searched by bisection: a cluster holds hundreds of thousands
/// of small label maps, and a tree of nodes per entry cost several times the memory and the
/// collector's time while loading (docs/architecture.md, "Loading").
/// </remarks>
public sealed class Labels : IReadOnlyDictionary<string, string>, IEquatable<Labels>
{
    private static readonly Comparison<KeyValuePair<string, string>> ByKey = (a, b) => string.CompareOrdinal(a.Key, b.Key);

    private readonly KeyValuePair<string, string>[] _entries;
    private int _hash;

    public static Labels Empty { get; } = new([]);

    private Labels(KeyValuePair<string, string>[] sortedEntries) => _entries = sortedEntries;

    /// <summary>A key given twice with the same value counts once; with two values it is an error, as in a dictionary.</summary>
    /// <exception cref="ArgumentException">a key is given with two different values.</exception>
    public static Labels Of(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var entries = pairs.ToArray();
        if (entries.Length == 0) return Empty;
        Array.Sort(entries, ByKey);
        var count = 1;
        for (var i = 1; i < entries.Length; i++)
        {
            var previous = entries[count - 1];
            if (previous.Key != entries[i].Key)
            {
                entries[count++] = entries[i];
            }
            else if (previous.Value != entries[i].Value)
            {
                throw new ArgumentException($"An element with the same key but a different value already exists. Key: '{entries[i].Key}'", nameof(pairs));
            }
        }
        if (count < entries.Length) Array.Resize(ref entries, count);
        return new Labels(entries);
    }

    public static Labels Of(params (string Key, string Value)[] pairs) =>
        Of(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    public Labels With(string key, string value)
    {
        var index = IndexOf(key);
        if (index >= 0)
        {
            if (_entries[index].Value == value) return this;
            var replaced = (KeyValuePair<string, string>[])_entries.Clone();
            replaced[index] = KeyValuePair.Create(key, value);
            return new Labels(replaced);
        }
        var at = ~index;
        var added = new KeyValuePair<string, string>[_entries.Length + 1];
        Array.Copy(_entries, added, at);
        added[at] = KeyValuePair.Create(key, value);
        Array.Copy(_entries, at, added, at + 1, _entries.Length - at);
        return new Labels(added);
    }

    public string this[string key] =>
        IndexOf(key) is var index and >= 0 ? _entries[index].Value : throw new KeyNotFoundException($"The given key '{key}' was not present in the dictionary.");

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);
    public IEnumerable<string> Values => _entries.Select(e => e.Value);
    public int Count => _entries.Length;
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries[index].Value : null!;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_entries).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The entry's index, or the bitwise complement of where it would go.</summary>
    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int low = 0, high = _entries.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(_entries[middle].Key, key);
            if (order == 0) return middle;
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }
        return ~low;
    }

    public bool Equals(Labels? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (_entries.Length != other._entries.Length) return false;
        for (var i = 0; i < _entries.Length; i++)
        {
            if (_entries[i].Key != other._entries[i].Key || _entries[i].Value != other._entries[i].Value) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as Labels);

    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        var hash = new HashCode();
        foreach (var (key, value) in _entries)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }
        return _hash = hash.ToHashCode() | 1;
    }

    /// <summary><c>a=1,b=2</c>, the form kubectl uses with --show-labels.</summary>
    public override string ToString() => string.Join(",", _entries.Select(p => $"{p.Key}={p.Value}"));
}
