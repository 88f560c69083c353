using PolicyLint.Analyzer.Core;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Cli.Report;
using Xunit.Abstractions;

namespace PolicyLint.Cli.Tests.Conformance;

/// <summary>
/// Every connlist case of np-guard/netpol-analyzer: load the case's input directory, ask the
/// connectivity query under profile NetpolAnalyzer, format as connlist and compare with
/// expected.txt (line endings normalised, trailing newlines ignored). Expected files are never
/// edited.
/// </summary>
public class ConnlistConformanceTests(ITestOutputHelper output)
{
    [ConformanceTheory]
    [MemberData(nameof(ConformanceCases.Core), MemberType = typeof(ConformanceCases))]
    public void Core_NetworkPolicy_case_matches_the_golden(string name) => Verify(name);

    [ConformanceTheory]
    [MemberData(nameof(ConformanceCases.Admin), MemberType = typeof(ConformanceCases))]
    public void AdminNetworkPolicy_case_matches_the_golden(string name) => Verify(name);

    private void Verify(string name)
    {
        var caseDir = Path.Combine(ConformanceCases.Root!, name);
        var expected = Normalise(File.ReadAllText(Path.Combine(caseDir, "expected.txt")));
        var actual = Normalise(Connlist(Path.Combine(caseDir, "input")));
        if (expected != actual) output.WriteLine(Diff(expected, actual));
        Assert.Equal(expected, actual);
    }

    public static string Connlist(string inputDir)
    {
        var loaded = ClusterLoader.Load([inputDir], options: LoadOptions.For(AnalysisProfile.NetpolAnalyzer));
        var report = ConnectivityQuery.Run(loaded.Cluster, new ConnectivityOptions(AnalysisProfile.NetpolAnalyzer));
        return ConnlistFormatter.Format(report);
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n").TrimEnd('\n');

    private static string Diff(string expected, string actual)
    {
        var want = expected.Split('\n').ToHashSet(StringComparer.Ordinal);
        var got = actual.Split('\n').ToHashSet(StringComparer.Ordinal);
        return "missing:\n  " + string.Join("\n  ", want.Except(got)) + "\nunexpected:\n  " + string.Join("\n  ", got.Except(want));
    }
}
