using System.Collections.Immutable;
using PolicyLint.Analyzer.Core;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Cli.CanReach;

/// <summary>
/// Loading for <c>can-reach SRC DST</c> between two workloads: only the namespaces of the two
/// are read in full; the workloads, ConfigMaps and ServiceAccounts of other namespaces are
/// skipped unparsed (docs/can-reach.md, "Reading only what the pair needs"). When that cannot
/// be sure to answer as the full load would (a name that does not resolve there, an end that is
/// no workload, stdin, the netpol-analyzer profile, --read-all), everything is read as before, so
/// answers, errors and suggestions are those of the full load.
/// </summary>
public static class PairInput
{
    public static (LoadedCluster Loaded, Analysis Analysis) Load(
        CliContext context, IReadOnlyList<string> paths, AnalysisProfile profile, bool verbose, string source, string destination, bool readAll)
    {
        if (!readAll && Focus(context, paths, profile, source, destination) is { } focus)
        {
            var partial = ClusterLoader.Load(paths, stdin: null, AnalysisInput.Options(context, profile) with { Focus = focus });
            var analysis = new Analysis(partial.Cluster, profile);
            if (Resolves(context, analysis, focus, source) && Resolves(context, analysis, focus, destination) && FocusedLoad.IsFaithful(partial, focus))
            {
                AnalysisInput.Report(context, partial, verbose);
                return (partial, analysis);
            }
        }
        var loaded = AnalysisInput.Load(context, paths, profile, verbose);
        return (loaded, new Analysis(loaded.Cluster, profile));
    }

    /// <summary>
    /// The namespaces of the two ends when both are written as workloads (<c>ns/name</c>,
    /// <c>ns/name[Kind]</c>, <c>name</c> in the default namespace) and the input is files; else null.
    /// The netpol-analyzer profile is left out: its notes speak of every pod's address.
    /// </summary>
    private static NamespaceFocus? Focus(CliContext context, IReadOnlyList<string> paths, AnalysisProfile profile, string source, string destination)
    {
        if (profile != AnalysisProfile.Default || paths.Contains("-")) return null;
        var defaultNamespace = context.DefaultNamespace ?? Namespace.Default;
        if (NamespaceOf(source, defaultNamespace) is not { } from || NamespaceOf(destination, defaultNamespace) is not { } to) return null;
        return new NamespaceFocus(ImmutableSortedSet.Create(StringComparer.Ordinal, from, to), defaultNamespace);
    }

    private static string? NamespaceOf(string text, string defaultNamespace)
    {
        if (text == IngressControllerPeer.Name || IpAddressText.TryParse(text, out _, out _)) return null;
        if (NameCanReach.IsName(text) || ServiceLookup.NamesService(text)) return null;
        var slash = text.IndexOf('/');
        var ns = slash < 0 ? defaultNamespace : text[..slash];
        return ns.Length == 0 ? null : ns;
    }

    private static bool Resolves(CliContext context, Analysis analysis, NamespaceFocus focus, string text) =>
        analysis.FindPeer(text, context.DefaultNamespace).Peer is WorkloadPeer peer && focus.Includes(peer.Workload.Namespace);
}
