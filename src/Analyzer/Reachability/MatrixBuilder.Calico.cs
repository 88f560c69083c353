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
    private ulong[]? TierCandidates(PodClass subject, PolicyDirections direction, int size)
    {
        var applying = _engine.ApplyingTiers(subject, direction);
        if (applying.Count == 0) return null;
        var candidates = EndpointBits.Full(size);
        var allowedOrPassed = new ulong[candidates.Length];
        foreach (var (tier, policies) in applying)
        {
            foreach (var policy in policies)
            {
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
            if (tier.DefaultAction == TierDefaultAction.Deny)
            {
                for (var k = 0; k < candidates.Length; k++) candidates[k] &= allowedOrPassed[k];
            }
        }
        return candidates;
    }
}
