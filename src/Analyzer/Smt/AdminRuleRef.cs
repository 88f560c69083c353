using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Smt;

/// <summary>One rule of an AdminNetworkPolicy or BaselineAdminNetworkPolicy: policy, direction, 0-based index.</summary>
public sealed record AdminRuleRef(AdminPolicy Policy, PolicyDirections Direction, int Index)
{
    public AdminRule Rule => Policy.Rules(Direction)[Index];

    public SourceSpan Span => Rule.Span;

    public override string ToString() =>
        $"{Policy.Meta.Ref} {Direction.ToText()} rule {Index}" +
        (Rule.Name.Length > 0 ? $" \"{Rule.Name}\"" : "") +
        (Span.IsKnown ? $" ({Span})" : "");
}

public enum AdminShadowingKind
{
    /// <summary>Some connection reaches the rule undecided (see Witness).</summary>
    NotShadowed,

    /// <summary>Every connection it matches is decided earlier (see ShadowingRules).</summary>
    Shadowed,

    /// <summary>The rule matches no connection at all (its subject or peers match nothing, e.g. only nodes peers).</summary>
    MatchesNothing,
}

/// <summary>
/// Whether a cluster policy rule ever decides a connection. ShadowingRules is a minimal set of
/// earlier rules (higher priority, or earlier in the same policy) that decide all of its
/// traffic; Witness a connection the rule does decide.
/// </summary>
public sealed record AdminRuleShadowing(
    AdminRuleRef Rule,
    PodScope Scope,
    AdminShadowingKind Kind,
    System.Collections.Immutable.ImmutableArray<AdminRuleRef> ShadowingRules,
    WitnessConnection? Witness)
{
    public bool IsShadowed => Kind != AdminShadowingKind.NotShadowed;
}
