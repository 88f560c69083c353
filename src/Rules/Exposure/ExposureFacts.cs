using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Rules.Exposure;

/// <summary>
/// The Service catalog and the entry points of one lint run, computed once and shared by the
/// exposure rules (they all ask the same questions of the same context).
/// </summary>
internal sealed class ExposureFacts
{
    private static readonly ConditionalWeakTable<LintContext, ExposureFacts> Cache = new();
    private readonly Lazy<ImmutableArray<EntryPoint>> _entryPoints;

    private ExposureFacts(LintContext context)
    {
        Catalog = new ServiceCatalog(context.Cluster);
        _entryPoints = new Lazy<ImmutableArray<EntryPoint>>(() => ExposureQuery.Run(context.Reachability, Catalog));
    }

    public static ExposureFacts Of(LintContext context) => Cache.GetValue(context, c => new ExposureFacts(c));

    public ServiceCatalog Catalog { get; }

    /// <summary>Every entry point, most open first.</summary>
    public ImmutableArray<EntryPoint> EntryPoints => _entryPoints.Value;
}
