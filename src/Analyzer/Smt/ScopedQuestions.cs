using System.Collections.Concurrent;
using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt.Native;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// Every answer the solver-backed lint rules need, for a cluster of any size: whether each
/// NetworkPolicy rule is redundant (for every possible pod, and for the input pods when it is
/// not), whether each NetworkPolicy is redundant (and, for a redundant one, whether its
/// podSelector can match any pod), and whether each cluster policy rule is shadowed. A null
/// answer is a question the solver did not finish within its time limit.
/// </summary>
public sealed record ScopedAnswers(
    IReadOnlyDictionary<NetworkPolicyRuleRef, RuleRedundancy?> RulesForEveryPod,
    IReadOnlyDictionary<NetworkPolicyRuleRef, RuleRedundancy?> RulesForInputPods,
    IReadOnlyDictionary<NetworkPolicy, PolicyRedundancy?> Policies,
    IReadOnlyDictionary<NetworkPolicy, SelectorSatisfiability?> RedundantPolicySelectors,
    IReadOnlyDictionary<AdminRuleRef, AdminRuleShadowing?> AdminRules,
    int Unfinished);

/// <summary>
/// Asks the lint rules' solver questions scope by scope (<see cref="PolicyScope"/>): one
/// <see cref="PolicySolver"/> per namespace holding NetworkPolicies, plus one for the
/// cluster-scoped policies, each asked all of its questions incrementally (push, check, pop)
/// and disposed before the next, so memory stays that of one scope per thread. Scopes run in
/// parallel, one Z3 context per scope and thread; answers are keyed by rule and policy, so
/// their order never depends on scheduling. Within a scope, the questions share one "allowed
/// without it" encoding (PolicySolver.Shared.cs), and a rule's input-pod question goes first
/// (it settles the every-pod one for most rules, see AskRule). Witnesses are made readable only
/// where a rule prints them (the every-pod witness of a rule that is redundant for the input
/// pods only).
/// </summary>
public static class ScopedQuestions
{
    /// <param name="total">
    /// How long all the questions together may take (null: no limit). Questions not asked by then
    /// are answered null, unfinished, like a check over its own limit: a lint run on a cluster of
    /// any size ends in bounded time and says how much it left unproven, never silently.
    /// </param>
    public static ScopedAnswers Ask(Cluster cluster, SmtOptions options, int? parallelism = null, TimeSpan? total = null)
    {
        var fast = options with { ReadableWitnesses = false, MergeIndistinguishablePods = true };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Func<bool> overTime = () => total is { } limit && clock.Elapsed > limit;
        var groups = PolicyScope.ByNamespace(cluster);
        var byNamespace = groups.SelectMany(g => g.Policies.Select(p => (g.Namespace, Policy: p)))
            .ToLookup(p => p.Namespace, p => p.Policy, StringComparer.Ordinal);
        var wholeClusterForPolicies = PolicyScope.NeedsWholeClusterForPolicyRedundancy(cluster);
        var answers = new Collector();
        var work = groups.Select(g => (Action<Z3Context>)(z3 => AskNamespace(z3, cluster, g.Namespace, g.Policies, byNamespace, fast, !wholeClusterForPolicies, answers, overTime)))
            .Append(z3 => AskClusterScoped(z3, cluster, fast, answers, overTime));
        // One Z3 context per worker, reused scope after scope (a context is not thread-safe).
        Parallel.ForEach(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? Environment.ProcessorCount },
            () => new Z3Context(fast.TimeoutMilliseconds),
            (item, _, z3) =>
            {
                item(z3);
                return z3;
            },
            z3 => z3.Dispose());
        if (wholeClusterForPolicies && !cluster.NetworkPolicies.IsDefaultOrEmpty)
        {
            using var solver = PolicySolver.Create(cluster, fast);
            foreach (var policy in cluster.NetworkPolicies) AskPolicy(solver, policy, answers, overTime);
        }
        return new ScopedAnswers(
            answers.EveryPod, answers.InputPods, answers.Policies, answers.Selectors, answers.AdminRules, answers.UnfinishedCount);
    }

    private static void AskNamespace(
        Z3Context z3, Cluster cluster, string namespaceName, ImmutableArray<NetworkPolicy> policies, ILookup<string, NetworkPolicy> byNamespace,
        SmtOptions options, bool askPolicies, Collector answers, Func<bool> overTime)
    {
        var rules = policies.SelectMany(RulesOf).ToList();
        if (overTime())
        {
            // Out of time before this scope was encoded: every question of it stays unfinished.
            foreach (var rule in rules) answers.Add(answers.EveryPod, rule, null);
            if (askPolicies) foreach (var policy in policies) answers.Add(answers.Policies, policy, null);
            return;
        }
        using var solver = PolicySolver.CreateIn(z3, PolicyScope.ForNamespace(cluster, namespaceName, byNamespace), options, share: true);
        foreach (var rule in rules) AskRule(solver, rule, answers, overTime);
        if (!askPolicies) return;
        foreach (var policy in policies) AskPolicy(solver, policy, answers, overTime);
    }

    /// <summary>
    /// Rule redundancy for every pod, and for the input pods when the rule is not redundant for
    /// every pod. The input-pod question goes first: the input pods are some of the pods that
    /// could exist, so a connection only the rule allows between input pods is one for every pod
    /// as well, and for most rules that one answer settles both. The every-pod question is asked
    /// only when the input pods do not settle it.
    /// </summary>
    private static void AskRule(PolicySolver solver, NetworkPolicyRuleRef rule, Collector answers, Func<bool> overTime)
    {
        var inputPods = Unfinished(overTime, () => solver.CheckRuleRedundancy(rule.Policy, rule.Direction, rule.Index, PodScope.InputPods));
        if (inputPods is { Kind: RuleRedundancyKind.NotRedundant })
        {
            answers.Add(answers.EveryPod, rule, inputPods with { Scope = PodScope.AnyPod });
            answers.Add(answers.InputPods, rule, inputPods);
            return;
        }
        var everyPod = Unfinished(overTime, () => solver.CheckRuleRedundancy(rule.Policy, rule.Direction, rule.Index, PodScope.AnyPod));
        answers.Add(answers.EveryPod, rule, everyPod);
        if (everyPod is not { Kind: RuleRedundancyKind.NotRedundant }) return;
        answers.Add(answers.InputPods, rule, inputPods);
        if (inputPods is { Kind: RuleRedundancyKind.Covered })
        {
            // Printed by redundant-rule: ask again for a witness a reader can follow.
            solver.ReadableWitnesses = true;
            answers.EveryPod[rule] = Unfinished(() => solver.CheckRuleRedundancy(rule.Policy, rule.Direction, rule.Index, PodScope.AnyPod)) ?? everyPod;
            solver.ReadableWitnesses = false;
        }
    }

    /// <summary>Policy redundancy; for a redundant policy, whether its podSelector can match at all (redundant-policy leaves those to policy-selects-nothing).</summary>
    private static void AskPolicy(PolicySolver solver, NetworkPolicy policy, Collector answers, Func<bool> overTime)
    {
        var answer = Unfinished(overTime, () => solver.CheckPolicyRedundancy(policy, PodScope.AnyPod));
        answers.Add(answers.Policies, policy, answer);
        if (answer is { IsRedundant: true }) answers.Add(answers.Selectors, policy, Unfinished(() => solver.CheckPolicySelector(policy)));
    }

    private static void AskClusterScoped(Z3Context z3, Cluster cluster, SmtOptions options, Collector answers, Func<bool> overTime)
    {
        if (cluster.AdminPolicies.IsEmpty) return;
        using var solver = PolicySolver.CreateIn(z3, PolicyScope.ForClusterScopedPolicies(cluster), options);
        foreach (var policy in cluster.AdminPolicies)
        {
            foreach (var direction in Directions)
            {
                for (var i = 0; i < policy.Rules(direction).Length; i++)
                {
                    var index = i;
                    answers.Add(answers.AdminRules, new AdminRuleRef(policy, direction, index),
                        Unfinished(overTime, () => solver.CheckAdminRuleShadowing(policy, direction, index, PodScope.AnyPod)));
                }
            }
        }
    }

    private static readonly PolicyDirections[] Directions = [PolicyDirections.Ingress, PolicyDirections.Egress];

    private static IEnumerable<NetworkPolicyRuleRef> RulesOf(NetworkPolicy policy)
    {
        foreach (var direction in Directions)
        {
            for (var i = 0; i < policy.Rules(direction).Length; i++) yield return new NetworkPolicyRuleRef(policy, direction, i);
        }
    }

    /// <summary>A question asked after the total time ran out is not asked: unfinished (null).</summary>
    private static T? Unfinished<T>(Func<bool> overTime, Func<T> ask) where T : class => overTime() ? null : Unfinished(ask);

    /// <summary>A check over the time limit is an unfinished question (null), never a wrong answer.</summary>
    private static T? Unfinished<T>(Func<T> ask) where T : class
    {
        try
        {
            return ask();
        }
        catch (Z3Exception e) when (e.Message.Contains("could not decide", StringComparison.Ordinal))
        {
            return null;
        }
    }

    /// <summary>Answers from every thread; counts the unfinished ones.</summary>
    private sealed class Collector
    {
        private int _unfinished;

        public ConcurrentDictionary<NetworkPolicyRuleRef, RuleRedundancy?> EveryPod { get; } = new();
        public ConcurrentDictionary<NetworkPolicyRuleRef, RuleRedundancy?> InputPods { get; } = new();
        public ConcurrentDictionary<NetworkPolicy, PolicyRedundancy?> Policies { get; } = new(ReferenceEqualityComparer.Instance);
        public ConcurrentDictionary<NetworkPolicy, SelectorSatisfiability?> Selectors { get; } = new(ReferenceEqualityComparer.Instance);
        public ConcurrentDictionary<AdminRuleRef, AdminRuleShadowing?> AdminRules { get; } = new();

        public int UnfinishedCount => _unfinished;

        public void Add<TKey, TValue>(ConcurrentDictionary<TKey, TValue?> answers, TKey key, TValue? answer)
            where TKey : notnull where TValue : class
        {
            answers[key] = answer;
            if (answer is null) Interlocked.Increment(ref _unfinished);
        }
    }
}
