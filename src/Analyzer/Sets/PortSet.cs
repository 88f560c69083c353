using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Sets;

/// <summary>
/// A set of ports of one protocol: port numbers as canonical interval lists over 1..65535, plus
/// named ports that could not be resolved to numbers (they stay symbolic: a name is not equal to
/// any number, and two names are equal only when spelled the same).
/// Immutable value type; equal sets are equal and print the same.
/// </summary>
public sealed class PortSet : IEquatable<PortSet>
{
    private readonly ImmutableArray<Interval<int>> _intervals;

    private PortSet(ImmutableArray<Interval<int>> intervals, ImmutableSortedSet<string> names)
    {
        _intervals = intervals;
        NamedPorts = names;
    }

    private static readonly ImmutableSortedSet<string> NoNames = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    public static PortSet Empty { get; } = new([], NoNames);

    public static PortSet All { get; } = new([PortRange.All.ToInterval()], NoNames);

    public static PortSet Of(params int[] ports) => FromRanges(ports.Select(PortRange.Single));

    public static PortSet Of(PortRange range) => new([range.ToInterval()], NoNames);

    public static PortSet Range(int start, int end) => Of(new PortRange(start, end));

    public static PortSet FromRanges(IEnumerable<PortRange> ranges) =>
        new(IntervalList.Normalize(ranges.Select(r => r.ToInterval())), NoNames);

    public static PortSet Named(params string[] names) => new([], NoNames.Union(names));

    /// <summary>The numeric ports, as disjoint, non-adjacent ranges in ascending order.</summary>
    public IEnumerable<PortRange> Ranges => _intervals.Select(PortRange.FromInterval);

    public int RangeCount => _intervals.Length;

    /// <summary>Named ports that are still unresolved, in ordinal order.</summary>
    public ImmutableSortedSet<string> NamedPorts { get; }

    public bool IsEmpty => _intervals.IsEmpty && NamedPorts.IsEmpty;

    /// <summary>Every port number 1..65535 (whether or not names are present too).</summary>
    public bool IsAll => _intervals.Length == 1 && _intervals[0] == PortRange.All.ToInterval();

    public bool Contains(int port) => IntervalList.Contains(_intervals, port);

    public bool ContainsName(string name) => NamedPorts.Contains(name);

    public PortSet Union(PortSet other)
    {
        if (other.IsEmpty || ReferenceEquals(this, other)) return this;
        if (IsEmpty) return other;
        return new(IntervalList.Union(_intervals, other._intervals), NamedPorts.Union(other.NamedPorts));
    }

    public PortSet Intersect(PortSet other)
    {
        if (ReferenceEquals(this, other)) return this;
        if (IsEmpty || other.IsEmpty) return Empty;
        return new(IntervalList.Intersect(_intervals, other._intervals), NamedPorts.Intersect(other.NamedPorts));
    }

    public PortSet Subtract(PortSet other)
    {
        if (IsEmpty || other.IsEmpty) return this;
        if (ReferenceEquals(this, other)) return Empty;
        return new(IntervalList.Subtract(_intervals, other._intervals), NamedPorts.Except(other.NamedPorts));
    }

    public bool IsSubsetOf(PortSet other) =>
        IntervalList.IsSubset(_intervals, other._intervals) && NamedPorts.IsSubsetOf(other.NamedPorts);

    public bool Equals(PortSet? other) =>
        other is not null && IntervalList.SequenceEqual(_intervals, other._intervals) && NamedPorts.SetEquals(other.NamedPorts);

    public override bool Equals(object? obj) => Equals(obj as PortSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(IntervalList.Hash(_intervals));
        foreach (var name in NamedPorts) hash.Add(name, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    /// <summary><c>53,80-90,http</c>: numbers ascending, then unresolved names; empty string when empty.</summary>
    public override string ToString() => string.Join(",", Ranges.Select(r => r.ToString()).Concat(NamedPorts));
}
