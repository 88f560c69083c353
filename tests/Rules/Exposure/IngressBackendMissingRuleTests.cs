using PolicyLint.Rules.Exposure;
using static PolicyLint.Rules.Tests.Exposure.ExposureManifests;

namespace PolicyLint.Rules.Tests.Exposure;

public class IngressBackendMissingRuleTests
{
    private static readonly IngressBackendMissingRule Rule = new();

    [Fact]
    public void Fires_at_the_backend_for_a_missing_service()
    {
        var cluster = Load(Deployment("web"), Ingress("nope", "{number: 80}"));

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(At(22, 17), finding.Span);
        Assert.StartsWith("Ingress a/shop sends traffic to Service a/nope, which is not in the input", finding.Message);
    }

    [Theory]
    [InlineData("{number: 8443}", "port 8443")]
    [InlineData("{name: https}", "port https")]
    public void Fires_for_a_port_the_service_does_not_have(string port, string expected)
    {
        var cluster = Load(Deployment("web"), Service("web", "web", "[{port: 80, name: http, targetPort: 8080}]"), Ingress("web", port));

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Contains($"sends traffic to {expected} of Service a/web, which has no such port (it has 80 (http))", finding.Message);
    }

    [Theory]
    [InlineData("{number: 80}")]
    [InlineData("{name: http}")]
    public void Does_not_fire_for_an_existing_port(string port)
    {
        var cluster = Load(Deployment("web"), Service("web", "web", "[{port: 80, name: http, targetPort: 8080}]"), Ingress("web", port));

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Checks_route_backends_too()
    {
        const string route = """
            apiVersion: route.openshift.io/v1
            kind: Route
            metadata: {name: shop, namespace: a}
            spec:
              to: {kind: Service, name: web}
              port: {targetPort: 9999}

            """;
        var cluster = Load(Deployment("web"), Service("web", "web", "[{port: 80, targetPort: 8080}]"), route);

        Assert.Contains("Route a/shop sends traffic to port 9999", Assert.Single(RuleRun.Analyze(Rule, cluster)).Message);
    }
}
