namespace PolicyLint.Analyzer.Manifests;

/// <summary>
/// Bounds how many nodes readers may visit. Aliases make a document a DAG whose unfolding can
/// be exponential in its size (the "billion laughs" file); every reader that walks nodes
/// charges this budget, so such input fails fast with a clear message instead of taking time
/// and memory without end. Two limits: per object (<see cref="Limit"/>, reset for each object),
/// and for the whole load, which grows by <see cref="VisitsPerCharacter"/> for every character
/// read, so that many objects sharing one large aliased node cannot add up to more work than
/// the input's size allows either.
/// </summary>
public sealed class VisitBudget
{
    /// <summary>Far above what any real object needs (a large Pod visits a few thousand nodes).</summary>
    public const int DefaultLimit = 1_000_000;

    /// <summary>Without aliases a node is visited once or twice; this leaves a wide margin.</summary>
    public const int VisitsPerCharacter = 32;

    private int _remaining;
    private long _inputRemaining = DefaultLimit;

    public VisitBudget(int limit = DefaultLimit)
    {
        Limit = limit;
        _remaining = limit;
    }

    public int Limit { get; }

    /// <summary>Starts a new object: the per-object limit applies afresh.</summary>
    public void Reset() => _remaining = Limit;

    /// <summary>Widens the load-wide limit for <paramref name="characters"/> more characters of input read.</summary>
    public void GrantForInput(long characters) => _inputRemaining += characters * VisitsPerCharacter;

    /// <summary>Charges one visit of <paramref name="node"/>.</summary>
    /// <exception cref="VisitBudgetExceededException">when either limit is spent.</exception>
    public void Charge(YamlNode node)
    {
        if (--_remaining < 0)
        {
            throw new VisitBudgetExceededException(node, PerObject: true,
                $"aliases expand to more than {Limit} nodes; refusing to expand them (a YAML bomb?)");
        }
        if (--_inputRemaining < 0)
        {
            throw new VisitBudgetExceededException(node, PerObject: false,
                $"aliases expand to more than {VisitsPerCharacter} nodes per character of input; refusing to expand them (a YAML bomb?)");
        }
    }
}

/// <summary>Thrown (only on hostile input) when a <see cref="VisitBudget"/> is spent.</summary>
public sealed class VisitBudgetExceededException(YamlNode node, bool PerObject, string message) : Exception(message)
{
    public YamlNode Node { get; } = node;

    /// <summary>False when the load-wide limit was hit: the rest of the file is not worth reading.</summary>
    public bool PerObject { get; } = PerObject;
}
