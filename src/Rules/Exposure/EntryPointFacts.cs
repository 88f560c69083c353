using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Rules.Exposure;

/// <summary>
/// The Service catalog and the entry points of one lint run, computed once and shared by the
/// exposure rules (they all ask the same questions of the same context).
/// </summary>
internal sealed class EntryPointFacts
{
    private static readonly ConditionalWeakTable<LintContext, EntryPointFacts> Cache = new();
    private readonly Lazy<ImmutableArray<EntryPoint>> _entryPoints;
    private readonly Lazy<ILookup<string, PeerConnection>> _incoming;

    private EntryPointFacts(LintContext context)
    {
        Catalog = new ServiceCatalog(context.Cluster);
        _entryPoints = new Lazy<ImmutableArray<EntryPoint>>(() => EntryPointQuery.Run(context.Reachability, Catalog));
        _incoming = new Lazy<ILookup<string, PeerConnection>>(() => context.Matrix.Pairs()
            .Select(p => new PeerConnection(p.Source, p.Destination, p.Connections))
            .ToLookup(c => c.Destination.Id, StringComparer.Ordinal));
    }

    public static EntryPointFacts Of(LintContext context) => Cache.GetValue(context, c => new EntryPointFacts(c));

    public ServiceCatalog Catalog { get; }

    /// <summary>Every entry point, most open first.</summary>
    public ImmutableArray<EntryPoint> EntryPoints => _entryPoints.Value;

    /// <summary>
    /// Every allowed connection by destination id, from the full matrix: computed only when a
    /// rule needs to know whether anything at all may reach a workload (one matrix instead of a
    /// pair question per workload and Service).
    /// </summary>
    public ILookup<string, PeerConnection> IncomingByDestination => _incoming.Value;

    /// <summary>"isolated by NetworkPolicy a/b, ..." for the workloads, or that cluster policies deny (no NetworkPolicy isolates them).</summary>
    public static string WhyRefused(LintContext context, IEnumerable<Analyzer.Model.Workload> workloads)
    {
        var isolating = workloads.Select(context.IsolationOf).OfType<WorkloadIsolation>()
            .SelectMany(i => i.IngressPolicies).Distinct().Select(p => p.ToString()).ToList();
        return isolating.Count == 0 ? "cluster policies deny it" : $"isolated by {string.Join(", ", isolating)}";
    }
}
