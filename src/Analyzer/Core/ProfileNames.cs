namespace PolicyLint.Analyzer.Core;

/// <summary>The spelling of analysis profiles in configuration files and on the command line.</summary>
public static class ProfileNames
{
    public const string Default = "default";
    public const string NetpolAnalyzer = "netpol-analyzer";

    public static string ToId(this AnalysisProfile profile) =>
        profile == AnalysisProfile.NetpolAnalyzer ? NetpolAnalyzer : Default;

    /// <summary>What a command line or a configuration file hears when a profile name is not one of ours.</summary>
    public static string Unknown(string text) => $"unknown profile '{text}' (expected {Default} or {NetpolAnalyzer})";

    public static bool TryParse(string text, out AnalysisProfile profile)
    {
        switch (text.Trim())
        {
            case Default: profile = AnalysisProfile.Default; return true;
            case NetpolAnalyzer: profile = AnalysisProfile.NetpolAnalyzer; return true;
            default: profile = AnalysisProfile.Default; return false;
        }
    }
}
