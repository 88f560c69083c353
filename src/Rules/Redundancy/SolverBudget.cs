using System.Diagnostics;

namespace PolicyLint.Rules.Redundancy;

/// <summary>
/// How long one SMT-backed rule may spend asking the solver in a lint run. Each question takes
/// tens of milliseconds on a cluster of a few hundred policies, so a rule that asks one per
/// NetworkPolicy rule would take minutes on large inputs; past the budget the rule stops asking
/// and reports what it found so far (in input order). Whatever was not checked is not
/// reported: the budget costs findings, never adds a wrong one. Small inputs finish well within it.
/// </summary>
public sealed class SolverBudget
{
    public static readonly TimeSpan PerRule = TimeSpan.FromSeconds(5);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _limit;

    public SolverBudget(TimeSpan? limit = null) => _limit = limit ?? PerRule;

    public bool IsSpent => _clock.Elapsed >= _limit;
}
