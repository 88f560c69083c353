using PolicyLint.Analyzer.Core;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Tests;

namespace PolicyLint.Analyzer.Tests.Model;

/// <summary>
/// Every conformance input loads without errors and yields every workload its golden names;
/// every invalid case is refused with an error naming its file and object.
/// Reported as skipped when shared/ is not beside the repository.
/// </summary>
public sealed class ConformanceLoadingTests
{
    /// <summary>The reference tool accepts names the API server refuses (a NetworkPolicy named use_common_labels_same_values): its inputs load with its leniency.</summary>
    private static readonly LoadOptions NetpolAnalyzerLoading = LoadOptions.For(AnalysisProfile.NetpolAnalyzer);

    public static TheoryData<string> ConnlistCases() => ConformanceTheoryAttribute.Cases("connlist");

    public static TheoryData<string> InvalidCases() => ConformanceTheoryAttribute.Cases("invalid");

    [ConformanceTheory]
    [MemberData(nameof(ConnlistCases))]
    public void Connlist_input_loads_without_errors_and_has_every_golden_workload(string name)
    {
        var dir = Path.Combine(RepositoryRoot.Conformance("connlist")!, name);
        var loaded = ClusterLoader.Load([Path.Combine(dir, "input")], options: NetpolAnalyzerLoading);
        var errors = loaded.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var ids = loaded.Cluster.Workloads.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        var missing = GoldenWorkloads(Path.Combine(dir, "expected.txt")).Where(p => !ids.Contains(p)).ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join(", ", missing));
    }

    [ConformanceTheory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_case_gives_an_error_naming_its_file_and_object(string name)
    {
        var dir = Path.Combine(RepositoryRoot.Conformance("invalid")!, name);
        var loaded = ClusterLoader.Load([dir], options: NetpolAnalyzerLoading);
        Assert.True(loaded.HasErrors);
        var error = loaded.Diagnostics.First(d => d.Severity == Severity.Error);
        Assert.StartsWith(dir + "/", error.Span.File, StringComparison.Ordinal);
        Assert.True(error.Span.Line > 0);
        Assert.NotNull(error.Object);
        Assert.Contains(error.Object!.ToString(), error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<string> GoldenWorkloads(string expected)
    {
        foreach (var line in File.ReadLines(expected))
        {
            var arrow = line.IndexOf(" => ", StringComparison.Ordinal);
            var colon = line.LastIndexOf(" : ", StringComparison.Ordinal);
            if (arrow < 0 || colon < arrow) continue;
            foreach (var peer in new[] { line[..arrow], line[(arrow + 4)..colon] })
            {
                if (peer.EndsWith("[External]", StringComparison.Ordinal) || peer == "{ingress-controller}") continue;
                yield return peer;
            }
        }
    }
}
