using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// How to build a <see cref="PolicySolver"/>. Extra selectors add their keys and values to
/// the vocabulary, for exposure queries about selectors no policy mentions (the encoding
/// rebuilds itself with them when a query needs it). TimeoutMilliseconds bounds each solver
/// check (0: none); a check that runs out throws <see cref="Native.Z3Exception"/>.
/// ReadableWitnesses (default on) makes witnesses name input pods where possible and leave out
/// IPs, container ports and odd ports that do not matter, for a few extra solver checks per
/// query; turn it off when witnesses are not shown (about twice as fast on large inputs).
/// MergeIndistinguishablePods (default off) puts input pods that no formula can tell apart in
/// one class even across namespaces and IPs (see <see cref="InputPodClass"/>): fewer classes, the
/// same answers, but a witness may name another pod just like the one asked about.
/// </summary>
public sealed record SmtOptions(
    AnalysisProfile Profile = AnalysisProfile.Default,
    ImmutableArray<LabelSelector> ExtraNamespaceSelectors = default,
    ImmutableArray<LabelSelector> ExtraPodSelectors = default,
    uint TimeoutMilliseconds = 0,
    bool ReadableWitnesses = true,
    bool MergeIndistinguishablePods = false)
{
    public static SmtOptions Default { get; } = new();
}
