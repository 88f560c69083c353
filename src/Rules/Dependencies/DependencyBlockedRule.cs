using PolicyLint.Analyzer.Queries.Dependencies;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Dependencies;

/// <summary>
/// dependency-blocked: a connection the workload's own manifests say it needs (an env value,
/// a ConfigMap key, a command-line word naming a Service) that the policies refuse: the
/// client's egress, some backend's ingress, or the DNS lookup the name needs. Reported on the
/// client, at the value that declares the dependency. docs/dependencies.md has the semantics.
/// </summary>
public sealed class DependencyBlockedRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "dependency-blocked",
        "A dependency the manifests declare is blocked by the policies",
        Severity.Error,
        "Dependencies",
        "The workload's manifests name a Service it talks to (an env value such as orders.shop:8080, a ConfigMap key, " +
        "a command-line argument, a $(ORDERS_SERVICE_HOST) variable), and the policies refuse that connection: the " +
        "workload's egress, the ingress of some or all of the Service's backends, or the DNS lookup the name needs. " +
        "The workload will fail at run time the way a default deny usually breaks production: on a dependency nobody listed.",
        "Allow the connection: an egress rule on the client to the Service's backends on the target port (and to the " +
        "cluster DNS on UDP and TCP 53 for names), and an ingress rule on the backends admitting the client. If the " +
        "value no longer matters, remove it from the manifest.",
        [RuleTags.Correctness],
        0.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        foreach (var verdict in context.Dependencies)
        {
            if (verdict.Status != DependencyStatus.Blocked) continue;
            var dependency = verdict.Dependency;
            var declaration = dependency.Declaration;
            yield return Report(dependency.Client, declaration.Span,
                $"{dependency.Client.Meta.Ref} needs {dependency.TargetText} ({declaration.Described}), " +
                $"but the policies block it: {string.Join("; ", verdict.Reasons)}");
        }
    }
}
