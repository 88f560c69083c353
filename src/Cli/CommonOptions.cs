using System.CommandLine;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Cli;

/// <summary>Arguments and options that several commands share, spelled the same everywhere.</summary>
public static class CommonOptions
{
    public static Argument<string[]> Paths(string description =
        "Files or directories to read (.yaml, .yml, .json, recursively), or - for stdin. Default: the current directory.") =>
        new("PATH") { Description = description, Arity = ArgumentArity.ZeroOrMore };

    public static Option<string> Profile() => new("--profile")
    {
        Description = "Where Kubernetes leaves behaviour to the network plugin: 'default' (upstream conformance: " +
                      "ipBlocks match pods with known IPs) or 'netpol-analyzer' (ipBlocks never match pods).",
        DefaultValueFactory = _ => "default",
    };

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Also list the kinds that were read but are not modelled.",
    };

    public static Option<string?> Output() => new("--output", "-o")
    {
        Description = "Write to this file instead of standard output.",
    };

    public static Option<string> Format(string description, params string[] formats)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = description,
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    public static bool TryParseProfile(string text, out AnalysisProfile profile)
    {
        switch (text)
        {
            case "default": profile = AnalysisProfile.Default; return true;
            case "netpol-analyzer": profile = AnalysisProfile.NetpolAnalyzer; return true;
            default: profile = AnalysisProfile.Default; return false;
        }
    }

    /// <summary>The paths to read: as given, or the current directory.</summary>
    public static IReadOnlyList<string> PathsOrCurrentDirectory(string[]? paths) =>
        paths is { Length: > 0 } ? paths : ["."];
}
