using System.Collections.Immutable;
using PolicyLint.Rules.Suppressions;

namespace PolicyLint.Rules;

/// <summary>
/// Every rule PolicyLint knows, ordered by id. Rules are found by reflection over this
/// assembly (public, non-abstract <see cref="LintRule"/> subclasses), so a new rule is
/// registered by writing its class; <c>unused-suppression</c> has a descriptor only.
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

    private static ImmutableArray<LintRule> Discover()
    {
        var rules = typeof(LintRule).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsPublic: true } && t.IsSubclassOf(typeof(LintRule)))
            .Select(t => (LintRule)Activator.CreateInstance(t)!)
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToImmutableArray();
        var duplicate = rules.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two rules share the id '{duplicate.Key}'");
        }
        return rules;
    }
}
