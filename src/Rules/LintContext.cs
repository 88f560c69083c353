using System.Collections.Immutable;
using PolicyLint.Analyzer.Queries.Dependencies;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Smt;
using PolicyLint.Rules.Selection;

namespace PolicyLint.Rules;

/// <summary>
/// What a rule sees: the cluster, the loader's diagnostics and the profile, plus analysis
/// results computed lazily, at most once per lint run, and shared by every rule that asks.
/// The solver's encodings live only while their scope's questions are asked, so there is nothing to dispose.
/// </summary>
public sealed class LintContext
{
    private readonly Lazy<WorkloadIndex> _workloads;
    private readonly Lazy<PolicySelection> _policies;
    private readonly Lazy<ReachabilityEngine> _reachability;
    private readonly Lazy<Dictionary<string, WorkloadIsolation>> _isolation;
    private readonly Lazy<ReachabilityMatrix> _matrix;
    private readonly Lazy<ScopedAnswers> _proofs;
    private readonly Lazy<SelectorQuestions> _selectors;
    private readonly Lazy<ImmutableArray<DependencyVerdict>> _dependencies;

    public LintContext(Cluster cluster, ImmutableArray<Diagnostic> loadDiagnostics, AnalysisProfile profile, SolverBudget? budget = null)
    {
        Budget = budget ?? new SolverBudget();
        Cluster = cluster;
        LoadDiagnostics = loadDiagnostics.IsDefault ? [] : loadDiagnostics;
        Profile = profile;
        _workloads = new Lazy<WorkloadIndex>(() => new WorkloadIndex(cluster));
        _policies = new Lazy<PolicySelection>(() => new PolicySelection(cluster, Workloads));
        _reachability = new Lazy<ReachabilityEngine>(() => ReachabilityEngine.Build(cluster, profile));
        _isolation = new Lazy<Dictionary<string, WorkloadIsolation>>(() =>
            IsolationQuery.Run(Reachability).ToDictionary(i => i.Workload.Id, StringComparer.Ordinal));
        _matrix = new Lazy<ReachabilityMatrix>(() => Reachability.ComputeMatrix());
        _proofs = new Lazy<ScopedAnswers>(() =>
        {
            var answers = ScopedQuestions.Ask(cluster, SmtOptions, total: Budget.TotalLeft, engine: Reachability);
            Budget.CountUnfinished(answers.Unfinished);
            return answers;
        });
        _selectors = new Lazy<SelectorQuestions>(() => new SelectorQuestions(cluster, SmtOptions));
        _dependencies = new Lazy<ImmutableArray<DependencyVerdict>>(() =>
            DependencyCheck.Run(DependencyExtractor.Extract(cluster, ClusterDomain), () => Reachability));
    }

    public Cluster Cluster { get; }

    /// <summary>The cluster's DNS domain, for reading declared dependencies (the configuration's clusterDomain).</summary>
    public string ClusterDomain { get; init; } = ServiceName.DefaultClusterDomain;

    /// <summary>Everything the loader reported (invalid input, skipped files).</summary>
    public ImmutableArray<Diagnostic> LoadDiagnostics { get; }

    public AnalysisProfile Profile { get; }

    /// <summary>Which workloads are sensitive and how close to the internet is too close (.policylint.yaml <c>sensitive</c>).</summary>
    public SensitiveWorkloads Sensitive { get; init; } = SensitiveWorkloads.Default;

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
        _isolation.Value.GetValueOrDefault(workload.Id) ?? IsolationQuery.ForWorkload(Reachability, workload);

    /// <summary>The isolation of one peer of the connectivity (a part of a split owner, docs/split-workloads.md); null for no peer.</summary>
    public WorkloadIsolation? IsolationOf(WorkloadPeer peer) => _isolation.Value.GetValueOrDefault(peer.Id);

    /// <summary>The full connectivity matrix, for rules that look at most pairs (exposure).</summary>
    public ReachabilityMatrix Matrix => _matrix.Value;

    /// <summary>The solver's time limit per check, and the count of unfinished questions.</summary>
    public SolverBudget Budget { get; }

    /// <summary>How the solver is set up: the profile's semantics, the budget's time limit.</summary>
    public SmtOptions SmtOptions => new(Profile, TimeoutMilliseconds: Budget.Milliseconds);

    /// <summary>
    /// The answers of the solver over every possible pod (rule and policy redundancy, shadowing),
    /// asked scope by scope on first use; a null answer is an unfinished question, already
    /// counted in <see cref="Budget"/>.
    /// </summary>
    public ScopedAnswers Proofs => _proofs.Value;

    /// <summary>Can the policy's podSelector match any pod that could exist? Null: unfinished (counted).</summary>
    public SelectorSatisfiability? PolicySelector(NetworkPolicy policy) =>
        Budget.Counted(Budget.TotalLeft > TimeSpan.Zero ? _selectors.Value.OfPolicy(policy) : null);

    /// <summary>Can the peer match any pod that could exist? Null: unfinished (counted).</summary>
    public SelectorSatisfiability? Peer(NetworkPolicy policy, NetworkPolicyPeer peer) =>
        Budget.Counted(Budget.TotalLeft > TimeSpan.Zero ? _selectors.Value.OfPeer(policy, peer) : null);

    /// <summary>Every workload's declared dependencies, checked against the policies (docs/dependencies.md).</summary>
    public ImmutableArray<DependencyVerdict> Dependencies => _dependencies.Value;
}
