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
/// they can (<see cref="InputPodCounterexamples"/>): every rule's input-pod question, exactly
/// (a rule some connection between input pods needs is not redundant for every pod either), and
/// the policies some pod or connection shows not redundant; a namespace whose every question
/// they settle is never encoded. Within a scope, the solver's questions
/// share one "allowed without it" encoding (PolicySolver.Shared.cs). Witnesses are made readable
/// only where a rule prints them (the every-pod witness of a rule that is redundant for the input
/// pods only); an answer the input pods settled carries none.
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
    /// caller has one (built here otherwise; a namespace-scoped engine lacks the other namespaces'
    /// pod classes, so it is not used): its pod classes and compiled rules answer, without
    /// the solver, every rule's input-pod question and the policy questions one pod or connection
    /// settles (<see cref="InputPodCounterexamples"/>).
    /// </param>
    public static ScopedAnswers Ask(Cluster cluster, SmtOptions options, int? parallelism = null, TimeSpan? total = null, ReachabilityEngine? engine = null) =>
        Ask(cluster, options, parallelism, total,
            new InputPodCounterexamples(cluster, engine is { Scope: null } built && built.Profile == options.Profile ? built : ReachabilityEngine.Build(cluster, options.Profile)));

    /// <summary>Every question to the solver (<paramref name="counterexamples"/> null): what the input pods settle is checked against it in the tests.</summary>
    internal static ScopedAnswers Ask(Cluster cluster, SmtOptions options, int? parallelism, TimeSpan? total, InputPodCounterexamples? counterexamples)
    {
        var fast = options with { ReadableWitnesses = false, MergeIndistinguishablePods = true };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Func<bool> overTime = () => total is { } limit && clock.Elapsed > limit;
        var groups = PolicyScope.ByNamespace(cluster);
        var byNamespace = groups.SelectMany(g => g.Policies.Select(p => (g.Namespace, Policy: p)))
            .ToLookup(p => p.Namespace, p => p.Policy, StringComparer.Ordinal);
        var wholeClusterForPolicies = PolicyScope.NeedsWholeClusterForPolicyRedundancy(cluster);
        var answers = new Collector();
        var workloads = new NamespaceWorkloads(cluster);
        var work = groups.Select(g => (Action<Func<Z3Context>>)(z3 => AskNamespace(z3, cluster, g.Namespace, g.Policies, byNamespace, workloads, fast, !wholeClusterForPolicies, counterexamples, answers, overTime)))
            .Append(z3 => AskClusterScoped(z3, cluster, fast, answers, overTime));
        // One Z3 context per scope (a context is not thread-safe): a context reused scope after
        // scope would carry what the scopes before asked, which the threads' scheduling decides,
        // into the models it finds, and witnesses and covers would change from run to run.
        Parallel.ForEach(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? Environment.ProcessorCount },
            item =>
            {
                // Made when the scope is encoded: most namespaces' questions the input pods settle.
                var z3 = new Lazy<Z3Context>(() => new Z3Context(fast.TimeoutMilliseconds), LazyThreadSafetyMode.None);
                try
                {
                    item(() => z3.Value);
                }
                finally
                {
                    if (z3.IsValueCreated) z3.Value.Dispose();
                }
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
    /// The namespace's questions: first what the input pods settle (<see cref="InputPodCounterexamples"/>:
    /// every rule's answer for the input pods, and the policies some pod or connection shows not
    /// redundant); then, with one encoding of the scope, the every-pod questions left. That
    /// encoding holds no input pods, unless some rule is covered for the input pods: if it is not
    /// redundant for every pod, redundant-rule prints its every-pod witness, asked readable at
    /// once, and the encoding holds the namespace's own input pods for it to name
    /// (<see cref="NamespaceWorkloads"/>). Without <paramref name="counterexamples"/> (the tests'
    /// reference), a second encoding with every input pod asks the input-pod questions.
    /// </summary>
    private static void AskNamespace(
        Func<Z3Context> z3, Cluster cluster, string namespaceName, ImmutableArray<NetworkPolicy> policies, ILookup<string, NetworkPolicy> byNamespace,
        NamespaceWorkloads workloads, SmtOptions options, bool askPolicies, InputPodCounterexamples? counterexamples, Collector answers, Func<bool> overTime)
    {
        var rules = new List<NetworkPolicyRuleRef>();
        var forInputPods = new Dictionary<NetworkPolicyRuleRef, RuleRedundancy>();
        var inputPodAnswers = counterexamples?.ForInputPods(namespaceName);
        foreach (var rule in policies.SelectMany(RulesOf))
        {
            if (!rule.Policy.Isolates(rule.Direction))
            {
                answers.Add(answers.EveryPod, rule, new RuleRedundancy(rule, PodScope.AnyPod, RuleRedundancyKind.IgnoredByPolicyTypes, [], null));
                continue;
            }
            var inputPods = inputPodAnswers?[rule];
            if (inputPods is { Kind: RuleRedundancyKind.NotRedundant })
            {
                // Some input pod needs it, and input pods are pods: not redundant for every pod either.
                answers.Add(answers.EveryPod, rule, inputPods with { Scope = PodScope.AnyPod });
                answers.Add(answers.InputPods, rule, inputPods);
                continue;
            }
            if (inputPods is not null) forInputPods[rule] = inputPods;
            rules.Add(rule);
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
        if (overTime())
        {
            // Out of time before this scope was encoded: every question of it stays unfinished.
            foreach (var rule in rules) answers.Add(answers.EveryPod, rule, null);
            foreach (var policy in left) answers.Add(answers.Policies, policy, null);
            return;
        }
        var witnesses = forInputPods.Values.Any(a => a.Kind == RuleRedundancyKind.Covered);
        var encoded = witnesses ? workloads.OnlyOf(scope, namespaceName) : scope;
        using (var everyPod = PolicySolver.CreateIn(z3(), encoded, options, share: true, inputPods: witnesses))
        {
            foreach (var rule in rules)
            {
                // A rule covered for the input pods but not for every pod is printed with its
                // every-pod witness: asked readable at once.
                var inputPods = forInputPods.GetValueOrDefault(rule);
                everyPod.ReadableWitnesses = inputPods is { Kind: RuleRedundancyKind.Covered };
                var answer = Unfinished(overTime, () => everyPod.CheckRuleRedundancy(rule.Policy, rule.Direction, rule.Index, PodScope.AnyPod));
                everyPod.ReadableWitnesses = false;
                answers.Add(answers.EveryPod, rule, answer);
                if (answer is not { Kind: RuleRedundancyKind.NotRedundant }) continue;
                if (inputPods is null) inputPodQuestions.Add(rule);
                else answers.Add(answers.InputPods, rule, inputPods);
            }
            foreach (var policy in left)
            {
                var answer = Unfinished(overTime, () => everyPod.CheckPolicyRedundancy(policy, PodScope.AnyPod));
                answers.Add(answers.Policies, policy, answer);
                if (answer is not { IsRedundant: true }) continue;
                if (counterexamples is null) selectorQuestions.Add(policy);
                else answers.Add(answers.Selectors, policy, SelectorOf(everyPod, cluster, policy, counterexamples));
            }
        }
        if (inputPodQuestions.Count == 0 && selectorQuestions.Count == 0) return;
        using var withInputPods = PolicySolver.CreateIn(z3(), scope, options, share: true);
        foreach (var rule in inputPodQuestions) AskRuleForInputPods(withInputPods, rule, answers, overTime);
        foreach (var policy in selectorQuestions) answers.Add(answers.Selectors, policy, Unfinished(() => withInputPods.CheckPolicySelector(policy)));
    }

    /// <summary>
    /// Whether a redundant policy's podSelector can match, the input pods first: an input pod it
    /// selects, or labels that satisfy it (<see cref="SatisfiableSelectors"/>, no input pod
    /// selected: MatchesNoInputPod). Only a selector they cannot show satisfiable goes to the
    /// every-pod encoding, whose "input pod" check is then rightly empty (none matches).
    /// </summary>
    private static SelectorSatisfiability? SelectorOf(PolicySolver everyPod, Cluster cluster, NetworkPolicy policy, InputPodCounterexamples counterexamples) =>
        counterexamples.SelectsInputPods(policy)
        ?? SatisfiableSelectors.Answer(cluster, policy.Namespace, null, policy.PodSelector)
        ?? Unfinished(() => everyPod.CheckPolicySelector(policy));

    /// <summary>The every-pod witness of a rule covered for the input pods only, made readable: redundant-rule prints it.</summary>
    private static void AskReadableWitness(PolicySolver solver, NetworkPolicyRuleRef rule, Collector answers)
    {
        solver.ReadableWitnesses = true;
        if (Unfinished(() => solver.CheckRuleRedundancy(rule.Policy, rule.Direction, rule.Index, PodScope.AnyPod)) is { } readable)
        {
            answers.EveryPod[rule] = readable;
        }
        solver.ReadableWitnesses = false;
    }

    /// <summary>
    /// The input-pod answer from the solver (no input pods settled it: the tests' reference); for a
    /// rule covered for the input pods, the every-pod witness again, made readable.
    /// </summary>
    private static void AskRuleForInputPods(PolicySolver solver, NetworkPolicyRuleRef rule, Collector answers, Func<bool> overTime)
    {
        var inputPods = Unfinished(overTime, () => solver.CheckRuleRedundancy(rule.Policy, rule.Direction, rule.Index, PodScope.InputPods));
        answers.Add(answers.InputPods, rule, inputPods);
        if (inputPods is { Kind: RuleRedundancyKind.Covered }) AskReadableWitness(solver, rule, answers);
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

    private static void AskClusterScoped(Func<Z3Context> z3, Cluster cluster, SmtOptions options, Collector answers, Func<bool> overTime)
    {
        if (cluster.AdminPolicies.IsEmpty) return;
        using var solver = PolicySolver.CreateIn(z3(), PolicyScope.ForClusterScopedPolicies(cluster), options);
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

    /// <summary>
    /// The input pods a namespace's every-pod encoding holds when it makes witnesses readable:
    /// those of the namespace alone. Witnesses then name its input pods where they can (the end
    /// the rule's policy selects), and the encoding stays small, whatever the size of the
    /// cluster. Every-pod answers do not depend on the input pods (they are pods like any other);
    /// a namespace known only from its workloads stays declared (its labels fixed, not free).
    /// </summary>
    private sealed class NamespaceWorkloads(Cluster cluster)
    {
        private readonly ILookup<string, Workload> _byNamespace = cluster.Workloads.ToLookup(w => w.Namespace, StringComparer.Ordinal);

        private readonly ImmutableArray<Namespace> _onlyFromWorkloads =
        [
            .. cluster.Workloads.Select(w => w.Namespace).Distinct(StringComparer.Ordinal)
                .Except(cluster.Namespaces.Select(n => n.Name), StringComparer.Ordinal)
                .Select(Namespace.Implicit),
        ];

        public Cluster OnlyOf(Cluster scope, string namespaceName) => scope with
        {
            Workloads = [.. _byNamespace[namespaceName]],
            Namespaces = _onlyFromWorkloads.IsEmpty ? scope.Namespaces : [.. scope.Namespaces, .. _onlyFromWorkloads],
        };
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
