using System.Text.RegularExpressions;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// The DomainName pattern of the ClusterNetworkPolicy CRD: labels of letters, digits, '-' and
/// '_' (not at either end), separated by dots, with an optional "*." prefix and trailing dot.
/// </summary>
public static partial class DomainNameSyntax
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    // The CRD writes [a-zA-z0-9]; A-z also admits [\]^_` and that is kept, as the API server accepts it.
    [GeneratedRegex(@"^(\*\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
