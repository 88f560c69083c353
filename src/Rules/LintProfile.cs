namespace PolicyLint.Rules;

/// <summary>
/// Where Kubernetes leaves a behaviour to the network plugin, which reading the analysis takes
/// (DESIGN.md). Default follows the upstream conformance tests; NetpolAnalyzer reproduces
/// np-guard/netpol-analyzer (ipBlocks never match pods, hostNetwork pods are ordinary pods).
/// </summary>
public enum LintProfile
{
    Default,
    NetpolAnalyzer,
}

public static class LintProfiles
{
    public static string ToId(this LintProfile profile) =>
        profile == LintProfile.NetpolAnalyzer ? "netpol-analyzer" : "default";

    public static bool TryParse(string text, out LintProfile profile)
    {
        switch (text.Trim())
        {
            case "default": profile = LintProfile.Default; return true;
            case "netpol-analyzer": profile = LintProfile.NetpolAnalyzer; return true;
            default: profile = LintProfile.Default; return false;
        }
    }
}
