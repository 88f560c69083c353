using System.Text.RegularExpressions;

namespace PolicyLint.Cli.Tests.Architecture;

/// <summary>
/// The pipeline of docs/architecture.md read from the sources: each file's stage is its
/// namespace, and what it depends on is every PolicyLint namespace it names (using directives
/// and qualified names). A dependency on a stage to the right of the file's own is a violation.
/// </summary>
internal static partial class StageDependencies
{
    /// <summary>Left to right: a stage may use itself and the stages before it.</summary>
    public static readonly IReadOnlyList<string> Pipeline =
        ["Core", "Manifests", "Model", "Sets", "Reachability", "Smt", "Queries", "Rules", "Cli"];

    /// <summary>The engines and the solver: the command line asks the analysis façade instead.</summary>
    public static readonly IReadOnlyList<string> EngineNames =
        ["ReachabilityEngine", "MatrixBuilder", "PolicyCompiler", "PolicySolver", "PolicySemantics", "Smt.Native", "Z3"];

    public static string? StageOf(string source)
    {
        var declaration = NamespaceDeclaration().Match(source);
        return declaration.Success ? StageOfNamespace(declaration.Groups[1].Value) : null;
    }

    public static IEnumerable<string> Violations(string file, string source)
    {
        if (StageOf(source) is not { } stage) yield break;
        var own = Pipeline.IndexOf(stage);
        var named = QualifiedName().Matches(source).Select(m => m.Groups[1].Value)
            .Concat(RelativeName().Matches(source).Select(m => m.Groups[1].Value))
            .Where(Pipeline.Contains)
            .Distinct(StringComparer.Ordinal);
        foreach (var other in named)
        {
            if (Pipeline.IndexOf(other) > own) yield return $"{file}: {stage} depends on {other}, which comes after it";
        }
        if (stage != "Cli") yield break;
        foreach (var engine in EngineNames)
        {
            if (Regex.IsMatch(source, $@"\b{Regex.Escape(engine)}")) yield return $"{file}: the command line names {engine}";
        }
        if (CommandFolderOf(source) is not { } folder) yield break;
        foreach (var other in CliFolder().Matches(source).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
        {
            if (other != folder && !SharedCliFolders.Contains(other)) yield return $"{file}: command {folder} reaches into command {other}";
        }
    }

    /// <summary>Cli folders every command may use; any other folder is one command's own.</summary>
    public static readonly IReadOnlyList<string> SharedCliFolders = ["Json", "Output"];

    /// <summary>The command folder a Cli file is in (<c>PolicyLint.Cli.Report</c>: Report), null at the Cli root.</summary>
    private static string? CommandFolderOf(string source)
    {
        var declaration = NamespaceDeclaration().Match(source);
        var parts = declaration.Success ? declaration.Groups[1].Value.Split('.') : [];
        return parts is ["PolicyLint", "Cli", var folder, ..] && !SharedCliFolders.Contains(folder) ? folder : null;
    }

    private static string? StageOfNamespace(string name)
    {
        var parts = name.Split('.');
        return parts switch
        {
            ["PolicyLint", "Analyzer", var stage, ..] => stage,
            ["PolicyLint", "Rules", ..] => "Rules",
            ["PolicyLint", "Cli", ..] => "Cli",
            _ => null,
        };
    }

    private static int IndexOf(this IReadOnlyList<string> list, string item) => list.ToList().IndexOf(item);

    /// <summary><c>PolicyLint.Cli.Report</c>: the Cli folder named.</summary>
    [GeneratedRegex(@"\bPolicyLint\.Cli\.(\w+)")]
    private static partial Regex CliFolder();

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    /// <summary><c>PolicyLint.Analyzer.Model</c>, <c>PolicyLint.Rules</c>: the stage named.</summary>
    [GeneratedRegex(@"\bPolicyLint\.(?:Analyzer\.)?(\w+)")]
    private static partial Regex QualifiedName();

    /// <summary><c>Analyzer.Model.Cluster</c> written relative to <c>PolicyLint</c>.</summary>
    [GeneratedRegex(@"(?<![\w.])Analyzer\.(\w+)\.")]
    private static partial Regex RelativeName();
}
