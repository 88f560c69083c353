using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// Pod classes by label: for a pod selector with an In requirement (matchLabels included),
/// the classes carrying one of its values, so a selector is tested on those only.
/// </summary>
internal sealed class ClassLabelIndex
{
    private readonly Dictionary<(string Key, string Value), List<int>> _byLabel = [];

    public ClassLabelIndex(PodClasses classes)
    {
        foreach (var podClass in classes.All)
        {
            foreach (var (key, value) in podClass.Labels)
            {
                if (!_byLabel.TryGetValue((key, value), out var list)) _byLabel[(key, value)] = list = [];
                list.Add(podClass.Index);
            }
        }
    }

    /// <summary>A superset of the classes whose labels the selector matches, or null when it has no In requirement to narrow by.</summary>
    public IReadOnlyList<int>? Candidates(LabelSelector selector)
    {
        foreach (var requirement in selector.Requirements.IsDefault ? [] : selector.Requirements)
        {
            if (requirement.Operator != SelectorOperator.In) continue;
            if (requirement.Values.Length == 1) return _byLabel.GetValueOrDefault((requirement.Key, requirement.Values[0])) ?? [];
            return [.. requirement.Values.SelectMany(v => _byLabel.GetValueOrDefault((requirement.Key, v)) ?? []).Distinct()];
        }
        return null;
    }
}
