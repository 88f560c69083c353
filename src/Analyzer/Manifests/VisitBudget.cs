namespace PolicyLint.Analyzer.Manifests;

/// <summary>
/// Bounds how many nodes a reader may visit for one object. Aliases make a document a DAG
/// whose unfolding can be exponential in its size (the "billion laughs" file); every reader
/// that walks nodes charges this budget, so such input fails fast with a clear message
/// instead of taking time and memory without end.
/// </summary>
public sealed class VisitBudget
{
    /// <summary>Far above what any real object needs (a large Pod visits a few thousand nodes).</summary>
    public const int DefaultLimit = 1_000_000;

    private int _remaining;

    public VisitBudget(int limit = DefaultLimit)
    {
        Limit = limit;
        _remaining = limit;
    }

    public int Limit { get; }

    public void Reset() => _remaining = Limit;

    /// <summary>Charges one visit of <paramref name="node"/>.</summary>
    /// <exception cref="VisitBudgetExceededException">when the budget is spent.</exception>
    public void Charge(YamlNode node)
    {
        if (--_remaining < 0) throw new VisitBudgetExceededException(node, Limit);
    }
}

/// <summary>Thrown (only on hostile input) when a <see cref="VisitBudget"/> is spent.</summary>
public sealed class VisitBudgetExceededException(YamlNode node, int limit)
    : Exception($"aliases expand to more than {limit} nodes; refusing to expand them (a YAML bomb?)")
{
    public YamlNode Node { get; } = node;
}
