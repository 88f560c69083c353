using PolicyLint.Analyzer.Core;
using PolicyLint.Analyzer.Model;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli;

/// <summary>
/// Loading for the analysis commands (report, can-reach, diff): every diagnostic goes to
/// stderr as <c>file:line:column: rule-id: message</c>; the model of everything that could be
/// read is returned so the command still reports on it, and exits 2 afterwards if any
/// diagnostic was an error.
/// </summary>
public static class AnalysisInput
{
    /// <summary>Loads with the name checking of <paramref name="profile"/> (see docs/rules/invalid-object.md).</summary>
    public static LoadedCluster Load(CliContext context, IReadOnlyList<string> paths, AnalysisProfile profile, bool verbose)
    {
        var loaded = ClusterLoader.Load(paths, context.In, Options(context, profile));
        Report(context, loaded, verbose);
        return loaded;
    }

    public static LoadOptions Options(CliContext context, AnalysisProfile profile, string[]? helmValues = null) =>
        LoadOptions.For(profile, context.DefaultNamespace, RepositoryInput.Options(context, helmValues));

    public static void Report(CliContext context, LoadedCluster loaded, bool verbose)
    {
        foreach (var diagnostic in loaded.Diagnostics)
        {
            context.Error.WriteLine(TerminalText.Line(diagnostic.ToString()));
        }
        if (verbose && loaded.SkippedKinds.Count > 0)
        {
            var kinds = string.Join(", ", loaded.SkippedKinds.Select(k => $"{k.Key} ({k.Value})"));
            context.Error.WriteLine($"policylint: read but not modelled: {kinds}");
        }
    }

    /// <summary>2 when loading found errors, else the command's own result.</summary>
    public static int ExitCode(LoadedCluster loaded, int result) => loaded.HasErrors ? ExitCodes.BadInput : result;
}
