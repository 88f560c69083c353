using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Rules.Selection;

namespace PolicyLint.Rules;

/// <summary>
/// What a rule sees: the cluster, the loader's diagnostics and the profile, plus analysis
/// results computed lazily, at most once per lint run, and shared by every rule that asks.
/// </summary>
public sealed class LintContext
{
    private readonly Lazy<WorkloadIndex> _workloads;
    private readonly Lazy<PolicySelection> _policies;
    private readonly Lazy<ReachabilityEngine> _reachability;
    private readonly Lazy<Dictionary<string, WorkloadIsolation>> _isolation;

    public LintContext(Cluster cluster, ImmutableArray<Diagnostic> loadDiagnostics, AnalysisProfile profile)
    {
        Cluster = cluster;
        LoadDiagnostics = loadDiagnostics.IsDefault ? [] : loadDiagnostics;
        Profile = profile;
        _workloads = new Lazy<WorkloadIndex>(() => new WorkloadIndex(cluster));
        _policies = new Lazy<PolicySelection>(() => new PolicySelection(cluster, Workloads));
        _reachability = new Lazy<ReachabilityEngine>(() => ReachabilityEngine.Build(cluster, profile));
        _isolation = new Lazy<Dictionary<string, WorkloadIsolation>>(() =>
            IsolationQuery.Run(Reachability).ToDictionary(i => i.Workload.Id, StringComparer.Ordinal));
    }

    public Cluster Cluster { get; }

    /// <summary>Everything the loader reported (invalid input, skipped files).</summary>
    public ImmutableArray<Diagnostic> LoadDiagnostics { get; }

    public AnalysisProfile Profile { get; }

    /// <summary>Workloads by namespace and label set; selector evaluation for policies and peers.</summary>
    public WorkloadIndex Workloads => _workloads.Value;

    /// <summary>The workloads each NetworkPolicy's podSelector matches.</summary>
    public PolicySelection Policies => _policies.Value;

    /// <summary>
    /// The reachability engine for the profile, built on first use. Prefer pair queries
    /// (Connections, Explain) over ComputeMatrix unless a rule needs most pairs.
    /// </summary>
    public ReachabilityEngine Reachability => _reachability.Value;

    /// <summary>
    /// Which NetworkPolicies isolate the workload, per direction, as the engine sees it; null for
    /// a workload without pods (the engine has nothing to isolate).
    /// </summary>
    public WorkloadIsolation? IsolationOf(Workload workload) =>
        _isolation.Value.GetValueOrDefault(workload.Id);
}
