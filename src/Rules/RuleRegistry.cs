using System.Collections.Immutable;
using PolicyLint.Rules.Coverage;
using PolicyLint.Rules.Dependencies;
using PolicyLint.Rules.Exposure;
using PolicyLint.Rules.Input;
using PolicyLint.Rules.Redundancy;
using PolicyLint.Rules.Suppressions;

namespace PolicyLint.Rules;

/// <summary>
/// Every rule PolicyLint knows, ordered by id. The list is written out rather than found by
/// reflection so that the native (ahead-of-time compiled) binary, whose trimmer drops classes
/// nothing names, keeps every rule; a test compares it with the assembly's concrete
/// <see cref="LintRule"/> subclasses. <c>unused-suppression</c> has a descriptor only.
/// </summary>
public static class RuleRegistry
{
    private static readonly Lazy<ImmutableArray<LintRule>> LazyRules = new(Discover);
    private static readonly Lazy<ImmutableArray<RuleDescriptor>> LazyDescriptors = new(() =>
        LazyRules.Value.Select(r => r.Descriptor)
            .Append(UnusedSuppression.Descriptor)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray());
    private static readonly Lazy<IReadOnlySet<string>> LazyIds = new(() =>
        LazyDescriptors.Value.Select(d => d.Id).ToHashSet(StringComparer.Ordinal));

    public static ImmutableArray<LintRule> Rules => LazyRules.Value;

    /// <summary>The whole catalog, for `policylint rules`, SARIF and configuration checks.</summary>
    public static ImmutableArray<RuleDescriptor> Descriptors => LazyDescriptors.Value;

    public static IReadOnlySet<string> Ids => LazyIds.Value;

    public static RuleDescriptor? Find(string id) => Descriptors.FirstOrDefault(d => d.Id == id);

    /// <summary>One instance of every rule class; a new rule is added here (docs/architecture.md).</summary>
    private static IEnumerable<LintRule> All() =>
    [
        new DnsEgressBlockedRule(),
        new HostNetworkPodRule(),
        new ImplicitIngressIsolationRule(),
        new NamedPortUnresolvedRule(),
        new NamespaceWithoutDefaultDenyRule(),
        new PeerSelectsNothingRule(),
        new PolicySelectsNothingRule(),
        new WorkloadNotIsolatedRule(),
        new DependencyBlockedRule(),
        new DependencyUnresolvedRule(),
        new HostPortRule(),
        new IngressBackendBlockedRule(),
        new IngressBackendMissingRule(),
        new LoadBalancerWithoutSourceRangesRule(),
        new NodePortExposedRule(),
        new SensitiveReachableFromInternetRule(),
        new ServiceExternalIpsRule(),
        new ServiceSelectsNothingRule(),
        new ServiceTargetPortUnresolvedRule(),
        new ServiceUnreachableRule(),
        new DuplicateObjectRule(),
        new InvalidCidrRule(),
        new InvalidObjectRule(),
        new InvalidPathRule(),
        new InvalidPeerRule(),
        new InvalidPortRule(),
        new InvalidSelectorRule(),
        new InvalidYamlRule(),
        new NoObjectsRule(),
        new NotKubernetesRule(),
        new NotRenderedRule(),
        new PeerNotModelledRule(),
        new CalicoNotModelledRule(),
        new PolicyKindNotModelledRule(),
        new PolicyLintOutputRule(),
        new RenderFailedRule(),
        new RepeatedObjectRule(),
        new AllowAllRule(),
        new RedundantPolicyRule(),
        new RedundantRuleRule(),
        new ShadowedRuleRule(),
    ];

    private static ImmutableArray<LintRule> Discover()
    {
        var rules = All().OrderBy(r => r.Id, StringComparer.Ordinal).ToImmutableArray();
        var duplicate = rules.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two rules share the id '{duplicate.Key}'");
        }
        return rules;
    }
}
