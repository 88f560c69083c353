using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Rules.Input;

namespace PolicyLint.Rules.Tests.Input;

public class LoadDiagnosticRuleTests
{
    private static readonly Diagnostic BadCidr = new("invalid-cidr", Severity.Error, "cidr '10.0.0/8' is not a CIDR",
        new SourceSpan("net.yaml", 12, 15), new ObjectRef("NetworkPolicy", "shop", "egress"));

    private static readonly Diagnostic BadYaml = new("invalid-yaml", Severity.Error, "mapping values are not allowed here",
        new SourceSpan("broken.yaml", 3, 7));

    [Fact]
    public void Each_input_rule_reports_exactly_the_loader_diagnostics_with_its_id()
    {
        var findings = RuleRun.Analyze(new InvalidCidrRule(), Cluster.Empty, BadCidr, BadYaml);

        Assert.Equal([BadCidr], findings);
    }

    [Fact]
    public void Load_errors_become_error_findings_of_the_lint_run()
    {
        var result = RuleRun.Lint(Cluster.Empty, BadCidr, BadYaml);

        Assert.Equal(["invalid-yaml", "invalid-cidr"], result.Findings.Select(f => f.RuleId));
        Assert.All(result.Findings, f => Assert.Equal(Severity.Error, f.Severity));
        Assert.True(result.Fails(Severity.Error));
    }

    [Fact]
    public void A_loader_diagnostic_no_rule_claims_is_still_reported()
    {
        var unknown = new Diagnostic("invalid-widget", Severity.Error, "a newer loader check", new SourceSpan("w.yaml", 1, 1));

        var result = RuleRun.Lint(Cluster.Empty, unknown);

        Assert.Equal(unknown, Assert.Single(result.Findings).Diagnostic);
    }

    [Fact]
    public void Every_loader_rule_id_is_in_the_catalog()
    {
        string[] loaderIds =
        [
            "invalid-yaml", "invalid-object", "invalid-selector", "invalid-peer", "invalid-cidr", "invalid-port",
            "duplicate-object", "invalid-path", "not-kubernetes", "no-objects",
        ];

        Assert.All(loaderIds, id => Assert.NotNull(RuleRegistry.Find(id)));
    }
}
