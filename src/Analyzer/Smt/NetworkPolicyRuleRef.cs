using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Smt;

/// <summary>One rule of a NetworkPolicy: the policy, ingress or egress, and its 0-based index.</summary>
public sealed record NetworkPolicyRuleRef(NetworkPolicy Policy, PolicyDirections Direction, int Index)
{
    public NetworkPolicyRule Rule => Policy.Rules(Direction)[Index];

    public SourceSpan Span => Rule.Span;

    public override string ToString() =>
        $"{Policy.Meta.Ref} {Direction.ToText()} rule {Index}" +
        (Span.IsKnown ? $" ({Span})" : "");
}
