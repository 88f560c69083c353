using System.Collections.Concurrent;
using System.Text;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt.Native;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// Selector satisfiability for the lint rules (policy-selects-nothing, peer-selects-nothing,
/// redundant-policy): can a policy's podSelector, or a from/to peer, match any pod that could
/// exist, and does an input pod match? Each distinct question is asked once per cluster, in a
/// scope of the asking policy alone (<see cref="PolicyScope.ForSelectorsOf"/>), with input pods
/// merged into the classes its formulas can tell apart and without readable witnesses (the
/// rules print the verdict, not the example). Generated and real clusters repeat the same
/// selectors in many policies (a namespaceSelector for the monitoring namespace in every
/// namespace), so the cache saves most of the encodings.
/// <para>
/// Why an answer can be shared between policies: the verdict depends only on the selector, the
/// namespace it is read in (a podSelector alone means the policy's namespace), the declared
/// namespaces and the input pods. The rest of the asking policy only adds values to the
/// vocabulary, and every domain keeps an "any other value" index, so extra values change no
/// verdict (the argument of <see cref="PolicyScope"/>, point 1).
/// </para>
/// <para>
/// A selector the input shows satisfiable (<see cref="SatisfiableSelectors"/>) is answered
/// without the solver, with no example pods; only the others are encoded.
/// </para>
/// Thread-safe; a null answer is a question unfinished within the options' time limit.
/// </summary>
public sealed class SelectorQuestions(Cluster cluster, SmtOptions options)
{
    private readonly SmtOptions _options = options with { ReadableWitnesses = false, MergeIndistinguishablePods = true };
    private readonly ConcurrentDictionary<string, Lazy<SelectorSatisfiability?>> _answers = new(StringComparer.Ordinal);

    /// <summary>The policy's podSelector, in the policy's namespace.</summary>
    public SelectorSatisfiability? OfPolicy(NetworkPolicy policy) =>
        Answer(policy, policy.Namespace, null, policy.PodSelector, solver => solver.CheckPolicySelector(policy));

    /// <summary>A from/to peer: podSelector alone means the policy's namespace; with a namespaceSelector, the pair.</summary>
    public SelectorSatisfiability? OfPeer(NetworkPolicy policy, NetworkPolicyPeer peer)
    {
        if (peer.IpBlock is not null) throw new ArgumentException("An ipBlock peer has no selector.", nameof(peer));
        return Answer(policy, peer.NamespaceSelector is null ? policy.Namespace : null, peer.NamespaceSelector, peer.PodSelector,
            solver => solver.CheckPeer(policy, peer));
    }

    private SelectorSatisfiability? Answer(
        NetworkPolicy policy, string? namespaceName, LabelSelector? namespaceSelector, LabelSelector? podSelector,
        Func<PolicySolver, SelectorSatisfiability> ask)
    {
        var key = Key(namespaceName, namespaceSelector, podSelector);
        var answer = _answers.GetOrAdd(key, _ => new Lazy<SelectorSatisfiability?>(() =>
            SatisfiableSelectors.Answer(cluster, namespaceName, namespaceSelector, podSelector) ?? Ask(policy, ask)));
        return answer.Value;
    }

    private SelectorSatisfiability? Ask(NetworkPolicy policy, Func<PolicySolver, SelectorSatisfiability> ask)
    {
        try
        {
            using var solver = PolicySolver.Create(PolicyScope.ForSelectorsOf(cluster, policy), _options);
            return ask(solver);
        }
        catch (Z3Exception e) when (e.Message.Contains("could not decide", StringComparison.Ordinal))
        {
            return null;
        }
    }

    /// <summary>The question as text: separators no label key or value can hold, so equal keys mean equal questions.</summary>
    private static string Key(string? namespaceName, LabelSelector? namespaceSelector, LabelSelector? podSelector)
    {
        var key = new StringBuilder();
        key.Append(namespaceName ?? "\u0001any").Append('\u0000');
        Append(key, namespaceSelector);
        Append(key, podSelector);
        return key.ToString();
    }

    private static void Append(StringBuilder key, LabelSelector? selector)
    {
        if (selector is null)
        {
            key.Append("\u0001none\u0000");
            return;
        }
        foreach (var requirement in selector.Requirements.IsDefault ? [] : selector.Requirements)
        {
            key.Append(requirement.Key).Append('\u0002').Append(requirement.Operator).Append('\u0002');
            foreach (var value in requirement.Values.IsDefault ? [] : requirement.Values) key.Append(value).Append('\u0003');
            key.Append('\u0004');
        }
        key.Append('\u0000');
    }
}
