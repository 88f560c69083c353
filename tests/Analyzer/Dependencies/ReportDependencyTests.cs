using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Queries.Dependencies;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Tests;

namespace PolicyLint.Analyzer.Tests.Dependencies;

/// <summary>
/// The report checks dependencies with what it already has (its Service catalog, allowed
/// connections read from its matrix, the engine explaining only refused pairs); lint and
/// can-reach ask the engine pair by pair. On the testdata folders that declare dependencies,
/// under both profiles, the report's verdicts must be those of the pair-by-pair check, to the letter.
/// </summary>
public sealed class ReportDependencyTests
{
    [Theory]
    [InlineData("demo")]
    [InlineData("split")]
    [InlineData("diff/breaks-dependency/base")]
    [InlineData("diff/breaks-dependency/head")]
    public void The_reports_dependency_verdicts_are_those_of_the_pair_by_pair_check(string folder)
    {
        var cluster = ClusterLoader.Load([RepositoryRoot.TestData(folder)]).Cluster;
        foreach (var profile in new[] { AnalysisProfile.Default, AnalysisProfile.NetpolAnalyzer })
        {
            var engine = ReachabilityEngine.Build(cluster, profile);
            var expected = DependencyCheck.Run(engine).Select(DependencyYaml.Text).ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, ReachabilityReport.Build(engine).Dependencies.Select(DependencyYaml.Text));
        }
    }
}
