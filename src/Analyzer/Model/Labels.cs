using System.Collections;
using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// An immutable label (or annotation) map with ordinal ordering and value equality, so two
/// pods with the same labels compare and hash equal.
/// </summary>
public sealed class Labels : IReadOnlyDictionary<string, string>, IEquatable<Labels>
{
    private readonly ImmutableSortedDictionary<string, string> _map;
    private int _hash;

    public static Labels Empty { get; } = new(ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal));

    private Labels(ImmutableSortedDictionary<string, string> map) => _map = map;

    public static Labels Of(IEnumerable<KeyValuePair<string, string>> pairs) =>
        new(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, pairs));

    public static Labels Of(params (string Key, string Value)[] pairs) =>
        Of(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    public Labels With(string key, string value) => new(_map.SetItem(key, value));

    public string this[string key] => _map[key];
    public IEnumerable<string> Keys => _map.Keys;
    public IEnumerable<string> Values => _map.Values;
    public int Count => _map.Count;
    public bool ContainsKey(string key) => _map.ContainsKey(key);
    public bool TryGetValue(string key, out string value) => _map.TryGetValue(key, out value!);
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _map.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(Labels? other) =>
        other is not null && (ReferenceEquals(this, other) || (_map.Count == other._map.Count && _map.SequenceEqual(other._map)));

    public override bool Equals(object? obj) => Equals(obj as Labels);

    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        var hash = new HashCode();
        foreach (var (key, value) in _map)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }
        return _hash = hash.ToHashCode() | 1;
    }

    /// <summary><c>a=1,b=2</c>, the form kubectl uses with --show-labels.</summary>
    public override string ToString() => string.Join(",", _map.Select(p => $"{p.Key}={p.Value}"));
}
