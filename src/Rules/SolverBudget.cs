using System.Diagnostics;

namespace PolicyLint.Rules;

/// <summary>
/// How much SMT solving one rule may do in a lint run. Each question takes tens of milliseconds
/// on a cluster of a few hundred policies, and building the encoding alone grows with the
/// number of policies, so:
/// <list type="bullet">
/// <item>inputs with more than <see cref="MaxPolicies"/> policies (NetworkPolicies and cluster
/// policies together) are not given to the solver at all (<see cref="IsAffordable"/>): the
/// redundancy rules do not run, and the selects-nothing rules keep their input-only message;</item>
/// <item>below that, a rule stops asking after <see cref="PerRule"/> and reports what it found
/// so far, in input order.</item>
/// </list>
/// Whatever was not checked is not reported: the budget costs findings, never adds a wrong one.
/// </summary>
public sealed class SolverBudget
{
    public const int MaxPolicies = 1000;

    public static readonly TimeSpan PerRule = TimeSpan.FromSeconds(5);

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public bool IsSpent => _clock.Elapsed >= PerRule;

    public static bool IsAffordable(LintContext context) =>
        context.Cluster.NetworkPolicies.Length + context.Cluster.AdminPolicies.Length <= MaxPolicies;
}
