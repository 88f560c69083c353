using PolicyLint.Analyzer.Queries.Dependencies;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Dependencies;

/// <summary>
/// dependency-unresolved: a value that names an in-cluster Service (svc.ns, svc.ns.svc…, a
/// short name with a scheme or port) that the input does not have, or a port that Service
/// does not have. Either the Service lives in manifests not given, or the name is wrong; the
/// dependency cannot be checked. docs/dependencies.md says what counts as a name.
/// </summary>
public sealed class DependencyUnresolvedRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "dependency-unresolved",
        "A dependency names a Service the input does not have",
        Severity.Warning,
        "Dependencies",
        "The workload's manifests name what looks like an in-cluster Service (orders.shop, orders.shop.svc.cluster.local, " +
        "http://orders:8080), but no Service of that name is in the input, or the Service has no such port. Either the " +
        "name is wrong and the workload will fail to connect, or the Service is defined in manifests that were not given, " +
        "and the dependency cannot be checked against the policies.",
        "Fix the name or port, or include the manifests that define the Service in the input.",
        [RuleTags.Correctness],
        0.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        foreach (var verdict in context.Dependencies)
        {
            if (verdict.Status != DependencyStatus.Unresolved) continue;
            var dependency = verdict.Dependency;
            var declaration = dependency.Declaration;
            yield return Report(dependency.Client, declaration.Span,
                $"{dependency.Client.Meta.Ref} names {dependency.TargetText} ({declaration.Described}), " +
                $"but {string.Join("; ", verdict.Reasons)}; the dependency cannot be checked");
        }
    }
}
