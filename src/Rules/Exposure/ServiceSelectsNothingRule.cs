using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Rules.Exposure;

/// <summary>
/// service-selects-nothing: a Service with a selector that matches no workload of its
/// namespace. Services without a selector (endpoints managed by hand) and ExternalName
/// Services are not reported.
/// </summary>
public sealed class ServiceSelectsNothingRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "service-selects-nothing",
        "Service selector matches no workload",
        Severity.Warning,
        "Exposure",
        "The Service's selector matches no pod in its namespace, so it has no endpoints: clients connecting to it get " +
        "refused or time out. Usually a label was renamed on one side only, or the Service is in the wrong namespace.",
        "Make spec.selector match the labels of the pod template it is meant for (kubectl get pods -l ... shows what it " +
        "selects), or delete the Service.",
        [RuleTags.Correctness],
        0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        var catalog = EntryPointFacts.Of(context).Catalog;
        foreach (var service in context.Cluster.Services)
        {
            if (!service.HasSelector || !catalog.Backends(service).IsEmpty) continue;
            yield return Report(service, service.SelectorSpan,
                $"{service.Meta.Ref} selects no workload: no pod in namespace {service.Namespace} has the labels {service.Selector}, " +
                "so the Service has no endpoints; fix spec.selector to match the intended pod template's labels");
        }
    }
}
