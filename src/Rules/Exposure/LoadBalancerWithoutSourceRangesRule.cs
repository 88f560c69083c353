using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Rules.Exposure;

/// <summary>
/// loadbalancer-without-source-ranges: a LoadBalancer Service port without
/// loadBalancerSourceRanges whose backends accept the outside traffic the load balancer sends.
/// </summary>
public sealed class LoadBalancerWithoutSourceRangesRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "loadbalancer-without-source-ranges",
        "LoadBalancer without loadBalancerSourceRanges reaches exposed pods",
        Severity.Warning,
        "Exposure",
        "Without loadBalancerSourceRanges the cloud load balancer forwards traffic from every internet address, and the " +
        "backend pods accept it: nothing in front of the pods narrows who may connect.",
        "Set spec.loadBalancerSourceRanges to the client networks that need the Service, or isolate the backends with a " +
        "NetworkPolicy that admits only those networks (with externalTrafficPolicy: Local so the client address is kept).",
        [RuleTags.Security],
        6.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        foreach (var entry in EntryPointFacts.Of(context).EntryPoints)
        {
            if (entry.Kind != EntryPointKind.LoadBalancer || !entry.IsExposed) continue;
            if (entry.Service is not { LoadBalancerSourceRanges.IsDefaultOrEmpty: true }) continue;
            yield return Report(entry.Object, entry.Span,
                $"{entry.Object} has no loadBalancerSourceRanges, so the load balancer on port {entry.PortText} lets {EntryPointText.Sources(entry)} " +
                $"reach {EntryPointText.AcceptingBackends(entry)}; set spec.loadBalancerSourceRanges to the client networks that need it");
        }
    }
}
