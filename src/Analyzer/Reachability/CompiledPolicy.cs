using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// A NetworkPolicy or cluster policy reduced to evaluation data: whom it applies to, which
/// directions it isolates (NetworkPolicy only) and its compiled rules per direction.
/// </summary>
internal sealed record CompiledPolicy(
    ObjectRef Ref,
    PolicyLayer Layer,
    int Priority,
    ClassMatcher? Subject,
    PolicyDirections Isolates,
    ImmutableArray<CompiledRule> Ingress,
    ImmutableArray<CompiledRule> Egress)
{
    public ImmutableArray<CompiledRule> Rules(PolicyDirections direction) =>
        direction == PolicyDirections.Ingress ? Ingress : Egress;

    /// <summary>Whether the policy applies to the class; the ingress controller is never a subject.</summary>
    public bool AppliesTo(PodClass candidate) =>
        Subject is not null && !candidate.IsIngressController && Subject.Matches(candidate);
}
