using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Smt;
using static PolicyLint.Analyzer.Tests.Smt.SmtCluster;

namespace PolicyLint.Analyzer.Tests.Smt;

/// <summary>
/// The input pods' whole answer for a rule (InputPodCounterexamples.ForInputPods) against the
/// solver's <see cref="PodScope.InputPods"/> answer: the random clusters get copies of their
/// policies, split, narrowed or repeated, so that covered rules (and covers of several rules)
/// are common; every cover must be a cover and minimal per the solver. The facts below each
/// hinge on one kind of peer the enumeration must (or must not) visit.
/// </summary>
public sealed partial class InputPodCounterexamplesTests
{
    private static readonly SourceSpan Span = new("random.yaml", 1, 1);

    /// <summary>Nothing matches it: a podSelector that wants app=a and not app=a.</summary>
    private static readonly LabelSelector Impossible = new(
        [new LabelRequirement("app", SelectorOperator.In, ["a"], Span), new LabelRequirement("app", SelectorOperator.NotIn, ["a"], Span)],
        Span);

    /// <summary>A random cluster with one to three altered copies of its policies (same namespace and podSelector).</summary>
    private static Gen<RandomCase> OverlappingCase() =>
        from randomCase in RandomClusters.Case()
        from count in Gen.Choose(1, 3)
        from picks in Gen.ListOf(Gen.Choose(0, 1000), count)
        from ways in Gen.ListOf(Gen.Elements(Alteration.Split, Alteration.Narrow, Alteration.Repeat, Alteration.Widen), count)
        select WithCopies(randomCase, picks, ways);

    private enum Alteration
    {
        /// <summary>One rule per peer of each rule: the original rule is covered by several.</summary>
        Split,

        /// <summary>Each rule loses its last port or peer: covered by the original.</summary>
        Narrow,

        /// <summary>The same rules in reverse order: rules covering each other.</summary>
        Repeat,

        /// <summary>The rules of a direction merged into one with every peer and port: covers each original.</summary>
        Widen,
    }

    private static RandomCase WithCopies(RandomCase randomCase, IReadOnlyList<int> picks, IReadOnlyList<Alteration> ways)
    {
        var policies = randomCase.Cluster.NetworkPolicies;
        if (policies.IsEmpty) return randomCase;
        var copies = new List<NetworkPolicy>();
        for (var i = 0; i < picks.Count; i++)
        {
            var original = policies[picks[i] % policies.Length];
            copies.Add(original with
            {
                Meta = original.Meta with { Ref = original.Meta.Ref with { Name = $"{original.Name}-copy{i}" } },
                Ingress = Altered(original.Ingress, ways[i]),
                Egress = Altered(original.Egress, ways[i]),
            });
        }
        return randomCase with { Cluster = randomCase.Cluster with { NetworkPolicies = [.. policies, .. copies] } };
    }

    private static ImmutableArray<NetworkPolicyRule> Altered(ImmutableArray<NetworkPolicyRule> rules, Alteration way)
    {
        var altered = way switch
        {
            Alteration.Split => rules.SelectMany(r => r.AllowsAllPeers ? [r] : r.Peers.Select(p => r with { Peers = [p] })),
            Alteration.Narrow => rules.Select(r =>
                r.Ports.Length > 1 ? r with { Ports = r.Ports.RemoveAt(r.Ports.Length - 1) }
                : r.Peers.Length > 1 ? r with { Peers = r.Peers.RemoveAt(r.Peers.Length - 1) }
                : r),
            Alteration.Repeat => rules.Reverse(),
            _ => rules.IsEmpty ? [] : [rules[0] with
            {
                Peers = rules.Any(r => r.AllowsAllPeers) ? [] : [.. rules.SelectMany(r => r.Peers)],
                Ports = rules.Any(r => r.AllowsAllPorts) ? [] : [.. rules.SelectMany(r => r.Ports)],
            }],
        };
        return [.. altered.Select((r, i) => r with { Index = i })];
    }

    /// <summary>
    /// The solver's <see cref="PodScope.InputPods"/> answer for the rule when the other rules of
    /// its namespace and direction are only <paramref name="cover"/> (the rest replaced by rules
    /// that match nothing): Covered with the whole cover, NotRedundant without any one of it.
    /// </summary>
    private static void MinimalCoverPerSolver(RandomCase randomCase, NetworkPolicyRuleRef rule, ImmutableArray<NetworkPolicyRuleRef> cover)
    {
        Same(randomCase, $"{rule} covered by {string.Join(", ", cover)}", RuleRedundancyKind.Covered, KindKeeping(randomCase, rule, cover));
        foreach (var dropped in cover)
        {
            Same(randomCase, $"{rule} covered by {string.Join(", ", cover)} without {dropped}", RuleRedundancyKind.NotRedundant, KindKeeping(randomCase, rule, cover.Remove(dropped)));
        }
    }

    private static RuleRedundancyKind KindKeeping(RandomCase randomCase, NetworkPolicyRuleRef rule, ImmutableArray<NetworkPolicyRuleRef> kept)
    {
        var policies = randomCase.Cluster.NetworkPolicies;
        NetworkPolicy Keeping(NetworkPolicy policy)
        {
            if (policy.Namespace != rule.Policy.Namespace) return policy;
            NetworkPolicyRule Keep(NetworkPolicyRule r) =>
                r.Direction != rule.Direction || (ReferenceEquals(policy, rule.Policy) && r.Index == rule.Index) || kept.Contains(new NetworkPolicyRuleRef(policy, r.Direction, r.Index))
                    ? r
                    : r with { Peers = [new NetworkPolicyPeer(Impossible, null, null, Span)], Ports = [] };
            return policy with { Ingress = [.. policy.Ingress.Select(Keep)], Egress = [.. policy.Egress.Select(Keep)] };
        }
        var changed = policies.Select(Keeping).ToImmutableArray();
        var cluster = randomCase.Cluster with { NetworkPolicies = changed };
        var policy = changed[policies.IndexOf(rule.Policy)];
        using var solver = PolicySolver.Create(cluster, new SmtOptions(randomCase.Profile, ReadableWitnesses: false));
        return solver.CheckRuleRedundancy(policy, rule.Direction, rule.Index, PodScope.InputPods).Kind;
    }

    /// <summary>
    /// The scoped questions, which take the input-pod answers from the input pods and ask the
    /// every-pod questions of encodings holding the namespace's own input pods at most, answer
    /// like one encoding of the whole cluster on clusters where covered rules are common
    /// (ScopedQuestionsTests.Agrees: every rule's every-pod kind, and its input-pod kind when it
    /// is not redundant for every pod; every policy and selector verdict), and whether a
    /// redundant policy's podSelector can match as the solver says.
    /// </summary>
    [Fact]
    public void Scoped_answers_equal_whole_cluster_answers_when_rules_overlap()
    {
        Prop.ForAll(Arb.From(OverlappingCase()), c =>
            {
                ScopedQuestionsTests.Agrees(c);
                var answers = ScopedQuestions.Ask(c.Cluster, new SmtOptions(c.Profile, ReadableWitnesses: false), parallelism: 1);
                foreach (var (rule, inputPods) in answers.RulesForInputPods)
                {
                    if (inputPods?.Kind != RuleRedundancyKind.Covered) continue;
                    // redundant-rule prints the every-pod witness of these: it must be there.
                    Assert.NotNull(answers.RulesForEveryPod[rule]?.Witness);
                }
                using var whole = PolicySolver.Create(c.Cluster, new SmtOptions(c.Profile, ReadableWitnesses: false));
                foreach (var (policy, selector) in answers.RedundantPolicySelectors)
                {
                    Same(c, policy.Meta.Ref, whole.CheckPolicySelector(policy).Verdict, selector!.Verdict);
                }
                return true;
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(Math.Max(20, CaseCount / 3)).WithQuietOnSuccess(true));
    }

    /// <summary>
    /// "namespaceSelector: {}" with a podSelector admits the matching pods "in all namespaces";
    /// the input's only app=client pod is in dev (team=b), which the team rule admits whole, so
    /// for the input pods the client rule is covered, while an app=client pod elsewhere could
    /// exist: redundant-rule's info case. Its every-pod witness comes readable from the sets
    /// (ExactEveryPodAnswers.Witness): an app=client pod in prod (team=a), which no input pod is.
    /// </summary>
    [Fact]
    public void A_rule_covered_for_the_input_pods_only_gets_a_readable_every_pod_witness()
    {
        var cluster = WithPolicies(
            Policy("clients", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: client}}}]}]"),
            Policy("team-b", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}]}]"));
        var clients = new NetworkPolicyRuleRef(cluster.Policy("clients"), PolicyDirections.Ingress, 0);

        var answers = ScopedQuestions.Ask(cluster, SmtOptions.Default);

        var inputPods = answers.RulesForInputPods[clients]!;
        Assert.Equal(RuleRedundancyKind.Covered, inputPods.Kind);
        Assert.Equal(new[] { new NetworkPolicyRuleRef(cluster.Policy("team-b"), PolicyDirections.Ingress, 0) }, inputPods.CoveringRules.ToArray());
        var everyPod = answers.RulesForEveryPod[clients]!;
        Assert.Equal(RuleRedundancyKind.NotRedundant, everyPod.Kind);
        Assert.Equal(
            "a pod with labels {app=client} in namespace prod -> a pod with labels {app=web} in namespace prod on TCP/80",
            everyPod.Witness?.ToString());
    }

    /// <summary>
    /// Kubernetes, Network Policies: an ipBlock "allows or denies traffic to/from a particular IP
    /// CIDR range", and a rule without from "allows traffic from all sources". 0.0.0.0/0 and the
    /// namespaces cover every IPv4 address and every input pod, but not an IPv6 address, which
    /// only the rule from anywhere admits: not redundant for the input pods (outside addresses
    /// stay free), until ::/0 joins the cover.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_rule_from_anywhere_needs_every_address_family_in_its_cover(bool withV6)
    {
        var v6 = withV6 ? ", {ipBlock: {cidr: '::/0'}}" : "";
        var cluster = WithPolicies(
            Policy("blocks", "prod", $"podSelector: {{}}\ningress: [{{from: [{{ipBlock: {{cidr: 0.0.0.0/0}}}}{v6}], ports: [{{port: 80}}]}}]"),
            Policy("pods", "prod", "podSelector: {}\ningress: [{from: [{namespaceSelector: {}}], ports: [{port: 80}]}]"),
            Policy("anywhere", "prod", "podSelector: {}\ningress: [{ports: [{port: 80}]}]"));
        var anywhere = new NetworkPolicyRuleRef(cluster.Policy("anywhere"), PolicyDirections.Ingress, 0);

        var exact = Of(cluster).ForInputPods(anywhere.Policy.Namespace)[anywhere];

        using var solver = PolicySolver.Create(cluster);
        Assert.Equal(solver.CheckRuleRedundancy(anywhere.Policy, anywhere.Direction, anywhere.Index, PodScope.InputPods).Kind, exact.Kind);
        Assert.Equal(withV6 ? RuleRedundancyKind.Covered : RuleRedundancyKind.NotRedundant, exact.Kind);
        if (withV6) Assert.Equal(2, exact.CoveringRules.Length);
    }

    /// <summary>
    /// "a pod is never isolated from itself" aside, two pods of one workload talk across the
    /// network (Kubernetes, Network Policies: the policy "selects" pods, not workloads). web is
    /// the only app=web pod: the rule admitting app=web to app=web allows web's class to reach
    /// itself, which no other rule allows, so it is not redundant (missing the class joined to
    /// itself would make it allow nothing).
    /// </summary>
    [Fact]
    public void A_connection_from_a_class_to_itself_counts()
    {
        var cluster = WithPolicies(
            Policy("self", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]"),
            Policy("db", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{podSelector: {matchLabels: {app: db}}}]}]"));
        var self = new NetworkPolicyRuleRef(cluster.Policy("self"), PolicyDirections.Ingress, 0);

        Assert.Equal(RuleRedundancyKind.NotRedundant, Of(cluster).ForInputPods(self.Policy.Namespace)[self].Kind);
        using var solver = PolicySolver.Create(cluster);
        Assert.Equal(RuleRedundancyKind.NotRedundant, solver.CheckRuleRedundancy(self.Policy, self.Direction, self.Index, PodScope.InputPods).Kind);
    }

    /// <summary>
    /// The engine's ingress-controller class (a pod without labels in a namespace of its own,
    /// PodClasses) is no input pod: "namespaceSelector: {}" selects "all pods in all namespaces",
    /// and the input namespaces all have a team label, so for the input pods the team rule
    /// covers it. Counting the controller class would make it not redundant.
    /// </summary>
    [Fact]
    public void The_ingress_controller_class_is_no_input_pod()
    {
        var cluster = WithPolicies(
            Policy("all-namespaces", "prod", "podSelector: {}\ningress: [{from: [{namespaceSelector: {}}]}]"),
            Policy("teams", "prod", "podSelector: {}\ningress: [{from: [{namespaceSelector: {matchExpressions: [{key: team, operator: Exists}]}}]}]"));
        var all = new NetworkPolicyRuleRef(cluster.Policy("all-namespaces"), PolicyDirections.Ingress, 0);

        var exact = Of(cluster).ForInputPods(all.Policy.Namespace)[all];

        using var solver = PolicySolver.Create(cluster);
        Assert.Equal(RuleRedundancyKind.Covered, solver.CheckRuleRedundancy(all.Policy, all.Direction, all.Index, PodScope.InputPods).Kind);
        Assert.Equal(RuleRedundancyKind.Covered, exact.Kind);
        Assert.Equal(new[] { new NetworkPolicyRuleRef(cluster.Policy("teams"), PolicyDirections.Ingress, 0) }, exact.CoveringRules.ToArray());
    }

    /// <summary>
    /// "port: The port on the given protocol. This can either be a numerical or named port on a
    /// pod" (Kubernetes NetworkPolicyPort): egress to the named port http reaches web on 8080, and
    /// a named port resolves on no outside address, so the rule to http on any peer is covered by
    /// the rule to port 8080 on any peer; to 8081 it would not be.
    /// </summary>
    [Theory]
    [InlineData(8080, RuleRedundancyKind.Covered)]
    [InlineData(8081, RuleRedundancyKind.NotRedundant)]
    public void A_named_port_resolves_on_the_destination_pod(int port, RuleRedundancyKind expected)
    {
        var cluster = WithPolicies(
            Policy("named", "dev", "podSelector: {}\negress: [{ports: [{port: http}]}]"),
            Policy("numbered", "dev", $"podSelector: {{}}\negress: [{{ports: [{{port: {port}}}]}}]"));
        var named = new NetworkPolicyRuleRef(cluster.Policy("named"), PolicyDirections.Egress, 0);

        Assert.Equal(expected, Of(cluster).ForInputPods(named.Policy.Namespace)[named].Kind);
        using var solver = PolicySolver.Create(cluster);
        Assert.Equal(expected, solver.CheckRuleRedundancy(named.Policy, named.Direction, named.Index, PodScope.InputPods).Kind);
    }

    /// <summary>
    /// A rule whose peers match no input pod and no address allows nothing between input pods
    /// (Kubernetes: a podSelector "selects particular Pods in the same namespace").
    /// </summary>
    [Fact]
    public void A_rule_naming_no_input_pod_allows_nothing_for_the_input_pods()
    {
        var cluster = WithPolicies(Policy("nobody", "prod", "podSelector: {}\ningress: [{from: [{podSelector: {matchLabels: {app: ghost}}}]}]"));
        var nobody = new NetworkPolicyRuleRef(cluster.Policy("nobody"), PolicyDirections.Ingress, 0);

        Assert.Equal(RuleRedundancyKind.AllowsNothing, Of(cluster).ForInputPods(nobody.Policy.Namespace)[nobody].Kind);
        using var solver = PolicySolver.Create(cluster);
        Assert.Equal(RuleRedundancyKind.AllowsNothing, solver.CheckRuleRedundancy(nobody.Policy, nobody.Direction, nobody.Index, PodScope.InputPods).Kind);
    }
}
