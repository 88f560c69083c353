using System.Collections.Immutable;
using PolicyLint.Analyzer.Queries.Dependencies;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Analyzer.Queries.Dependencies;

public enum DependencyChangeKind
{
    /// <summary>Blocked now, and was not before (reachable, or not declared yet).</summary>
    Broken,

    /// <summary>Blocked before, reachable now.</summary>
    Restored,
}

/// <summary>A declared dependency whose status a change turns to or from blocked; Before is null for one the change declares.</summary>
public sealed record DependencyChange(DependencyChangeKind Kind, DependencyVerdict? Before, DependencyVerdict Now);

/// <summary>
/// The declared dependencies (docs/dependencies.md) a change breaks or restores. A dependency
/// is the same on both sides when its client, container, declaring field and target are: it
/// may move in its file. Order: the head side's, broken before restored.
/// </summary>
public static class DependencyDiff
{
    public static ImmutableArray<DependencyChange> Compare(ReachabilityEngine before, ReachabilityEngine after, string clusterDomain = ServiceName.DefaultClusterDomain)
    {
        var now = DependencyCheck.Run(after, clusterDomain);
        if (now.IsEmpty) return [];
        var previous = new Dictionary<string, DependencyVerdict>(StringComparer.Ordinal);
        foreach (var verdict in DependencyCheck.Run(before, clusterDomain)) previous.TryAdd(verdict.Key, verdict);
        var broken = new List<DependencyChange>();
        var restored = new List<DependencyChange>();
        foreach (var verdict in now)
        {
            var old = previous.GetValueOrDefault(verdict.Key);
            if (verdict.Status == DependencyStatus.Blocked && old?.Status != DependencyStatus.Blocked)
            {
                broken.Add(new DependencyChange(DependencyChangeKind.Broken, old, verdict));
            }
            else if (verdict.Status == DependencyStatus.Reachable && old?.Status == DependencyStatus.Blocked)
            {
                restored.Add(new DependencyChange(DependencyChangeKind.Restored, old, verdict));
            }
        }
        return [.. broken, .. restored];
    }
}
