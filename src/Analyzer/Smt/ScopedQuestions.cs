using System.Collections.Concurrent;
using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
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
/// parallel, each in a Z3 context of its own; answers are keyed by rule and policy, so
/// their order never depends on scheduling. Before any solver work, the input pods answer what
/// they can (<see cref="InputPodCounterexamples"/>: a rule or policy some connection between
/// input pods needs is not redundant, for the input pods and for every pod), and a namespace
/// whose every question they settle is never encoded. Then the every-pod questions go to set
/// computation (<see cref="ExactEveryPodAnswers"/>, without cluster-scoped policies), and only
/// what it leaves to an encoding. Within a scope, the solver's questions
/// share one "allowed without it" encoding (PolicySolver.Shared.cs). Witnesses are made readable
/// only where a rule prints them (the every-pod witness of a rule that is redundant for the input
/// pods only); an answer the input pods or the sets settled carries none.
/// </summary>
public static class ScopedQuestions
{
    /// <param name="total">
    /// How long all the questions together may take (null: no limit). Questions not asked by then
    /// are answered null, unfinished, like a check over its own limit: a lint run on a cluster of
    /// any size ends in bounded time and says how much it left unproven, never silently.
    /// </param>
    /// <param name="engine">
    /// The reachability engine of <paramref name="cluster"/> under the options' profile, when the
    /// caller has one (built here otherwise): its pod classes and compiled rules answer, without
    /// the solver, the questions a connection between input pods settles (<see cref="InputPodCounterexamples"/>).
    /// </param>
    public static ScopedAnswers Ask(Cluster cluster, SmtOptions options, int? parallelism = null, TimeSpan? total = null, ReachabilityEngine? engine = null) =>
        Ask(cluster, options, parallelism, total,
            new InputPodCounterexamples(cluster, engine is { } built && built.Profile == options.Profile ? built : ReachabilityEngine.Build(cluster, options.Profile)));

    /// <summary>Every question to the solver (<paramref name="counterexamples"/> null): what the input pods settle is checked against it in the tests.</summary>
    /// <param name="exact">Answer the every-pod questions by set computation first (<see cref="ExactEveryPodAnswers"/>); false: the solver answers them all.</param>
    internal static ScopedAnswers Ask(Cluster cluster, SmtOptions options, int? parallelism, TimeSpan? total, InputPodCounterexamples? counterexamples, bool exact = true)
    {
        var fast = options with { ReadableWitnesses = false, MergeIndistinguishablePods = true };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Func<bool> overTime = () => total is { } limit && clock.Elapsed > limit;
        var groups = PolicyScope.ByNamespace(cluster);
        var byNamespace = groups.SelectMany(g => g.Policies.Select(p => (g.Namespace, Policy: p)))
            .ToLookup(p => p.Namespace, p => p.Policy, StringComparer.Ordinal);
        var wholeClusterForPolicies = PolicyScope.NeedsWholeClusterForPolicyRedundancy(cluster);
        var answers = new Collector();
        var declared = exact ? DeclaredNamespaces.Of(cluster) : null;
        var work = groups.Select(g => (Action<Z3Context>)(z3 => AskNamespace(z3, cluster, g.Namespace, g.Policies, byNamespace, fast, !wholeClusterForPolicies, counterexamples, declared, answers, overTime)))
            .Append(z3 => AskClusterScoped(z3, cluster, fast, answers, overTime));
        // One Z3 context per scope (a context is not thread-safe): a context reused scope after
        // scope would carry what the scopes before asked, which the threads' scheduling decides,
        // into the models it finds, and witnesses and covers would change from run to run.
        Parallel.ForEach(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? Environment.ProcessorCount },
            item =>
            {
                using var z3 = new Z3Context(fast.TimeoutMilliseconds);
                item(z3);
            });
        if (wholeClusterForPolicies && !cluster.NetworkPolicies.IsDefaultOrEmpty)
        {
            using var solver = PolicySolver.Create(cluster, fast);
            foreach (var policy in cluster.NetworkPolicies) AskPolicy(solver, policy, counterexamples?.NotRedundant(policy, PodScope.AnyPod), answers, overTime);
        }
        return new ScopedAnswers(
            answers.EveryPod, answers.InputPods, answers.Policies, answers.Selectors, answers.AdminRules, answers.UnfinishedCount);
    }

    /// <summary>
    /// The namespace's questions: first what the input pods settle (<see cref="InputPodCounterexamples"/>);
    /// then set computation; then, with an encoding of the scope without input pods, the every-pod questions left;
    /// last, with an encoding of the input pods, the input-pod questions that only the solver
    /// answers (a rule redundant for the input pods only, whose cover and witness redundant-rule
    /// prints). Each encoding is built only when some question needs it. <paramref name="declared"/>
    /// null: no set computation, the solver answers every every-pod question.
    /// </summary>
    private static void AskNamespace(
        Z3Context z3, Cluster cluster, string namespaceName, ImmutableArray<NetworkPolicy> policies, ILookup<string, NetworkPolicy> byNamespace,
        SmtOptions options, bool askPolicies, InputPodCounterexamples? counterexamples, DeclaredNamespaces? declared, Collector answers, Func<bool> overTime)
    {
        var rules = new List<NetworkPolicyRuleRef>();
        foreach (var rule in policies.SelectMany(RulesOf))
        {
            if (Settled(rule, counterexamples) is { } answer)
            {
                answers.Add(answers.EveryPod, rule, answer with { Scope = PodScope.AnyPod });
                if (answer.Kind == RuleRedundancyKind.NotRedundant) answers.Add(answers.InputPods, rule, answer with { Scope = PodScope.InputPods });
            }
            else
            {
                rules.Add(rule);
            }
        }
        var left = new List<NetworkPolicy>();
        foreach (var policy in askPolicies ? policies : [])
        {
            if (counterexamples?.NotRedundant(policy, PodScope.AnyPod) is { } answer) answers.Add(answers.Policies, policy, answer);
            else left.Add(policy);
        }
        if (rules.Count == 0 && left.Count == 0) return;
        var scope = PolicyScope.ForNamespace(cluster, namespaceName, byNamespace);
        var inputPodQuestions = new List<NetworkPolicyRuleRef>();
        var selectorQuestions = new List<NetworkPolicy>();
        if (declared is not null && ExactEveryPodAnswers.For(scope, namespaceName, options.Profile, declared) is { } sets)
        {
            // Set computation first: what it decides needs no every-pod encoding.
            var unanswered = new List<NetworkPolicyRuleRef>();
            foreach (var rule in rules)
            {
                if (sets.Rule(rule) is { } answer) RecordRuleForEveryPod(rule, answer, counterexamples, answers, inputPodQuestions);
                else unanswered.Add(rule);
            }
            rules = unanswered;
            var undecided = new List<NetworkPolicy>();
            foreach (var policy in left)
            {
                if (sets.Policy(policy) is { } answer) RecordPolicy(policy, answer, counterexamples, answers, selectorQuestions);
                else undecided.Add(policy);
            }
            left = undecided;
        }
        if (overTime())
        {
            // Out of time before this scope was encoded: every question of it stays unfinished,
            // the input-pod questions of what the sets answered too.
            foreach (var rule in rules) answers.Add(answers.EveryPod, rule, null);
            foreach (var policy in left) answers.Add(answers.Policies, policy, null);
            foreach (var rule in inputPodQuestions) answers.Add(answers.InputPods, rule, null);
            foreach (var policy in selectorQuestions) answers.Add(answers.Selectors, policy, null);
            return;
        }
        if (rules.Count > 0 || left.Count > 0)
        {
            using var everyPod = PolicySolver.CreateIn(z3, scope, options, share: true, inputPods: false);
            foreach (var rule in rules)
            {
                RecordRuleForEveryPod(rule, Unfinished(overTime, () => everyPod.CheckRuleRedundancy(rule.Policy, rule.Direction, rule.Index, PodScope.AnyPod)), counterexamples, answers, inputPodQuestions);
            }
            foreach (var policy in left)
            {
                RecordPolicy(policy, Unfinished(overTime, () => everyPod.CheckPolicyRedundancy(policy, PodScope.AnyPod)), counterexamples, answers, selectorQuestions);
            }
        }
        if (inputPodQuestions.Count == 0 && selectorQuestions.Count == 0) return;
        using var inputPods = PolicySolver.CreateIn(z3, scope, options, share: true);
        foreach (var rule in inputPodQuestions) AskRuleForInputPods(inputPods, rule, answers, overTime);
        foreach (var policy in selectorQuestions) answers.Add(answers.Selectors, policy, Unfinished(() => inputPods.CheckPolicySelector(policy)));
    }

    /// <summary>
    /// A rule's answer without the solver: a rule of a direction its policy does not isolate is
    /// ignored by Kubernetes, and a rule some connection between input pods needs is not redundant.
    /// </summary>
    private static RuleRedundancy? Settled(NetworkPolicyRuleRef rule, InputPodCounterexamples? counterexamples) =>
        rule.Policy.Isolates(rule.Direction)
            ? counterexamples?.NotRedundant(rule, PodScope.InputPods)
            : new RuleRedundancy(rule, PodScope.AnyPod, RuleRedundancyKind.IgnoredByPolicyTypes, [], null);

    /// <summary>
    /// Rule redundancy for every pod (from the sets or the solver), for a rule the input pods did
    /// not settle. A rule not redundant for every pod needs its input-pod answer too: the input
    /// pods give it when the rule allows nothing between them, else the solver does (the rule
    /// joins <paramref name="inputPodQuestions"/>).
    /// </summary>
    private static void RecordRuleForEveryPod(
        NetworkPolicyRuleRef rule, RuleRedundancy? everyPod, InputPodCounterexamples? counterexamples, Collector answers, List<NetworkPolicyRuleRef> inputPodQuestions)
    {
        answers.Add(answers.EveryPod, rule, everyPod);
        if (everyPod is not { Kind: RuleRedundancyKind.NotRedundant }) return;
        if (counterexamples?.AllowsNothing(rule, PodScope.InputPods) is { } nothing) answers.Add(answers.InputPods, rule, nothing);
        else inputPodQuestions.Add(rule);
    }

    /// <summary>A policy's every-pod answer; for a redundant one, whether its podSelector matches input pods (else a solver question).</summary>
    private static void RecordPolicy(
        NetworkPolicy policy, PolicyRedundancy? answer, InputPodCounterexamples? counterexamples, Collector answers, List<NetworkPolicy> selectorQuestions)
    {
        answers.Add(answers.Policies, policy, answer);
        if (answer is not { IsRedundant: true }) return;
        if (counterexamples?.SelectsInputPods(policy) is { } selects) answers.Add(answers.Selectors, policy, selects);
        else selectorQuestions.Add(policy);
    }

    /// <summary>
    /// The input-pod answer of a rule not redundant for every pod; for a rule covered for the
    /// input pods, which redundant-rule prints, the every-pod witness again, made readable.
    /// </summary>
    private static void AskRuleForInputPods(PolicySolver solver, NetworkPolicyRuleRef rule, Collector answers, Func<bool> overTime)
    {
        var inputPods = Unfinished(overTime, () => solver.CheckRuleRedundancy(rule.Policy, rule.Direction, rule.Index, PodScope.InputPods));
        answers.Add(answers.InputPods, rule, inputPods);
        if (inputPods is not { Kind: RuleRedundancyKind.Covered }) return;
        solver.ReadableWitnesses = true;
        if (Unfinished(() => solver.CheckRuleRedundancy(rule.Policy, rule.Direction, rule.Index, PodScope.AnyPod)) is { } readable)
        {
            answers.EveryPod[rule] = readable;
        }
        else if (answers.EveryPod[rule] is { Witness: null })
        {
            // The sets' answer carries no witness, and the finding needs one: unfinished.
            answers.Add(answers.EveryPod, rule, null);
        }
        solver.ReadableWitnesses = false;
    }

    /// <summary>
    /// Policy redundancy over the whole cluster (with a BaselineAdminNetworkPolicy, see
    /// <see cref="PolicyScope"/>); <paramref name="settled"/>: the input pods' answer, if any. For
    /// a redundant policy, whether its podSelector can match at all (redundant-policy leaves
    /// those to policy-selects-nothing).
    /// </summary>
    private static void AskPolicy(PolicySolver solver, NetworkPolicy policy, PolicyRedundancy? settled, Collector answers, Func<bool> overTime)
    {
        var answer = settled ?? Unfinished(overTime, () => solver.CheckPolicyRedundancy(policy, PodScope.AnyPod));
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
