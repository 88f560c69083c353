namespace PolicyLint.Analyzer.Smt;

public sealed partial class PolicySolver
{
    /// <summary>
    /// For an encoding made by <see cref="CreateComparison"/>: do both clusters' NetworkPolicies
    /// allow exactly the same connections, for every pod in <paramref name="scope"/> (input pods
    /// are those of the first cluster)? The witness's namespace labels are the first cluster's.
    /// </summary>
    public PolicySetEquivalence CheckEquivalence(PodScope scope = PodScope.AnyPod)
    {
        if (_worlds.Length < 2) throw new InvalidOperationException("Equivalence needs an encoding made by CreateComparison.");
        using var terms = _z3.OpenScope();
        var (before, after) = (_allowed[0], _allowed[1]);
        var difference = Solve(
            [InScope(scope), _z3.Xor(before, after)],
            m => Tuple.Create(_witnesses.Connection(m, _connection, 0), m.EvaluateBool(before), m.EvaluateBool(after)));
        return difference is null
            ? new PolicySetEquivalence(true, null, false, false)
            : new PolicySetEquivalence(false, difference.Item1, difference.Item2, difference.Item3);
    }

    /// <summary>Builds the comparison encoding, checks, and disposes it.</summary>
    public static PolicySetEquivalence CheckEquivalence(Model.Cluster before, Model.Cluster after, SmtOptions? options = null, PodScope scope = PodScope.AnyPod)
    {
        using var encoding = CreateComparison(before, after, options);
        return encoding.CheckEquivalence(scope);
    }
}
