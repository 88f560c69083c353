using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt.Native;

namespace PolicyLint.Analyzer.Smt;

public sealed partial class PolicySolver
{
    /// <summary>
    /// Can any pod match: in namespace <paramref name="namespaceName"/> (when given), in a
    /// namespace matching <paramref name="namespaceSelector"/> (when given), with labels matching
    /// <paramref name="podSelector"/> (when given)? And does an input pod match?
    /// </summary>
    public SelectorSatisfiability CheckSelector(string? namespaceName, LabelSelector? namespaceSelector, LabelSelector? podSelector)
    {
        if (!Covers(namespaceName, namespaceSelector, podSelector))
        {
            using var wider = Widened(namespaceName, namespaceSelector, podSelector);
            return wider.CheckSelector(namespaceName, namespaceSelector, podSelector);
        }
        var e = _connection.Destination;
        using var terms = _z3.OpenScope();
        var matches = new List<Term> { e.IsPod };
        if (namespaceName is not null) matches.Add(_semantics.InNamespace(e, namespaceName));
        if (namespaceSelector is not null) matches.Add(_semantics.NamespaceSelector(namespaceSelector, e, 0));
        if (podSelector is not null) matches.Add(_semantics.PodSelector(podSelector, e));
        var example = Solve(matches, m => _witnesses.Endpoint(m, e, 0));
        if (example is null) return new SelectorSatisfiability(SelectorVerdict.Unsatisfiable, null, null);
        var inputExample = Solve([.. matches, e.Restricted], m => _witnesses.Endpoint(m, e, 0));
        return new SelectorSatisfiability(
            inputExample is null ? SelectorVerdict.MatchesNoInputPod : SelectorVerdict.MatchesInputPods, example, inputExample);
    }

    /// <summary>The policy's podSelector, in the policy's namespace.</summary>
    public SelectorSatisfiability CheckPolicySelector(NetworkPolicy policy) =>
        CheckSelector(policy.Namespace, null, policy.PodSelector);

    /// <summary>A from/to peer: podSelector alone means the policy's namespace; with a namespaceSelector, the pair.</summary>
    public SelectorSatisfiability CheckPeer(NetworkPolicy policy, NetworkPolicyPeer peer)
    {
        if (peer.IpBlock is not null) throw new ArgumentException("An ipBlock peer has no selector.", nameof(peer));
        return CheckSelector(peer.NamespaceSelector is null ? policy.Namespace : null, peer.NamespaceSelector, peer.PodSelector);
    }

    private bool Covers(string? namespaceName, LabelSelector? namespaceSelector, LabelSelector? podSelector) =>
        (namespaceName is null || _vocabulary.NamespaceNames.Mentions(namespaceName))
        && (namespaceSelector is null || _vocabulary.Covers(namespaceSelector, isNamespaceSelector: true))
        && (podSelector is null || _vocabulary.Covers(podSelector, isNamespaceSelector: false));

    /// <summary>
    /// A selector with keys or values no policy mentions needs its own places in the domains
    /// (otherwise "app in (x)" and "app notin (x)" for an unmentioned x would not contradict).
    /// </summary>
    private PolicySolver Widened(string? namespaceName, LabelSelector? namespaceSelector, LabelSelector? podSelector)
    {
        var namespaceSelectors = (Options.ExtraNamespaceSelectors.IsDefault ? [] : Options.ExtraNamespaceSelectors).ToList();
        if (namespaceSelector is not null) namespaceSelectors.Add(namespaceSelector);
        if (namespaceName is not null)
        {
            namespaceSelectors.Add(new LabelSelector(
                [new LabelRequirement(Namespace.NameLabel, SelectorOperator.In, [namespaceName], SourceSpan.None)],
                SourceSpan.None));
        }
        var podSelectors = (Options.ExtraPodSelectors.IsDefault ? [] : Options.ExtraPodSelectors).ToList();
        if (podSelector is not null) podSelectors.Add(podSelector);
        return new PolicySolver(_worlds, Options with { ExtraNamespaceSelectors = [.. namespaceSelectors], ExtraPodSelectors = [.. podSelectors] });
    }
}
