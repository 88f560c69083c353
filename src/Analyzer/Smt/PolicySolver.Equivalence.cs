namespace PolicyLint.Analyzer.Smt;

public sealed partial class PolicySolver
{
    /// <summary>
    /// For an encoding made by <see cref="CreateComparison"/>: do both clusters' NetworkPolicies
    /// allow exactly the same connections, for every pod in <paramref name="scope"/> (input pods
    /// are those of the first cluster)? The witness's namespace labels are the first cluster's.
    /// </summary>
    public PolicySetEquivalence CheckEquivalence(PodScope scope = PodScope.AnyPod) => CheckEquivalence(scope, []);

    /// <summary>
    /// As <see cref="CheckEquivalence(PodScope)"/>, for pods outside the namespaces
    /// <paramref name="podsNotIn"/> only (each must be in the vocabulary, as a declared
    /// namespace's or by an extra selector; see <see cref="ComparisonScope"/>).
    /// </summary>
    public PolicySetEquivalence CheckEquivalence(PodScope scope, IReadOnlyCollection<string> podsNotIn)
    {
        if (_worlds.Length < 2) throw new InvalidOperationException("Equivalence needs an encoding made by CreateComparison.");
        using var terms = _z3.OpenScope();
        var (before, after) = (_allowed[0], _allowed[1]);
        var outside = new[] { _connection.Source, _connection.Destination }
            .Select(e => _z3.Implies(e.IsPod, _z3.Not(_z3.Or([.. podsNotIn.Select(ns => _semantics.InNamespace(e, ns))]))));
        var difference = Solve(
            [InScope(scope), _z3.Xor(before, after), .. podsNotIn.Count == 0 ? [] : outside],
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
