using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

using PolicyLint.Analyzer.Queries.Dependencies;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// One side of a diff: the cluster and the lint findings that count on that side (the caller
/// runs the linter, since rules sit to the right of queries; suppressed findings are left out).
/// </summary>
public sealed record DiffSide(Cluster Cluster, ImmutableArray<Diagnostic> Findings)
{
    public static DiffSide Of(Cluster cluster) => new(cluster, []);
}

/// <summary>
/// How to diff. CheckPodsBeyondManifests asks the SMT solver whether the change also affects
/// pods that are not in the manifests; SmtTimeoutMilliseconds bounds that check (0: none).
/// </summary>
public sealed record ConnectivityDiffOptions(
    AnalysisProfile Profile = AnalysisProfile.Default,
    bool CheckPodsBeyondManifests = true,
    uint SmtTimeoutMilliseconds = 30_000)
{
    /// <summary>The cluster's DNS domain, for reading declared dependencies (docs/dependencies.md).</summary>
    public string ClusterDomain { get; init; } = Dependencies.ServiceName.DefaultClusterDomain;

    /// <summary>
    /// The solver check encodes only the namespaces and cluster-scoped policies the change
    /// touches (<see cref="Smt.ComparisonScope"/>; the same verdict of equivalence). Off: one
    /// encoding of both whole clusters, as a reference for tests and benchmarks.
    /// </summary>
    public bool AskOnlyChangedScopes { get; init; } = true;
}

public enum ConnectionChangeKind
{
    /// <summary>Nothing was allowed before, something is now.</summary>
    Added,

    /// <summary>Something was allowed before, nothing is now.</summary>
    Removed,

    /// <summary>Allowed on both sides, but not the same connections.</summary>
    Changed,
}

/// <summary>
/// A pair whose allowed connections differ. External peers are address ranges re-expressed over
/// the union of both sides' cuts and merged where the change is the same, so Source or
/// Destination may be an <see cref="ExternalPeer"/> of several ranges. Before/After are never
/// equal; Added/Removed are what was added to / removed from the pair's set.
/// </summary>
public sealed record ConnectionChange(Peer Source, Peer Destination, ConnectionSet Before, ConnectionSet After)
{
    public ConnectionChangeKind Kind =>
        Before.IsEmpty ? ConnectionChangeKind.Added : After.IsEmpty ? ConnectionChangeKind.Removed : ConnectionChangeKind.Changed;

    public ConnectionSet Added => After.Subtract(Before);

    public ConnectionSet Removed => Before.Subtract(After);
}

public enum BeyondManifestsVerdict
{
    /// <summary>The check did not run (turned off, or cluster policies it does not model are present); see Reason.</summary>
    Skipped,

    /// <summary>The solver could not answer (no libz3, time limit); see Reason.</summary>
    Unavailable,

    /// <summary>Both sides' NetworkPolicies allow exactly the same connections for every pod that could exist.</summary>
    Equivalent,

    /// <summary>The policies differ, and the solver's example involves a pod that is not in the manifests (Witness).</summary>
    AffectsPodsBeyondManifests,

    /// <summary>The policies differ; the solver's example lies within the manifests (already listed as a connection change).</summary>
    DiffersWithinManifests,
}

/// <summary>
/// The SMT equivalence check of both sides' NetworkPolicies over every pod that could exist.
/// AllowedBefore/AllowedAfter tell which side allows the witness connection.
/// </summary>
public sealed record BeyondManifestsCheck(
    BeyondManifestsVerdict Verdict,
    Smt.WitnessConnection? Witness = null,
    bool AllowedBefore = false,
    bool AllowedAfter = false,
    string? Reason = null)
{
    /// <summary>The Reason of a check turned off by <see cref="ConnectivityDiffOptions.CheckPodsBeyondManifests"/>.</summary>
    public const string TurnedOff = "turned off";
}

/// <summary>
/// What changed between two analysed clusters: connections (sorted by source id, then
/// destination id, ordinal), workloads added and removed (by id), lint findings introduced
/// (spans of the new side) and fixed (spans of the old side), entry points from outside the
/// cluster opened, closed and changed (see <see cref="EntryPointQuery"/>), and whether the change
/// reaches pods beyond the manifests.
/// </summary>
public sealed record ConnectivityDiff(
    ImmutableArray<ConnectionChange> Connections,
    ImmutableArray<Workload> WorkloadsAdded,
    ImmutableArray<Workload> WorkloadsRemoved,
    ImmutableArray<Diagnostic> FindingsIntroduced,
    ImmutableArray<Diagnostic> FindingsFixed,
    ImmutableArray<EntryPointChange> Exposure,
    BeyondManifestsCheck BeyondManifests,
    AnalysisProfile Profile)
{
    /// <summary>Declared dependencies the change breaks or restores (docs/dependencies.md).</summary>
    public ImmutableArray<DependencyChange> Dependencies { get; init; } = [];

    public int DependenciesBroken => Dependencies.Count(d => d.Kind == DependencyChangeKind.Broken);

    public int DependenciesRestored => Dependencies.Count(d => d.Kind == DependencyChangeKind.Restored);

    public int ConnectionsAdded => Connections.Count(c => c.Kind == ConnectionChangeKind.Added);

    public int ConnectionsRemoved => Connections.Count(c => c.Kind == ConnectionChangeKind.Removed);

    public int ConnectionsChanged => Connections.Count(c => c.Kind == ConnectionChangeKind.Changed);

    /// <summary>
    /// True when some allowed connection differs, between the manifests' workloads, through an
    /// entry point from outside, or for a pod that could exist (the diff command exits 1).
    /// Findings alone do not count.
    /// </summary>
    public bool ConnectivityChanged =>
        !Connections.IsEmpty || !Exposure.IsEmpty || BeyondManifests.Verdict == BeyondManifestsVerdict.AffectsPodsBeyondManifests;

    public int EntryPointsOpened => Exposure.Count(e => e.Kind == EntryPointChangeKind.Opened);

    public int EntryPointsClosed => Exposure.Count(e => e.Kind == EntryPointChangeKind.Closed);

    public int EntryPointsChanged => Exposure.Count(e => e.Kind == EntryPointChangeKind.Changed);

    public string ProfileName => Profile == AnalysisProfile.NetpolAnalyzer ? "netpol-analyzer" : "default";

    /// <summary>
    /// "3 connections added, 1 removed, 2 changed; 1 workload added; 1 entry point opened;
    /// 2 findings introduced, 1 fixed": parts with nothing to count are left out.
    /// </summary>
    public string SummaryLine
    {
        get
        {
            var parts = new List<string>
            {
                Connections.IsEmpty
                    ? "no connection changed"
                    : $"{Count(ConnectionsAdded, "connection", "connections")} added, {ConnectionsRemoved} removed, {ConnectionsChanged} changed",
            };
            AddCounts(parts, "workload", "workloads", ("added", WorkloadsAdded.Length), ("removed", WorkloadsRemoved.Length));
            AddCounts(parts, "entry point", "entry points", ("opened", EntryPointsOpened), ("closed", EntryPointsClosed), ("changed", EntryPointsChanged));
            AddCounts(parts, "finding", "findings", ("introduced", FindingsIntroduced.Length), ("fixed", FindingsFixed.Length));
            AddCounts(parts, "declared dependency", "declared dependencies", ("broken", DependenciesBroken), ("restored", DependenciesRestored));
            if (BeyondManifests.Verdict == BeyondManifestsVerdict.AffectsPodsBeyondManifests) parts.Add("also affects pods not in the manifests");
            return string.Join("; ", parts);
        }
    }

    private static void AddCounts(List<string> parts, string one, string many, params (string Verb, int Count)[] counts)
    {
        var present = counts.Where(c => c.Count > 0).ToList();
        if (present.Count == 0) return;
        var first = $"{Count(present[0].Count, one, many)} {present[0].Verb}";
        parts.Add(string.Join(", ", present.Skip(1).Select(c => $"{c.Count} {c.Verb}").Prepend(first)));
    }

    private static string Count(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";
}
