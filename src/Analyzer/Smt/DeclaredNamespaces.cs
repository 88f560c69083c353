using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// A cluster's declared namespaces as <see cref="ExactSemantics"/> reads them, gathered once
/// for all the namespaces' questions: each name's labels (the last declaration winning, as in
/// PolicySemantics.NamespaceLabel), and the namespaces grouped by their labels other than
/// kubernetes.io/metadata.name. A namespace no policy names is told apart only by those labels,
/// so a scope needs one representative per group (often a few dozen groups for hundreds of
/// namespaces) instead of reading every namespace again.
/// </summary>
internal sealed class DeclaredNamespaces
{
    private DeclaredNamespaces(IReadOnlyDictionary<string, Labels> byName, ImmutableArray<(Labels Labels, ImmutableArray<string> Names)> groups)
    {
        ByName = byName;
        Groups = groups;
    }

    public IReadOnlyDictionary<string, Labels> ByName { get; }

    /// <summary>Labels without kubernetes.io/metadata.name, and the namespaces that have them, in order of first declaration.</summary>
    public ImmutableArray<(Labels Labels, ImmutableArray<string> Names)> Groups { get; }

    public static DeclaredNamespaces Of(Cluster cluster)
    {
        var byName = new Dictionary<string, Labels>(StringComparer.Ordinal);
        var groups = new Dictionary<Labels, List<string>>();
        var order = new List<Labels>();
        foreach (var ns in cluster.Namespaces.IsDefault ? [] : cluster.Namespaces)
        {
            byName[ns.Name] = ns.Labels;
            var labels = Labels.Of(ns.Labels.Where(l => l.Key != Namespace.NameLabel));
            if (!groups.TryGetValue(labels, out var names))
            {
                names = [];
                groups[labels] = names;
                order.Add(labels);
            }
            names.Add(ns.Name);
        }
        return new DeclaredNamespaces(byName, [.. order.Select(l => (l, groups[l].ToImmutableArray()))]);
    }
}
