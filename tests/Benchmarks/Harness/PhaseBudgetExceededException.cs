namespace PolicyLint.Benchmarks.Harness;

/// <summary>A measured call ran longer than the run's budget (--budget).</summary>
internal sealed class PhaseBudgetExceededException(string phase) : Exception($"{phase} ran past the budget")
{
    public string Phase { get; } = phase;
}
