namespace PolicyLint.Analyzer.Model;

/// <summary>The transport protocols NetworkPolicy distinguishes. TCP is the default everywhere.</summary>
public enum Protocol
{
    TCP,
    UDP,
    SCTP,
}

public static class Protocols
{
    public static IReadOnlyList<Protocol> All { get; } = [Protocol.SCTP, Protocol.TCP, Protocol.UDP];

    /// <summary>Parses the API spelling exactly (the API server is case-sensitive here).</summary>
    public static bool TryParse(string text, out Protocol protocol)
    {
        switch (text)
        {
            case "TCP": protocol = Protocol.TCP; return true;
            case "UDP": protocol = Protocol.UDP; return true;
            case "SCTP": protocol = Protocol.SCTP; return true;
            default: protocol = Protocol.TCP; return false;
        }
    }
}
