using System.Text.RegularExpressions;

namespace PolicyLint.Rules.Tests;

public class RuleRegistryTests
{

    public static TheoryData<string> Ids() => [.. RuleRegistry.Descriptors.Select(d => d.Id)];

    [Fact]
    public void The_catalog_holds_the_first_edition_rules_in_id_order()
    {
        string[] expected =
        [
            "allow-all-rule", "host-network-pod", "implicit-ingress-isolation", "named-port-unresolved",
            "namespace-without-default-deny", "peer-selects-nothing", "policy-selects-nothing", "unused-suppression",
            "workload-not-isolated",
        ];

        var ids = RuleRegistry.Descriptors.Select(d => d.Id).ToList();

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.All(expected, id => Assert.Contains(id, ids));
    }

    [Fact]
    public void The_written_out_list_holds_every_concrete_rule_class_of_the_assembly()
    {
        // The registry names its rules so the native binary keeps them (the trimmer drops classes
        // nothing names); this reflection over the JIT build catches a rule left out of the list.
        var classes = typeof(LintRule).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false } && t.IsSubclassOf(typeof(LintRule)))
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal);

        var listed = RuleRegistry.Rules.Select(r => r.GetType().FullName).Order(StringComparer.Ordinal);

        Assert.Equal(classes, listed);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_rule_is_fully_described_and_has_its_documentation_page(string id)
    {
        var descriptor = RuleRegistry.Find(id)!;

        Assert.Matches(new Regex("^[a-z]+(-[a-z]+)*$"), descriptor.Id);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.FullDescription));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.HowToFix));
        Assert.NotEmpty(descriptor.Tags);
        Assert.Equal(descriptor.IsSecurity, descriptor.SecuritySeverity > 0);
        Assert.InRange(descriptor.SecuritySeverity, 0.0, 10.0);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, descriptor.HelpPath)), $"missing {descriptor.HelpPath}");
    }
}
