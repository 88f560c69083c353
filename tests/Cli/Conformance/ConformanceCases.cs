namespace PolicyLint.Cli.Tests.Conformance;

/// <summary>
/// The case directories of shared/conformance/netpol-analyzer/connlist, split into the core
/// NetworkPolicy tier and the AdminNetworkPolicy tier (names starting with anp_/banp_ or
/// containing _anp_/_banp_). When shared/ is absent (a user's clone) each theory yields one
/// marker row that the test reports as skipped.
/// </summary>
public static class ConformanceCases
{
    /// <summary>connlist/ of the conformance data, or null in a clone without shared/.</summary>
    public static string? Root { get; } =
        RepositoryRoot.Conformance("connlist") is { } connlist && Directory.Exists(connlist) ? connlist : null;

    public static bool IsAdminTier(string name) =>
        name.StartsWith("anp_", StringComparison.Ordinal) || name.StartsWith("banp_", StringComparison.Ordinal)
        || name.Contains("_anp_", StringComparison.Ordinal) || name.Contains("_banp_", StringComparison.Ordinal);

    public static TheoryData<string> Core => Cases(adminTier: false);

    public static TheoryData<string> Admin => Cases(adminTier: true);

    private static TheoryData<string> Cases(bool adminTier) =>
        ConformanceTheoryAttribute.Cases("connlist", name => IsAdminTier(name) == adminTier);
}
