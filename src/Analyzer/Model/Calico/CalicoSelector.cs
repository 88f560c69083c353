using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// A selector of Calico's label expression language (docs/calico.md, "Selectors"), parsed by
/// <see cref="CalicoSelectorParser"/>. Matches is evaluated against a label lookup, so the same
/// expression serves endpoints (pod labels plus the labels Calico adds), namespaces and
/// service accounts. Text is the normalised expression: two selectors with the same Text match alike.
/// </summary>
public abstract record CalicoSelector
{
    /// <summary>Whether a resource whose labels <paramref name="label"/> looks up (null: no such label) is selected.</summary>
    public abstract bool Matches(Func<string, string?> label);

    /// <summary>Every label key the expression reads.</summary>
    public abstract IEnumerable<string> Keys { get; }

    /// <summary>The expression, fully parenthesised where operators combine.</summary>
    public abstract string Text { get; }

    /// <summary>Whether the expression contains <c>global()</c>, which only non-namespaced resources match.</summary>
    public virtual bool NamesGlobal => false;

    public sealed override string ToString() => Text;

    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        Matches(key => labels.TryGetValue(key, out var value) ? value : null);

    internal static string Quote(string value) => "'" + value + "'";
}

/// <summary><c>all()</c>: every in-scope resource.</summary>
public sealed record CalicoAll : CalicoSelector
{
    public static CalicoAll Instance { get; } = new();

    public override bool Matches(Func<string, string?> label) => true;

    public override IEnumerable<string> Keys => [];

    public override string Text => "all()";
}

/// <summary><c>global()</c>: every non-namespaced resource (network sets, host endpoints); never a pod.</summary>
public sealed record CalicoGlobal : CalicoSelector
{
    public override bool Matches(Func<string, string?> label) => false;

    public override IEnumerable<string> Keys => [];

    public override string Text => "global()";

    public override bool NamesGlobal => true;
}

/// <summary><c>has(k)</c>: the label is present, whatever its value.</summary>
public sealed record CalicoHas(string Key) : CalicoSelector
{
    public override bool Matches(Func<string, string?> label) => label(Key) is not null;

    public override IEnumerable<string> Keys => [Key];

    public override string Text => $"has({Key})";
}

/// <summary>The comparisons of a label with values: <c>==</c>, <c>!=</c>, <c>in</c>, <c>not in</c>, <c>contains</c>, <c>starts with</c>, <c>ends with</c>.</summary>
public enum CalicoComparison
{
    Equal,
    NotEqual,
    In,
    NotIn,
    Contains,
    StartsWith,
    EndsWith,
}

/// <summary>
/// A label compared with values. "k != 'v'" and "k not in {...}" also match a resource without
/// the label (Calico's documentation: "Matches resources without label 'k' or with label 'k'
/// and value not equal to v"); the others need the label.
/// </summary>
public sealed record CalicoLabelTest(string Key, CalicoComparison Comparison, ImmutableArray<string> Values) : CalicoSelector
{
    public override bool Matches(Func<string, string?> label)
    {
        var value = label(Key);
        return Comparison switch
        {
            CalicoComparison.Equal => value == Values[0],
            CalicoComparison.NotEqual => value != Values[0],
            CalicoComparison.In => value is not null && Values.Contains(value),
            CalicoComparison.NotIn => value is null || !Values.Contains(value),
            CalicoComparison.Contains => value is not null && value.Contains(Values[0], StringComparison.Ordinal),
            CalicoComparison.StartsWith => value is not null && value.StartsWith(Values[0], StringComparison.Ordinal),
            _ => value is not null && value.EndsWith(Values[0], StringComparison.Ordinal),
        };
    }

    public override IEnumerable<string> Keys => [Key];

    public override string Text => Comparison switch
    {
        CalicoComparison.Equal => $"{Key} == {Quote(Values[0])}",
        CalicoComparison.NotEqual => $"{Key} != {Quote(Values[0])}",
        CalicoComparison.In => $"{Key} in {{{string.Join(", ", Values.Select(Quote))}}}",
        CalicoComparison.NotIn => $"{Key} not in {{{string.Join(", ", Values.Select(Quote))}}}",
        CalicoComparison.Contains => $"{Key} contains {Quote(Values[0])}",
        CalicoComparison.StartsWith => $"{Key} starts with {Quote(Values[0])}",
        _ => $"{Key} ends with {Quote(Values[0])}",
    };
}

/// <summary><c>!e</c>.</summary>
public sealed record CalicoNot(CalicoSelector Operand) : CalicoSelector
{
    public override bool Matches(Func<string, string?> label) => !Operand.Matches(label);

    public override IEnumerable<string> Keys => Operand.Keys;

    public override string Text => $"!{Operand.Text}";

    public override bool NamesGlobal => Operand.NamesGlobal;
}

/// <summary><c>a &amp;&amp; b</c>.</summary>
public sealed record CalicoAnd(CalicoSelector Left, CalicoSelector Right) : CalicoSelector
{
    public override bool Matches(Func<string, string?> label) => Left.Matches(label) && Right.Matches(label);

    public override IEnumerable<string> Keys => Left.Keys.Concat(Right.Keys);

    public override string Text => $"({Left.Text} && {Right.Text})";

    public override bool NamesGlobal => Left.NamesGlobal || Right.NamesGlobal;
}

/// <summary><c>a || b</c>.</summary>
public sealed record CalicoOr(CalicoSelector Left, CalicoSelector Right) : CalicoSelector
{
    public override bool Matches(Func<string, string?> label) => Left.Matches(label) || Right.Matches(label);

    public override IEnumerable<string> Keys => Left.Keys.Concat(Right.Keys);

    public override string Text => $"({Left.Text} || {Right.Text})";

    public override bool NamesGlobal => Left.NamesGlobal || Right.NamesGlobal;
}
