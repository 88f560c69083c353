using PolicyLint.Rules.Exposure;
using static PolicyLint.Rules.Tests.Exposure.ExposureManifests;

namespace PolicyLint.Rules.Tests.Exposure;

public class ServiceSelectsNothingRuleTests
{
    private static readonly ServiceSelectsNothingRule Rule = new();

    [Fact]
    public void Fires_when_no_workload_of_the_namespace_has_the_labels()
    {
        var cluster = Load(Deployment("web"), Service("ghost", "ghost", "[{port: 80}]"));

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(cluster.Services[0].SelectorSpan, finding.Span);
        Assert.NotNull(finding.Span);
        Assert.StartsWith("Service a/ghost selects no workload: no pod in namespace a has the labels app=ghost", finding.Message);
    }

    [Fact]
    public void Does_not_fire_when_a_workload_matches_or_the_service_has_no_selector()
    {
        var cluster = Load(Deployment("web"), Service("web", "web", "[{port: 80}]"),
            "apiVersion: v1\nkind: Service\nmetadata: {name: manual, namespace: a}\nspec:\n  ports: [{port: 80}]\n");

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }
}
