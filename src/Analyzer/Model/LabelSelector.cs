using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

public enum SelectorOperator
{
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

/// <summary>
/// One requirement of a label selector. matchLabels entries become <c>In</c> with one value and
/// FromMatchLabels set, so that messages can quote the selector the way the user wrote it.
/// </summary>
public sealed record LabelRequirement(
    string Key,
    SelectorOperator Operator,
    ImmutableArray<string> Values,
    SourceSpan Span,
    bool FromMatchLabels = false)
{
    /// <summary>NotIn and DoesNotExist match when the key is absent, as in Kubernetes.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            SelectorOperator.In => present && Values.Contains(value!),
            SelectorOperator.NotIn => !present || !Values.Contains(value!),
            SelectorOperator.Exists => present,
            SelectorOperator.DoesNotExist => !present,
            _ => false,
        };
    }

    public override string ToString() => Operator switch
    {
        SelectorOperator.In when FromMatchLabels || Values.Length == 1 => $"{Key}={Values[0]}",
        SelectorOperator.In => $"{Key} in ({string.Join(",", Values)})",
        SelectorOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        SelectorOperator.Exists => Key,
        _ => $"!{Key}",
    };
}

/// <summary>
/// A Kubernetes label selector: the AND of its requirements. An empty selector (<c>{}</c>)
/// selects everything.
/// </summary>
public sealed record LabelSelector(ImmutableArray<LabelRequirement> Requirements, SourceSpan Span)
{
    public static LabelSelector Everything { get; } = new(ImmutableArray<LabelRequirement>.Empty, SourceSpan.None);

    public bool SelectsEverything => Requirements.IsDefaultOrEmpty;

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var requirement in Requirements)
        {
            if (!requirement.Matches(labels)) return false;
        }
        return true;
    }

    /// <summary>The label keys this selector looks at; pods that agree on them are indistinguishable to it.</summary>
    public IEnumerable<string> Keys => Requirements.Select(r => r.Key);

    /// <summary>The selector in kubectl's string syntax; <c>{}</c> when it selects everything.</summary>
    public override string ToString() => SelectsEverything ? "{}" : string.Join(",", Requirements);
}
