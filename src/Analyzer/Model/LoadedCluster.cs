using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// The result of loading: the cluster model, every diagnostic (sorted by span), the kinds read
/// but not modelled with their counts, and the files read (as displayed in spans).
/// </summary>
public sealed record LoadedCluster(
    Cluster Cluster,
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableSortedDictionary<string, int> SkippedKinds,
    ImmutableArray<string> Files)
{
    /// <summary>Analysis commands exit 2 when this is true; lint reports the errors as findings.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>What a focused load (<see cref="LoadOptions.Focus"/>) left unread; none for a full load.</summary>
    public SkippedObjects Skipped { get; init; } = SkippedObjects.None;
}
