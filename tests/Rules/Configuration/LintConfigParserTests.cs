using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Rules.Configuration;

namespace PolicyLint.Rules.Tests.Configuration;

public class LintConfigParserTests
{
    private static LintConfigParse Parse(string text) =>
        LintConfigParser.Parse(text, "repo/.policylint.yaml", "/repo", RuleRegistry.Ids);

    [Fact]
    public void Reads_profile_rule_settings_and_ignore_patterns()
    {
        var parse = Parse("""
            profile: netpol-analyzer
            rules:
              host-network-pod: off
              policy-selects-nothing: error
              allow-all-rule: on
            ignore:
              - "examples/**"
            """);

        var config = Assert.IsType<LintConfig>(parse.Config);
        Assert.Equal(AnalysisProfile.NetpolAnalyzer, config.Profile);
        Assert.False(config.IsEnabled("host-network-pod"));
        Assert.True(config.IsEnabled("allow-all-rule"));
        Assert.Equal(Severity.Error, config.SeverityOf("policy-selects-nothing", Severity.Warning));
        Assert.Equal(Severity.Info, config.SeverityOf("allow-all-rule", Severity.Info));
        Assert.Equal("examples/**", Assert.Single(config.Ignore).Pattern);
        Assert.Equal(new SourceSpan("repo/.policylint.yaml", 3, 21), config.Rules["host-network-pod"].Span);
    }

    [Fact]
    public void An_empty_file_is_the_default_configuration()
    {
        var config = Assert.IsType<LintConfig>(Parse("").Config);

        Assert.Null(config.Profile);
        Assert.Empty(config.Rules);
    }

    [Theory]
    [InlineData("profile: strict\n", 1, 10, "unknown profile 'strict' (expected default or netpol-analyzer)")]
    [InlineData("rules:\n  host-netwrk-pod: off\n", 2, 3, "unknown rule id 'host-netwrk-pod' (run 'policylint rules' for the list)")]
    [InlineData("rules:\n  host-network-pod: loud\n", 2, 21, "unknown rule setting 'loud' (expected off, on, error, warning or info)")]
    [InlineData("rules:\n  host-network-pod: Error\n", 2, 21, "unknown rule setting 'Error' (expected off, on, error, warning or info)")]
    [InlineData("ignores:\n  - a\n", 1, 1, "unknown key 'ignores' (expected one of: profile, rules, ignore, sensitive, clusterDomain)")]
    [InlineData("ignore: vendor\n", 1, 9, "ignore must be a list of path patterns")]
    [InlineData("- rules\n", 1, 1, "the configuration must be a mapping with keys profile, rules, ignore and sensitive")]
    [InlineData("rules:\n  - host-network-pod\n", 2, 3, "rules must be a mapping from rule id to off, on, error, warning or info")]
    public void A_schema_error_is_one_diagnostic_at_its_position(string text, int line, int column, string message)
    {
        var parse = Parse(text);

        Assert.Null(parse.Config);
        var error = Assert.IsType<Diagnostic>(parse.Error);
        Assert.Equal(new SourceSpan("repo/.policylint.yaml", line, column), error.Span);
        Assert.Equal(message, error.Message);
        Assert.Equal(Severity.Error, error.Severity);
    }

    [Fact]
    public void The_cluster_domain_is_read_and_checked()
    {
        Assert.Equal("cluster.local", Assert.IsType<LintConfig>(Parse("").Config).ClusterDomain);
        Assert.Equal("corp.example", Parse("clusterDomain: corp.example.\n").Config!.ClusterDomain);
        var bad = Parse("clusterDomain: Corp_Example\n");
        Assert.Equal("'Corp_Example' is not a DNS domain (expected labels separated by dots, such as cluster.local)", bad.Error!.Message);
    }

    [Fact]
    public void Broken_yaml_is_reported_with_the_parser_position()
    {
        var parse = Parse("rules:\n  host-network-pod: [off\n");

        var error = Assert.IsType<Diagnostic>(parse.Error);
        Assert.Equal("repo/.policylint.yaml", error.Span.File);
        Assert.True(error.Span.Line >= 2, error.ToString());
    }
}

public class SensitiveConfigParserTests
{
    private static LintConfigParse Parse(string text) =>
        LintConfigParser.Parse(text, "repo/.policylint.yaml", "/repo", RuleRegistry.Ids);

    [Fact]
    public void Reads_selectors_and_hops()
    {
        var config = Assert.IsType<LintConfig>(Parse("sensitive:\n  selectors: [\"tier=db\", \"app in (vault)\"]\n  hops: 3\n").Config);

        Assert.Equal(["tier=db", "app in (vault)"], config.Sensitive.Selectors.ToArray());
        Assert.Equal(3, config.Sensitive.Hops);
        Assert.Equal(Analyzer.Queries.Paths.SensitiveWorkloads.DataStoreImages, config.Sensitive.Images);
    }

    [Fact]
    public void Reads_images_keeping_the_built_in_selectors()
    {
        var config = Assert.IsType<LintConfig>(Parse("sensitive:\n  images: [vault, orders-db]\n").Config);

        Assert.Equal(["vault", "orders-db"], config.Sensitive.Images.ToArray());
        Assert.Equal(Analyzer.Queries.Paths.SensitiveWorkloads.Default.Selectors, config.Sensitive.Selectors);
    }

    [Fact]
    public void Without_the_section_the_built_in_list_and_two_hops_apply()
    {
        var config = Assert.IsType<LintConfig>(Parse("profile: default\n").Config);

        Assert.Same(Analyzer.Queries.Paths.SensitiveWorkloads.Default, config.Sensitive);
        Assert.Equal(2, config.Sensitive.Hops);
    }

    [Theory]
    [InlineData("sensitive:\n  selectors: [\"tier in (db\"]\n", 2, 15, "bad selector 'tier in (db'")]
    [InlineData("sensitive:\n  hops: -1\n", 2, 9, "sensitive.hops must be a whole number from 0 to 100, not '-1'")]
    [InlineData("sensitive:\n  selector: [a]\n", 2, 3, "unknown key 'selector' in sensitive (expected one of: selectors, images, hops)")]
    [InlineData("sensitive:\n  images: [\"docker.io/postgres:16\"]\n", 2, 12, "a sensitive image must be a bare image name")]
    [InlineData("sensitive:\n  images: postgres\n", 2, 11, "sensitive.images must be a list of image names")]
    [InlineData("sensitive:\n  selectors: [\"\"]\n", 2, 15, "a sensitive selector must not be empty")]
    public void Mistakes_are_errors_at_their_position(string text, int line, int column, string message)
    {
        var error = Assert.IsType<Diagnostic>(Parse(text).Error);

        Assert.Equal(new SourceSpan("repo/.policylint.yaml", line, column), error.Span);
        Assert.StartsWith(message, error.Message);
    }
}
