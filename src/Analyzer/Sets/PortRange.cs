using System.Globalization;

namespace PolicyLint.Analyzer.Sets;

/// <summary>An inclusive range of port numbers within 1..65535.</summary>
public readonly record struct PortRange
{
    public const int MinPort = 1;
    public const int MaxPort = 65535;

    public PortRange(int start, int end)
    {
        if (start < MinPort || end > MaxPort || start > end)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"not a port range within {MinPort}..{MaxPort}: {start}-{end}");
        }
        Start = start;
        End = end;
    }

    public int Start { get; }
    public int End { get; }

    public static PortRange All { get; } = new(MinPort, MaxPort);

    public static PortRange Single(int port) => new(port, port);

    public static bool IsValidPort(int port) => port is >= MinPort and <= MaxPort;

    public int Count => End - Start + 1;

    public bool Contains(int port) => port >= Start && port <= End;

    /// <summary><c>80</c> for a single port, <c>80-90</c> for a range.</summary>
    public override string ToString() => Start == End
        ? Start.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Start}-{End}");

    internal Interval<int> ToInterval() => new(Start, End);

    internal static PortRange FromInterval(Interval<int> interval) => new(interval.Start, interval.End);
}
