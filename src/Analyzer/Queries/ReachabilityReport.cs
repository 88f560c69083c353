using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries.Dependencies;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Analyzer.Queries;

/// <summary>Counts for the report's summary line.</summary>
public sealed record ReportSummary(
    int Workloads,
    int Namespaces,
    int NetworkPolicies,
    int AdminPolicies,
    int IngressIsolated,
    int EgressIsolated,
    int AllowedPairs)
{
    /// <summary>Policy objects of kinds not modelled (Calico, Cilium, ...), left out of every answer.</summary>
    public int PoliciesNotModelled { get; init; }

    /// <summary>Calico NetworkPolicies and GlobalNetworkPolicies (docs/calico.md).</summary>
    public int CalicoPolicies { get; init; }
    /// <summary>CiliumNetworkPolicies and CiliumClusterwideNetworkPolicies (analysed; docs/cilium.md).</summary>
    public int CiliumPolicies { get; init; }
}

/// <summary>
/// Everything `policylint report` shows, as data: the connectivity, each workload's isolation,
/// the summary and the profile the answer was computed under. Focused is true when only the
/// connections of some workloads were asked for. Services is the Service view (every port of
/// every Service with backends, and who may reach it); EntryPoints every way in from outside
/// the cluster, most open first (<see cref="EntryPointQuery"/>). Formatters only print it.
/// </summary>
public sealed record ReachabilityReport(
    ConnectivityReport Connectivity,
    ImmutableArray<WorkloadIsolation> Isolation,
    ReportSummary Summary,
    AnalysisProfile Profile,
    bool Focused)
{
    public ImmutableArray<ServicePortView> Services { get; init; } = [];

    public ImmutableArray<EntryPoint> EntryPoints { get; init; } = [];

    /// <summary>Every workload's declared dependencies with their status (docs/dependencies.md); with a focus, the focused workloads' only.</summary>
    public ImmutableArray<DependencyVerdict> Dependencies { get; init; } = [];

    /// <summary>
    /// For each workload outside addresses reach directly, how many workloads it reaches within 1,
    /// 2 and 3 hops (<see cref="AttackSurfaceQuery"/>); empty for a focused report, whose
    /// connections are only part of the graph.
    /// </summary>
    public ImmutableArray<EntryReach> AttackSurface { get; init; } = [];

    /// <summary>The entry points that let something in, most open first.</summary>
    public IEnumerable<EntryPoint> Exposed => EntryPoints.Where(e => e.IsExposed);

    /// <summary>
    /// Builds the report; <paramref name="withServices"/> false leaves Services and EntryPoints
    /// empty, for formats that only print the connectivity (they cost extra engine questions).
    /// </summary>
    public static ReachabilityReport Build(ReachabilityEngine engine, ImmutableArray<string> focusWorkloads = default, bool withServices = true)
    {
        var matrix = engine.ComputeMatrix();
        var connectivity = ConnectivityQuery.Run(matrix, focusWorkloads);
        var isolation = IsolationQuery.Run(engine);
        var cluster = engine.Cluster;
        var summary = new ReportSummary(
            Workloads: cluster.Workloads.Count(w => !w.ScaledToZero),
            Namespaces: cluster.Workloads.Where(w => !w.ScaledToZero).Select(w => w.Namespace).Distinct(StringComparer.Ordinal).Count(),
            NetworkPolicies: cluster.NetworkPolicies.Length,
            AdminPolicies: cluster.AdminPolicies.Length,
            IngressIsolated: IsolatedWorkloads(isolation, PolicyDirections.Ingress),
            EgressIsolated: IsolatedWorkloads(isolation, PolicyDirections.Egress),
            AllowedPairs: connectivity.Count)
        {
            PoliciesNotModelled = cluster.NotModelledPolicies.Length,
            CalicoPolicies = cluster.Calico.Policies.Length,
            CiliumPolicies = cluster.CiliumPolicies.Length,
        };
        var report = new ReachabilityReport(connectivity, isolation, summary, engine.Profile, !focusWorkloads.IsDefaultOrEmpty);
        if (!withServices) return report;
        var catalog = new ServiceCatalog(cluster);
        var entryPoints = EntryPointQuery.Run(engine, catalog, matrix);
        var declared = DependencyExtractor.Extract(cluster);
        if (!focusWorkloads.IsDefaultOrEmpty) declared = [.. declared.Where(d => focusWorkloads.Contains(d.Client.Id))];
        return report with
        {
            Services = ServiceQuery.View(catalog, connectivity),
            EntryPoints = entryPoints,
            AttackSurface = report.Focused ? [] : AttackSurfaceQuery.Run(WorkloadGraph.Build(
                engine.Peers, connectivity.Inside.Concat(connectivity.Outside.Select(o => o.Connection)).Select(c => (c.Source, c.Destination, c.Connections)), entryPoints)),
            Dependencies = DependencyCheck.Run(declared, engine, catalog, matrix),
        };
    }

    /// <summary>Workloads isolated in the direction: an owner whose pods policies tell apart (docs/split-workloads.md) when every part is.</summary>
    private static int IsolatedWorkloads(ImmutableArray<WorkloadIsolation> isolation, PolicyDirections direction) =>
        isolation.GroupBy<WorkloadIsolation, Workload>(i => i.Workload.Workload, ReferenceEqualityComparer.Instance)
            .Count(owner => owner.All(i => i.IsIsolated(direction)));

    /// <summary>"12 workloads in 6 namespaces, 16 NetworkPolicies, ..." — the line every people-facing format starts with.</summary>
    public string SummaryLine
    {
        get
        {
            var s = Summary;
            var admin = s.AdminPolicies > 0 ? $", {Plural(s.AdminPolicies, "cluster policy", "cluster policies")}" : "";
            admin += s.CalicoPolicies > 0 ? $", {Plural(s.CalicoPolicies, "Calico policy", "Calico policies")}" : "";
            admin += s.CiliumPolicies > 0 ? $", {Plural(s.CiliumPolicies, "Cilium policy", "Cilium policies")}" : "";
            return $"{Plural(s.Workloads, "workload", "workloads")} in {Plural(s.Namespaces, "namespace", "namespaces")}, " +
                   $"{Plural(s.NetworkPolicies, "NetworkPolicy", "NetworkPolicies")}{admin}; " +
                   $"{s.IngressIsolated} isolated for ingress, {s.EgressIsolated} for egress; " +
                   $"{Plural(s.AllowedPairs, "allowed pair", "allowed pairs")}" +
                   NotModelledText(s.PoliciesNotModelled);
        }
    }

    /// <summary>Said in every summary: policies of kinds not modelled are never left out in silence.</summary>
    private static string NotModelledText(int count) => count == 0 ? "" :
        $"; {Plural(count, "policy", "policies")} of kinds not modelled (policy-kind-not-modelled): the answers may allow more than the cluster does";

    public string ProfileName => Profile == AnalysisProfile.NetpolAnalyzer ? "netpol-analyzer" : "default";

    private static string Plural(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";
}
