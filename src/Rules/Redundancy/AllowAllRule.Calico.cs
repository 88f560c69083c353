using PolicyLint.Analyzer.Model;

namespace PolicyLint.Rules.Redundancy;

/// <summary>
/// Calico policies: an Allow rule, in a direction the policy's types hold, that names no
/// source or destination criterion, no protocol and no ports allows every peer on every port.
/// </summary>
public sealed partial class AllowAllRule
{
    private IEnumerable<Diagnostic> CalicoPolicies(LintContext context)
    {
        foreach (var policy in context.Cluster.Calico.Policies)
        {
            var openings = policy.Ingress.AddRange(policy.Egress)
                .Where(rule => (policy.Types & rule.Direction) != 0 && AllowsEverything(rule))
                .ToList();
            if (openings.Count == 0) continue;
            var text = openings.Select(rule =>
                $"spec.{rule.Direction.ToString().ToLowerInvariant()}[{rule.Index}] allows every {(rule.Direction == PolicyDirections.Egress ? "destination" : "source")} on every port");
            yield return Report(policy, openings[0].Span, $"{policy.Meta.Ref}: {string.Join("; ", text)}");
        }
    }

    private static bool AllowsEverything(CalicoRule rule) =>
        rule.Action == CalicoAction.Allow && rule.Protocol is null && rule.NotProtocol is null
        && rule.Source.IsAnyPeer && rule.Destination.IsAnyPeer && rule.Destination.Ports.IsEmpty && rule.Destination.NotPorts.IsEmpty;
}
