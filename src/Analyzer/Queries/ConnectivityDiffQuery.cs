using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;

using PolicyLint.Analyzer.Queries.Dependencies;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// "What does this change do to connectivity?": compares two analysed clusters (base and head
/// of a pull request) and returns the differences as data.
/// </summary>
public static class ConnectivityDiffQuery
{
    public static ConnectivityDiff Run(DiffSide before, DiffSide after, ConnectivityDiffOptions? options = null)
    {
        options ??= new ConnectivityDiffOptions();
        var beforeEngine = ReachabilityEngine.Build(before.Cluster, options.Profile);
        var afterEngine = ReachabilityEngine.Build(after.Cluster, options.Profile);
        var (introduced, fixedFindings) = DiffFindings.Compare(before.Findings, after.Findings);
        return new ConnectivityDiff(
            DiffConnections.Compare(beforeEngine, afterEngine),
            WorkloadsOnlyIn(after.Cluster, before.Cluster),
            WorkloadsOnlyIn(before.Cluster, after.Cluster),
            introduced,
            fixedFindings,
            DiffEntryPoints.Compare(beforeEngine, afterEngine),
            DiffBeyondManifests.Check(before.Cluster, after.Cluster, options),
            options.Profile)
        {
            Dependencies = DependencyDiff.Compare(beforeEngine, afterEngine, options.ClusterDomain),
        };
    }

    /// <summary>Workloads of <paramref name="cluster"/> whose id <paramref name="other"/> lacks, ordinal by id.</summary>
    private static ImmutableArray<Workload> WorkloadsOnlyIn(Cluster cluster, Cluster other)
    {
        var ids = other.Workloads.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        return [.. cluster.Workloads.Where(w => !ids.Contains(w.Id)).OrderBy(w => w.Id, StringComparer.Ordinal)];
    }
}
