using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>Candidates when Calico tiers decide (<see cref="ReachabilityEngine.Tiers"/>).</summary>
internal sealed partial class MatrixBuilder
{
    /// <summary>
    /// Every endpoint, less those surely denied: an endpoint a Deny rule on every port names
    /// before any Allow or Pass rule named it, and, at the end of a tier with default action
    /// Deny that applies, every endpoint no Allow or Pass rule has named so far. Null when no
    /// policy of any tier applies (the profile allows everything).
    /// </summary>
    private ulong[]? TierCandidates(PodClass subject, PolicyDirections direction, int size, ImmutableArray<CompiledTier> tiers)
    {
        ulong[]? candidates = null;
        ulong[] allowedOrPassed = [];
        foreach (var tier in tiers)
        {
            var applies = false;
            foreach (var policy in tier.Policies)
            {
                if (!CompiledTier.Applies(policy, subject, direction)) continue;
                applies = true;
                if (candidates is null)
                {
                    candidates = EndpointBits.Full(size);
                    allowedOrPassed = new ulong[candidates.Length];
                }
                foreach (var rule in policy.Rules(direction))
                {
                    var peers = _bits.Of(rule);
                    if (rule.Action != AdminAction.Deny)
                    {
                        EndpointBits.UnionWith(allowedOrPassed, peers);
                    }
                    else if (rule.ExceptPorts is null && !rule.MatchesNoConnection && rule.PortsFor(null).IsAll)
                    {
                        for (var k = 0; k < candidates.Length; k++) candidates[k] &= ~(peers[k] & ~allowedOrPassed[k]);
                    }
                }
            }
            if (applies && tier.DefaultAction == TierDefaultAction.Deny)
            {
                for (var k = 0; k < candidates!.Length; k++) candidates[k] &= allowedOrPassed[k];
            }
        }
        return candidates;
    }
}
