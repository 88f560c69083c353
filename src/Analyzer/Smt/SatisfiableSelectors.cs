using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// The selector questions (<see cref="SelectorQuestions"/>) the input answers without the
/// solver: a selector that some pod could match, shown by a namespace of the input the namespace
/// part matches (or the named namespace, which any pod may run in) and pod-label requirements
/// that do not contradict each other, gets its verdict from the input pods (one matches, or none
/// does). It never answers "unsatisfiable": what it cannot show satisfiable goes to the solver,
/// and <c>ScopedQuestionsTests</c> compares every verdict with the solver's on random clusters.
/// Answers carry no example pods (the lint rules read the verdict only).
/// </summary>
internal static class SatisfiableSelectors
{
    public static SelectorSatisfiability? Answer(Cluster cluster, string? namespaceName, LabelSelector? namespaceSelector, LabelSelector? podSelector)
    {
        if (podSelector is not null && !SomeLabelsMatch(podSelector)) return null;
        var labelsOf = cluster.Namespaces.GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Labels, StringComparer.Ordinal);
        bool InNamespace(string name) =>
            (namespaceName is null || name == namespaceName)
            && (namespaceSelector is null || (labelsOf.TryGetValue(name, out var labels) && namespaceSelector.Matches(labels)));
        // A named namespace may hold any pod; a namespace selector is shown satisfiable by an input namespace only.
        if (namespaceName is null && namespaceSelector is not null && !labelsOf.Keys.Any(InNamespace)) return null;
        var inputPodMatches = cluster.Workloads
            .Where(w => InNamespace(w.Namespace))
            .SelectMany(w => w.Pods)
            .Any(p => podSelector?.Matches(p.Labels) ?? true);
        return new SelectorSatisfiability(inputPodMatches ? SelectorVerdict.MatchesInputPods : SelectorVerdict.MatchesNoInputPod, null, null);
    }

    /// <summary>
    /// Whether some label set matches every requirement (Kubernetes label selectors: In needs the
    /// key with one of the values, NotIn the key absent or with another value, Exists the key,
    /// DoesNotExist its absence): per key, In and Exists against DoesNotExist, and the In value
    /// lists' common values minus every NotIn value.
    /// </summary>
    private static bool SomeLabelsMatch(LabelSelector selector)
    {
        foreach (var key in (selector.Requirements.IsDefault ? [] : selector.Requirements).GroupBy(r => r.Key, StringComparer.Ordinal))
        {
            var present = key.Any(r => r.Operator is SelectorOperator.In or SelectorOperator.Exists);
            if (present && key.Any(r => r.Operator == SelectorOperator.DoesNotExist)) return false;
            var values = (HashSet<string>?)null;
            foreach (var requirement in key.Where(r => r.Operator == SelectorOperator.In))
            {
                var these = requirement.Values.IsDefault ? [] : requirement.Values;
                if (values is null) values = new HashSet<string>(these, StringComparer.Ordinal);
                else values.IntersectWith(these);
            }
            if (values is null) continue;
            foreach (var requirement in key.Where(r => r.Operator == SelectorOperator.NotIn)) values.ExceptWith(requirement.Values.IsDefault ? [] : requirement.Values);
            if (values.Count == 0) return false;
        }
        return true;
    }
}
