using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// The namespaces that hold pod classes, with their labels, indexed by label so that a
/// selector with an In requirement (matchLabels included) only looks at the namespaces that
/// carry one of its values, not at every namespace of the cluster.
/// </summary>
internal sealed class NamespaceIndex
{
    private readonly List<NamespaceClasses> _all = [];
    private readonly Dictionary<(string Key, string Value), List<NamespaceClasses>> _byLabel = [];

    public NamespaceIndex(PodClasses classes)
    {
        foreach (var (name, members) in classes.ByNamespace)
        {
            var entry = new NamespaceClasses(classes.NamespaceLabels(name), [.. members]);
            _all.Add(entry);
            foreach (var (key, value) in entry.Labels)
            {
                if (!_byLabel.TryGetValue((key, value), out var list)) _byLabel[(key, value)] = list = [];
                list.Add(entry);
            }
        }
    }

    /// <summary>A superset of the namespaces the selector matches (callers still test each).</summary>
    public IEnumerable<NamespaceClasses> Candidates(LabelSelector selector)
    {
        foreach (var requirement in selector.Requirements.IsDefault ? [] : selector.Requirements)
        {
            if (requirement.Operator != SelectorOperator.In) continue;
            return requirement.Values.SelectMany(v => _byLabel.GetValueOrDefault((requirement.Key, v)) ?? []).Distinct();
        }
        return _all;
    }
}

internal sealed record NamespaceClasses(Labels Labels, int[] Classes);
