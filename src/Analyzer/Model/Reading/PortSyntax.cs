namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>Port numbers and IANA service names (named ports) as Kubernetes validates them.</summary>
public static class PortSyntax
{
    public const int MaxPort = 65535;

    public static bool IsValidNumber(int port) => port is >= 1 and <= MaxPort;

    /// <summary>IANA_SVC_NAME: 1 to 15 of a-z, 0-9 and '-', at least one letter, no '-' at either end, no "--". Null when valid.</summary>
    public static string? CheckName(string name)
    {
        if (name.Length is 0 or > 15) return "a port name must be 1 to 15 characters";
        var hasLetter = false;
        foreach (var c in name)
        {
            if (char.IsAsciiLetterLower(c)) hasLetter = true;
            else if (!char.IsAsciiDigit(c) && c != '-') return "a port name may contain only lowercase letters, digits and '-'";
        }
        if (!hasLetter) return "a port name must contain at least one letter (write a port number without quotes)";
        if (name[0] == '-' || name[^1] == '-') return "a port name must not begin or end with '-'";
        if (name.Contains("--", StringComparison.Ordinal)) return "a port name must not contain \"--\"";
        return null;
    }
}
