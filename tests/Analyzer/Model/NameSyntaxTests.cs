using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Tests.Model;

/// <summary>
/// Object names as the API server validates them. Kubernetes, "Object Names and IDs": "DNS
/// Subdomain Names ... contain no more than 253 characters; contain only lowercase alphanumeric
/// characters, '-' or '.'; start with an alphanumeric character; end with an alphanumeric
/// character"; "RFC 1123 Label Names ... at most 63 characters"; "RFC 1035 Label Names ... start
/// with an alphabetic character". Namespaces are RFC 1123 labels; Services RFC 1035 labels.
/// </summary>
public sealed class NameSyntaxTests
{
    [Theory]
    [InlineData("Deployment", "web", true)]
    [InlineData("Deployment", "web.v2", true)]
    [InlineData("Deployment", "1web", true)]
    [InlineData("Deployment", "Web", false)]
    [InlineData("Deployment", "web_api", false)]
    [InlineData("Deployment", "-web", false)]
    [InlineData("Deployment", "web.", false)]
    [InlineData("Deployment", "<script>", false)]
    [InlineData("Service", "web", true)]
    [InlineData("Service", "1web", false)]
    [InlineData("Service", "web.v2", false)]
    [InlineData("Namespace", "shop", true)]
    [InlineData("Namespace", "shop.eu", false)]
    public void Names_follow_the_api_servers_rules_per_kind(string kind, string name, bool valid) =>
        Assert.Equal(valid, NameSyntax.CheckName(kind, name) is null);

    [Fact]
    public void A_subdomain_name_may_have_253_characters_and_no_more()
    {
        var label = new string('a', 63);
        var name253 = string.Join('.', label, label, label, new string('b', 61));
        Assert.Equal(253, name253.Length);
        Assert.Null(NameSyntax.CheckName("Pod", name253));
        Assert.NotNull(NameSyntax.CheckName("Pod", name253 + "c"));
        Assert.NotNull(NameSyntax.CheckNamespace(new string('a', 64)));
    }

    [Fact]
    public void A_name_with_markup_is_refused_and_a_merely_misspelt_one_is_refused_too_unless_lenient()
    {
        const string yaml = """
            apiVersion: v1
            kind: Service
            metadata: {name: "a<b>", namespace: shop}
            spec: {ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: Bad_NS}
            spec: {ports: [{port: 80}]}
            """;
        var strict = Loading.Load(yaml);
        Assert.Equal(2, strict.Diagnostics.Count(d => d.Severity == Severity.Error && d.RuleId == RuleIds.InvalidObject));
        Assert.Empty(strict.Cluster.Services);

        var lenient = ClusterLoader.LoadTexts([(Loading.File, yaml)], new LoadOptions(LenientNames: true));
        var refused = Assert.Single(lenient.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(RuleIds.InvalidObject, refused.RuleId);
        Assert.EndsWith("the object is skipped", refused.Message);
        var warned = Assert.Single(lenient.Diagnostics, d => d.Severity == Severity.Warning);
        Assert.Contains("\"Bad_NS\" is not a valid namespace", warned.Message);
        Assert.Equal(["Bad_NS/web[Service]"], lenient.Cluster.Services.Select(s => s.Id));
    }
}
