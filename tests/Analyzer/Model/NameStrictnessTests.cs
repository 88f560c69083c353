using PolicyLint.Analyzer.Core;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Tests.Model;

/// <summary>
/// Names, namespaces and label values the API server refuses, by default and under profile
/// netpol-analyzer. Kubernetes, "Object Names and IDs": "Most resource types require a name
/// that can be used as a DNS subdomain name as defined in RFC 1123. This means the name must:
/// contain no more than 253 characters; contain only lowercase alphanumeric characters, '-' or
/// '.'; start with an alphanumeric character; end with an alphanumeric character." "Some
/// resource types require their names to follow the DNS label standard as defined in RFC 1123.
/// This means the name must: contain at most 63 characters; contain only lowercase alphanumeric
/// characters or '-'; start with an alphanumeric character; end with an alphanumeric
/// character." "Some resource types require their names to follow the DNS label standard as
/// defined in RFC 1035. This means the name must: ... start with an alphabetic character".
/// "Labels and Selectors": valid label values "must be 63 characters or less (can be empty),
/// unless empty, must begin and end with an alphanumeric character ([a-z0-9A-Z]), could
/// contain dashes (-), underscores (_), dots (.), and alphanumerics between."
/// The API server refuses such an object, so by default it is an invalid-object error and the
/// object is skipped; netpol-analyzer accepts such names, so under its profile they are a
/// warning and the object is analysed as written.
/// </summary>
public sealed class NameStrictnessTests
{
    [Theory]
    [InlineData("name: Bad_NS, namespace: shop", "metadata.name")]
    [InlineData("name: Web_Bad, namespace: shop", "metadata.name")]
    [InlineData("name: Web, namespace: shop", "metadata.name")]
    [InlineData("name: \"-web\", namespace: shop", "metadata.name")]
    [InlineData("name: web-, namespace: shop", "metadata.name")]
    [InlineData("name: _web, namespace: shop", "metadata.name")]
    [InlineData("name: web_, namespace: shop", "metadata.name")]
    [InlineData("name: web, namespace: Bad_NS", "metadata.namespace")]
    [InlineData("name: web, namespace: Shop", "metadata.namespace")]
    [InlineData("name: web, namespace: \"-shop\"", "metadata.namespace")]
    [InlineData("name: web, namespace: shop-", "metadata.namespace")]
    [InlineData("name: web, namespace: _shop", "metadata.namespace")]
    [InlineData("name: web, namespace: shop_", "metadata.namespace")]
    [InlineData("name: web, namespace: shop, labels: {app: \"-web\"}", "metadata.labels.app")]
    [InlineData("name: web, namespace: shop, labels: {app: web-}", "metadata.labels.app")]
    [InlineData("name: web, namespace: shop, labels: {app: _web}", "metadata.labels.app")]
    [InlineData("name: web, namespace: shop, labels: {app: web_}", "metadata.labels.app")]
    public void Refused_by_default_and_warned_under_the_netpol_analyzer_profile(string metadata, string field)
    {
        var yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {" + metadata + "}\n" + """
            spec:
              selector: {matchLabels: {app: x}}
              template:
                metadata: {labels: {app: x}}
                spec: {containers: [{name: c, image: i}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: fine, namespace: shop}
            spec: {containers: [{name: c, image: i}]}
            """;

        var strict = Loading.Load(yaml);
        var error = Assert.Single(strict.Diagnostics);
        Assert.Equal((Severity.Error, RuleIds.InvalidObject), (error.Severity, error.RuleId));
        Assert.Contains($": {field}: ", error.Message);
        Assert.EndsWith("the object is skipped", error.Message);
        Assert.Equal((Loading.File, 3), (error.Span.File, error.Span.Line));
        Assert.Equal(["shop/fine[Pod]"], strict.Cluster.Workloads.Select(w => w.Id));

        var lenient = ClusterLoader.LoadTexts([(Loading.File, yaml)], LoadOptions.For(AnalysisProfile.NetpolAnalyzer));
        var warning = Assert.Single(lenient.Diagnostics);
        Assert.Equal((Severity.Warning, RuleIds.InvalidObject), (warning.Severity, warning.RuleId));
        Assert.Contains($": {field}: ", warning.Message);
        Assert.Equal(2, lenient.Cluster.Workloads.Count());
    }

    [Fact]
    public void Uppercase_label_values_are_valid_either_way()
    {
        var cluster = Loading.Clean("""
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop, labels: {app: Web_Front}}
            spec: {containers: [{name: c, image: i}]}
            """);
        Assert.Single(cluster.Workloads);
    }

    [Fact]
    public void Markup_is_refused_even_under_the_netpol_analyzer_profile()
    {
        const string yaml = """
            apiVersion: v1
            kind: Pod
            metadata: {name: "<script>alert(1)</script>", namespace: shop}
            spec: {containers: [{name: c, image: i}]}
            """;
        var lenient = ClusterLoader.LoadTexts([(Loading.File, yaml)], LoadOptions.For(AnalysisProfile.NetpolAnalyzer));
        Assert.True(lenient.HasErrors);
        Assert.Empty(lenient.Cluster.Workloads);
    }

    [Fact]
    public void The_default_profile_loads_strictly()
    {
        Assert.False(LoadOptions.For(AnalysisProfile.Default).LenientNames);
        Assert.False(new LoadOptions().LenientNames);
        Assert.True(LoadOptions.For(AnalysisProfile.NetpolAnalyzer).LenientNames);
    }
}
