using PolicyLint.Tests;

namespace PolicyLint.Cli.Tests.Architecture;

/// <summary>
/// docs/architecture.md: "Data flows one way: Core -> Manifests -> Model -> Sets -> Reachability
/// -> Smt -> Queries -> Rules -> Cli", and the command line reaches the engines and the solver
/// only through the analysis façade.
/// </summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void No_stage_depends_on_a_stage_to_its_right_and_the_command_line_names_no_engine()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(sources.Count > 100, $"only {sources.Count} source files found");

        var violations = sources
            .SelectMany(f => StageDependencies.Violations(Path.GetRelativePath(RepositoryRoot.Path, f), File.ReadAllText(f)))
            .ToList();

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Every_source_file_belongs_to_a_stage()
    {
        var strays = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => StageDependencies.StageOf(File.ReadAllText(f)) is not { } stage || !StageDependencies.Pipeline.Contains(stage))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f))
            .ToList();

        Assert.True(strays.Count == 0, "not in a pipeline stage: " + string.Join(", ", strays));
    }

    [Theory]
    [InlineData("using PolicyLint.Analyzer.Queries;\nnamespace PolicyLint.Analyzer.Model;\n", "Model depends on Queries")]
    [InlineData("namespace PolicyLint.Analyzer.Smt;\nclass C { Rules.LintRule? r; PolicyLint.Rules.Linter? l; }\n", "Smt depends on Rules")]
    [InlineData("namespace PolicyLint.Analyzer.Sets;\nclass C { Analyzer.Reachability.Peer? p; }\n", "Sets depends on Reachability")]
    [InlineData("namespace PolicyLint.Cli.Report;\nclass C { object e = ReachabilityEngine.Build(null!, default); }\n", "names ReachabilityEngine")]
    [InlineData("namespace PolicyLint.Cli.CanReach;\nclass C { void F() { try { } catch (Z3Exception) { } } }\n", "names Z3")]
    [InlineData("using PolicyLint.Cli.Report;\nnamespace PolicyLint.Cli.Diff;\n", "command Diff reaches into command Report")]
    public void The_checker_sees_a_dependency_against_the_flow(string source, string expected)
    {
        var violations = StageDependencies.Violations("Example.cs", source).ToList();

        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("using PolicyLint.Analyzer.Model;\nnamespace PolicyLint.Analyzer.Queries;\n")]
    [InlineData("using PolicyLint.Analyzer.Queries;\nusing PolicyLint.Rules;\nnamespace PolicyLint.Cli.Lint;\n")]
    [InlineData("namespace PolicyLint.Analyzer.Core;\npublic enum Severity { Info }\n")]
    [InlineData("using PolicyLint.Cli.Json;\nnamespace PolicyLint.Cli.Diff;\n")]
    [InlineData("namespace PolicyLint.Cli;\nclass C { object c = Report.ReportCommand.Create(null!); }\n")]
    public void The_checker_lets_the_flow_through(string source) =>
        Assert.Empty(StageDependencies.Violations("Example.cs", source));
}
