using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Smt;

/// <summary>Why a rule is or is not redundant.</summary>
public enum RuleRedundancyKind
{
    /// <summary>The rule allows some connection no other rule allows (see Witness).</summary>
    NotRedundant,

    /// <summary>Every connection it allows, other rules for the same pods allow too (see CoveringRules).</summary>
    Covered,

    /// <summary>The rule allows no connection at all (its policy selects no pod, or its peers or ports match nothing).</summary>
    AllowsNothing,

    /// <summary>The policy's policyTypes leave out the rule's direction, so Kubernetes ignores the rule.</summary>
    IgnoredByPolicyTypes,
}

/// <summary>
/// The answer for one rule. CoveringRules is a minimal set of other rules that together allow
/// everything this rule allows (Covered only); Witness is a connection only this rule allows
/// (NotRedundant only).
/// </summary>
public sealed record RuleRedundancy(
    NetworkPolicyRuleRef Rule,
    PodScope Scope,
    RuleRedundancyKind Kind,
    ImmutableArray<NetworkPolicyRuleRef> CoveringRules,
    WitnessConnection? Witness)
{
    public bool IsRedundant => Kind != RuleRedundancyKind.NotRedundant;
}

/// <summary>
/// The answer for one policy. Not redundant when removing it would lift isolation of some pod
/// (LosesIsolation, UnisolatedPod) or change whether some connection is allowed
/// (ChangedConnection, AllowedWithPolicy = allowed while the policy is there).
/// </summary>
public sealed record PolicyRedundancy(
    NetworkPolicy Policy,
    PodScope Scope,
    bool IsRedundant,
    PolicyDirections LosesIsolation,
    WitnessEndpoint? UnisolatedPod,
    WitnessConnection? ChangedConnection,
    bool AllowedWithPolicy);

public enum SelectorVerdict
{
    /// <summary>No pod that could ever exist matches (contradictory requirements).</summary>
    Unsatisfiable,

    /// <summary>Some pod could match, but none of the input pods does.</summary>
    MatchesNoInputPod,

    /// <summary>At least one input pod matches.</summary>
    MatchesInputPods,
}

/// <summary>Example is a pod that could match; InputExample an input pod that does.</summary>
public sealed record SelectorSatisfiability(SelectorVerdict Verdict, WitnessEndpoint? Example, WitnessEndpoint? InputExample);

/// <summary>Whether two clusters' NetworkPolicies allow exactly the same connections; if not, one that differs.</summary>
public sealed record PolicySetEquivalence(bool AreEquivalent, WitnessConnection? Witness, bool AllowedBefore, bool AllowedAfter);

/// <summary>Whether some matching source pod could reach the destination; Witness is such a connection.</summary>
public sealed record AnyPodReach(bool IsExposed, WitnessConnection? Witness);

/// <summary>An input pod (Pod null: the workload's first pod) or an address, for concrete questions.</summary>
public abstract record ConcreteEndpoint;

public sealed record PodEndpoint(Workload Workload, Pod? Pod = null) : ConcreteEndpoint;

public sealed record AddressEndpoint(string Address) : ConcreteEndpoint;

/// <summary>What another engine says about one protocol and port, for cross-checking.</summary>
public sealed record ExpectedConnection(Protocol Protocol, int Port, bool Allowed);
