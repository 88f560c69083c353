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
/// they settle is never encoded. Then the every-pod questions go to set
/// computation (<see cref="ExactEveryPodAnswers"/>, without cluster-scoped policies), and only
/// what it leaves to an encoding. Within a scope, the solver's questions
/// share one "allowed without it" encoding (PolicySolver.Shared.cs). Witnesses are made readable
/// only where a rule prints them (the every-pod witness of a rule that is redundant for the input
/// pods only: made by the sets when they answered, else by the solver); other answers the input
/// pods or the sets settled carry none.
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
        var workloads = new NamespaceWorkloads(cluster);
        var work = groups.Select(g => (Action<Func<Z3Context>>)(z3 => AskNamespace(z3, cluster, g.Namespace, g.Policies, byNamespace, workloads, fast, !wholeClusterForPolicies, counterexamples, declared, answers, overTime)))
            .Append(z3 => AskClusterScoped(z3, cluster, fast, answers, overTime));
        // One Z3 context per scope (a context is not thread-safe): a context reused scope after
        // scope would carry what the scopes before asked, which the threads' scheduling decides,
        // into the models it finds, and witnesses and covers would change from run to run.
        Parallel.ForEach(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? Environment.ProcessorCount },
            item =>
            {
                // Made when the scope is encoded: most namespaces' questions the input pods and the sets settle.
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
    /// redundant); then set computation; then, with one encoding of the scope, the every-pod
    /// questions left. That encoding holds no input pods, unless some rule is covered for the
    /// input pods: if it is not redundant for every pod, redundant-rule prints its every-pod
    /// witness: the sets make it when they answered, else the solver, made readable, and the encoding holds the
    /// namespace's own input pods for it to name (<see cref="NamespaceWorkloads"/>). Without
    /// <paramref name="counterexamples"/> (the tests' reference), a second encoding with every
    /// input pod asks the input-pod questions; it also answers the rare selector question the
    /// input pods leave. <paramref name="declared"/> null: no set computation.
    /// </summary>
    private static void AskNamespace(
        Func<Z3Context> z3, Cluster cluster, string namespaceName, ImmutableArray<NetworkPolicy> policies, ILookup<string, NetworkPolicy> byNamespace,
        NamespaceWorkloads workloads, SmtOptions options, bool askPolicies, InputPodCounterexamples? counterexamples, DeclaredNamespaces? declared,
        Collector answers, Func<bool> overTime)
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
        var questions = new InputPodQuestions(forInputPods);
        if (declared is not null && ExactEveryPodAnswers.For(scope, namespaceName, options.Profile, declared) is { } sets)
        {
            // Set computation first: what it decides needs no every-pod encoding.
            var unanswered = new List<NetworkPolicyRuleRef>();
            foreach (var rule in rules)
            {
                if (sets.Rule(rule) is { } answer) RecordRuleForEveryPod(rule, WithWitness(answer, sets, questions), questions, answers);
                else unanswered.Add(rule);
            }
            rules = unanswered;
            var undecided = new List<NetworkPolicy>();
            foreach (var policy in left)
            {
                if (sets.Policy(policy) is { } answer) RecordPolicy(policy, answer, cluster, counterexamples, answers, questions);
                else undecided.Add(policy);
            }
            left = undecided;
        }
        if (overTime())
        {
            // Out of time before this scope was encoded: every question of it stays unfinished,
            // the input-pod questions and witnesses of what the sets answered too.
            foreach (var rule in rules) answers.Add(answers.EveryPod, rule, null);
            foreach (var policy in left) answers.Add(answers.Policies, policy, null);
            foreach (var rule in questions.Rules) answers.Add(answers.InputPods, rule, null);
            foreach (var rule in questions.Witnesses) answers.Add(answers.EveryPod, rule, null);
            foreach (var policy in questions.Selectors) answers.Add(answers.Selectors, policy, null);
            return;
        }
        if (rules.Count > 0 || left.Count > 0 || questions.Witnesses.Count > 0)
        {
            var witnesses = questions.Witnesses.Count > 0 || rules.Any(r => forInputPods.GetValueOrDefault(r) is { Kind: RuleRedundancyKind.Covered });
            using var everyPod = PolicySolver.CreateIn(z3(), witnesses ? workloads.OnlyOf(scope, namespaceName) : scope, options, share: true, inputPods: witnesses);
            foreach (var rule in rules)
            {
                // A rule covered for the input pods but not for every pod is printed with its
                // every-pod witness: asked readable at once.
                everyPod.ReadableWitnesses = forInputPods.GetValueOrDefault(rule) is { Kind: RuleRedundancyKind.Covered };
                var answer = Unfinished(overTime, () => everyPod.CheckRuleRedundancy(rule.Policy, rule.Direction, rule.Index, PodScope.AnyPod));
                everyPod.ReadableWitnesses = false;
                RecordRuleForEveryPod(rule, answer, questions, answers);
            }
            foreach (var rule in questions.Witnesses) AskReadableWitness(everyPod, rule, answers);
            foreach (var policy in left)
            {
                RecordPolicy(policy, Unfinished(overTime, () => everyPod.CheckPolicyRedundancy(policy, PodScope.AnyPod)), cluster, counterexamples, answers, questions);
            }
        }
        if (questions.Rules.Count == 0 && questions.Selectors.Count == 0) return;
        using var inputPodEncoding = PolicySolver.CreateIn(z3(), scope, options, share: true);
        foreach (var rule in questions.Rules) AskRuleForInputPods(inputPodEncoding, rule, answers, overTime);
        foreach (var policy in questions.Selectors) answers.Add(answers.Selectors, policy, Unfinished(() => inputPodEncoding.CheckPolicySelector(policy)));
    }

    /// <summary>
    /// What a namespace's every-pod answers leave to ask: the input-pod answers the input pods
    /// gave (<see cref="InputPodCounterexamples.ForInputPods"/>), the rules whose input-pod
    /// answer the solver gives (no input pods first: the tests' reference), the rules whose
    /// every-pod witness the solver must make readable (covered for the input pods only, answered
    /// by the sets without one: past their limit), and the selector questions of redundant policies.
    /// </summary>
    private sealed class InputPodQuestions(Dictionary<NetworkPolicyRuleRef, RuleRedundancy> answered)
    {
        public Dictionary<NetworkPolicyRuleRef, RuleRedundancy> Answered { get; } = answered;

        public List<NetworkPolicyRuleRef> Rules { get; } = [];

        public List<NetworkPolicyRuleRef> Witnesses { get; } = [];

        public List<NetworkPolicy> Selectors { get; } = [];
    }

    /// <summary>
    /// Rule redundancy for every pod (from the sets or the solver), for a rule the input pods did
    /// not show needed. A rule not redundant for every pod needs its input-pod answer too: the
    /// input pods' (and, when covered for them, a readable every-pod witness if the answer has
    /// none), else the solver's.
    /// </summary>
    private static void RecordRuleForEveryPod(NetworkPolicyRuleRef rule, RuleRedundancy? everyPod, InputPodQuestions questions, Collector answers)
    {
        answers.Add(answers.EveryPod, rule, everyPod);
        if (everyPod is not { Kind: RuleRedundancyKind.NotRedundant }) return;
        if (!questions.Answered.TryGetValue(rule, out var inputPods))
        {
            questions.Rules.Add(rule);
            return;
        }
        answers.Add(answers.InputPods, rule, inputPods);
        if (inputPods.Kind == RuleRedundancyKind.Covered && everyPod.Witness is null) questions.Witnesses.Add(rule);
    }

    /// <summary>
    /// The sets' answer of a rule, with the every-pod witness redundant-rule prints when it is
    /// covered for the input pods only: made from the sets (<see cref="ExactEveryPodAnswers.Witness"/>),
    /// no solver. Without one (past the sets' limit) the solver makes it readable.
    /// </summary>
    private static RuleRedundancy WithWitness(RuleRedundancy answer, ExactEveryPodAnswers sets, InputPodQuestions questions) =>
        answer.Kind == RuleRedundancyKind.NotRedundant && questions.Answered.GetValueOrDefault(answer.Rule) is { Kind: RuleRedundancyKind.Covered }
            ? answer with { Witness = sets.Witness(answer.Rule) }
            : answer;

    /// <summary>
    /// A policy's every-pod answer; for a redundant one, whether its podSelector can match: an
    /// input pod it selects, or labels that satisfy it (<see cref="SatisfiableSelectors"/>, no
    /// input pod selected: MatchesNoInputPod), else a solver question.
    /// </summary>
    private static void RecordPolicy(
        NetworkPolicy policy, PolicyRedundancy? answer, Cluster cluster, InputPodCounterexamples? counterexamples, Collector answers, InputPodQuestions questions)
    {
        answers.Add(answers.Policies, policy, answer);
        if (answer is not { IsRedundant: true }) return;
        var selects = counterexamples is null
            ? null
            : counterexamples.SelectsInputPods(policy) ?? SatisfiableSelectors.Answer(cluster, policy.Namespace, null, policy.PodSelector);
        if (selects is not null) answers.Add(answers.Selectors, policy, selects);
        else questions.Selectors.Add(policy);
    }

    /// <summary>
    /// The every-pod witness of a rule covered for the input pods only, made readable:
    /// redundant-rule prints it. None made: the rule stays unfinished.
    /// </summary>
    private static void AskReadableWitness(PolicySolver solver, NetworkPolicyRuleRef rule, Collector answers)
    {
        solver.ReadableWitnesses = true;
        if (Unfinished(() => solver.CheckRuleRedundancy(rule.Policy, rule.Direction, rule.Index, PodScope.AnyPod)) is { Witness: not null } readable)
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
