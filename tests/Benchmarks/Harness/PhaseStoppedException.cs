namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// A measured call could not finish: it ran longer than the run's budget (--budget), or ran out
/// of memory. The run stops there rather than report a figure for it.
/// </summary>
internal sealed class PhaseStoppedException(string phase, string reason) : Exception($"{phase}: {reason}")
{
    public string Phase { get; } = phase;

    public string Reason { get; } = reason;
}
