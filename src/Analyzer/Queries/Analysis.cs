using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries.Dependencies;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Smt;
using PolicyLint.Analyzer.Smt.Native;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// The one door to the analysis for the command line (docs/architecture.md, "The façade"):
/// built from the loaded cluster and a profile, it answers report, can-reach (pairs, Services,
/// any pod), exposure and diff questions with data. The reachability engine is built the first
/// time a question needs it, and the solver only for the questions that need every possible
/// pod; when the solver cannot answer, the answer says so instead of throwing. A pair question
/// asked before anything needed the whole engine builds only the classes and policies of the
/// pair's namespaces (docs/architecture.md, "The lazy engine"), with the same answer.
/// </summary>
public sealed class Analysis
{
    private readonly Lazy<ReachabilityEngine> _engine;
    private readonly Lazy<ServiceCatalog> _services;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ReachabilityEngine> _scoped = new(StringComparer.Ordinal);

    public Analysis(Cluster cluster, AnalysisProfile profile)
    {
        Cluster = cluster;
        Profile = profile;
        _engine = new Lazy<ReachabilityEngine>(() => ReachabilityEngine.Build(cluster, profile));
        _services = new Lazy<ServiceCatalog>(() => new ServiceCatalog(cluster));
    }

    public Cluster Cluster { get; }

    public AnalysisProfile Profile { get; }

    private ReachabilityEngine Engine => _engine.Value;

    /// <summary>
    /// The engine for the pairs of <paramref name="peers"/>: the whole one once something built
    /// it, else one scoped to the peers' namespaces, kept per scope.
    /// </summary>
    private ReachabilityEngine EngineFor(IEnumerable<Peer> peers)
    {
        if (_engine.IsValueCreated) return _engine.Value;
        var scope = ReachabilityEngine.ScopeOf(Cluster, Profile, peers);
        return _scoped.GetOrAdd(scope.Key, _ => ReachabilityEngine.BuildFor(Cluster, Profile, scope));
    }

    /// <summary>
    /// A workload, an address or the ingress controller named on the command line; a name
    /// without a namespace is looked up in <paramref name="defaultNamespace"/> (null: default).
    /// </summary>
    public PeerLookupResult FindPeer(string text, string? defaultNamespace = null)
    {
        if (_engine.IsValueCreated) return PeerLookup.Find(Engine, text, defaultNamespace);
        // A name resolves in its namespace, whose engine has the same peers there (split parts
        // included); a failed lookup asks the whole engine, whose suggestions span every namespace.
        var wanted = text.Contains('/') ? text : $"{defaultNamespace ?? Namespace.Default}/{text}";
        var scope = new EngineScope(ImmutableSortedSet.Create(StringComparer.Ordinal, wanted[..wanted.IndexOf('/')]));
        var found = PeerLookup.Find(_scoped.GetOrAdd(scope.Key, _ => ReachabilityEngine.BuildFor(Cluster, Profile, scope)), text, defaultNamespace);
        return found.Found ? found : PeerLookup.Find(Engine, text, defaultNamespace);
    }

    /// <summary>
    /// The peers of the connectivity that hold the pods of <paramref name="workload"/>: the peer
    /// itself when it is one; else (a split owner, or one pod named, docs/split-workloads.md) the
    /// owner or the parts that hold its pods.
    /// </summary>
    public ImmutableArray<WorkloadPeer> PeersHolding(WorkloadPeer workload) =>
        Engine.FindPeer(workload.Id) is WorkloadPeer peer
            ? [peer]
            : [.. Engine.PeersOf(workload.Workload).Where(p => p.Pods.Any(pod => workload.Pods.Contains(pod)))];

    /// <summary>A Service named as <c>ns/name[Service]</c> (or <c>name[Service]</c> in <paramref name="defaultNamespace"/>).</summary>
    public ServiceLookupResult FindService(string text, string? defaultNamespace = null) => ServiceLookup.Find(_services.Value, text, defaultNamespace);

    /// <summary>
    /// The workloads of a comma-separated focus list (ns/name or ns/name[Kind]); empty when
    /// there is no focus; the failed lookup when a name is not one workload.
    /// </summary>
    public FocusResolution ResolveFocus(string? focus, string? defaultNamespace = null)
    {
        if (string.IsNullOrWhiteSpace(focus)) return new FocusResolution([], null, null);
        var resolved = ImmutableArray.CreateBuilder<string>();
        foreach (var name in focus.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lookup = FindPeer(name, defaultNamespace);
            if (lookup.Peer is not WorkloadPeer workload) return new FocusResolution([], name, lookup);
            resolved.Add(workload.Id);
        }
        return new FocusResolution(resolved.ToImmutable(), null, null);
    }

    /// <inheritdoc cref="ReachabilityReport.Build"/>
    public ReachabilityReport Report(ImmutableArray<string> focusWorkloads, bool withServices) =>
        ReachabilityReport.Build(Engine, focusWorkloads, withServices);

    /// <summary>What <paramref name="source"/> may open to <paramref name="destination"/>, and why.</summary>
    public CanReachResult CanReach(Peer source, Peer destination, Protocol? protocol, int? port) =>
        CanReachQuery.Run(EngineFor([source, destination]), source, destination, protocol, port);

    /// <summary>The policies and rules behind one pair's verdict, on each side.</summary>
    public PairExplanation Explain(Peer source, Peer destination) => EngineFor([source, destination]).Explain(source, destination);

    /// <summary>One Service port, answered backend by backend.</summary>
    public ServiceAccess CanReachService(Peer source, Service service, ServicePort port) =>
        ServiceQuery.CanReach(
            EngineFor([source, .. _services.Value.Targets(service, port).Select(t => t.Backend)]), _services.Value, source, service, port);

    /// <summary>A DNS name or URL as destination, read as a declared dependency of <paramref name="client"/> (docs/dependencies.md).</summary>
    public NameReachAnswer CanReachName(WorkloadPeer client, string text, int? port, Protocol? protocol) =>
        NameReach.Check(Cluster, EngineFor, _services.Value, client, text, port, protocol);

    /// <summary>The ways in from outside the cluster.</summary>
    public ImmutableArray<EntryPoint> EntryPoints() => EntryPointQuery.Run(Engine, _services.Value);

    /// <summary>
    /// The workload graph for <c>paths</c> and <c>blast-radius</c>: the engine's matrix narrowed by
    /// <paramref name="filter"/>, with the entry points when the internet is asked about.
    /// </summary>
    public WorkloadGraph Graph(HopFilter filter, bool withEntries) =>
        WorkloadGraph.Build(Engine.Peers, Engine.ComputeMatrix().Pairs(), withEntries ? EntryPoints() : [], filter);

    /// <summary>Every shortest path from <paramref name="source"/> (null: <c>{internet}</c>) to any of <paramref name="targets"/>.</summary>
    public PathsResult Paths(WorkloadGraph graph, WorkloadPeer? source, string to, IReadOnlyCollection<WorkloadPeer> targets, int maxHops, int limit) =>
        source is null
            ? PathsQuery.FromInternet(Engine, graph, to, targets, maxHops, limit)
            : PathsQuery.FromWorkload(Engine, graph, source, to, targets, maxHops, limit);

    /// <summary>The workloads <paramref name="source"/> reaches within 1..<paramref name="hops"/> hops.</summary>
    public BlastRadius BlastRadius(WorkloadPeer source, HopFilter filter, int hops) =>
        BlastRadiusQuery.Run(Graph(filter, withEntries: false), source, hops);

    /// <summary>The backend workloads (with pods) of a Service, on any of its ports.</summary>
    public IReadOnlyCollection<WorkloadPeer> ServiceBackends(Service service) =>
        [.. service.Ports.SelectMany(p => _services.Value.Targets(service, p, Engine.PeersOf)).Select(t => Engine.FindPeer(t.Id)).OfType<WorkloadPeer>().Distinct()];

    /// <summary>
    /// Could some pod that could exist, in a namespace matching <paramref name="namespaces"/>
    /// with labels matching <paramref name="pods"/>, reach <paramref name="destination"/>? The
    /// solver answers over every possible pod, through every tier it models: AdminNetworkPolicies,
    /// NetworkPolicies and the BaselineAdminNetworkPolicy (README.md "Semantics and profiles").
    /// </summary>
    public AnyPodAnswer CanAnyPodReach(LabelSelector namespaces, LabelSelector pods, Workload destination, Protocol? protocol, int? port)
    {
        try
        {
            using var solver = PolicySolver.Create(Cluster, new SmtOptions(Profile));
            return new AnyPodAnswer(solver.CheckExposure(namespaces, pods, destination, protocol, port), null);
        }
        catch (Exception e) when (e is Z3Exception or DllNotFoundException)
        {
            return new AnyPodAnswer(null, e.Message);
        }
    }

    /// <summary>What a change does to connectivity, both sides under the same options.</summary>
    public static ConnectivityDiff Diff(DiffSide before, DiffSide after, ConnectivityDiffOptions options) =>
        ConnectivityDiffQuery.Run(before, after, options);
}

/// <summary>
/// The workloads a focus list names; when a name is not one workload, that name
/// (<see cref="Unresolved"/>) and its lookup.
/// </summary>
public sealed record FocusResolution(ImmutableArray<string> Workloads, string? Unresolved, PeerLookupResult? Failure)
{
    public bool Resolved => Unresolved is null;
}

/// <summary>
/// The solver's answer to an any-pod question: <see cref="Answer"/>, or why there is none
/// (<see cref="SolverUnavailable"/>: the solver is missing or failed).
/// </summary>
public sealed record AnyPodAnswer(AnyPodReach? Answer, string? SolverUnavailable);
