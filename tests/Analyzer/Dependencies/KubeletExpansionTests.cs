using PolicyLint.Analyzer.Queries.Dependencies;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Analyzer.Tests.Dependencies;

/// <summary>
/// Kubernetes, "Define Dependent Environment Variables" and the EnvVar API reference:
/// "Variables that reference a $(VAR_NAME) are expanded using the previous defined environment
/// variables in the container and any service environment variables. If a variable cannot be
/// resolved, the reference in the input string will be unchanged. The $(VAR_NAME) syntax can be
/// escaped with a double $$, ie: $$(VAR_NAME). Escaped references will never be expanded,
/// regardless of whether the variable exists or not."
/// </summary>
public class KubeletExpansionTests
{
    private static readonly Dictionary<string, string> Env = new()
    {
        ["SERVICE_PORT"] = "80",
        ["SERVICE_IP"] = "172.17.0.1",
        ["PROTOCOL"] = "https",
    };

    private static string Expand(string text) => KubeletExpansion.Expand(text, Env.GetValueOrDefault);

    [Fact]
    public void Known_variables_are_expanded() =>
        Assert.Equal("https://172.17.0.1:80", Expand("$(PROTOCOL)://$(SERVICE_IP):$(SERVICE_PORT)"));

    [Fact]
    public void An_unknown_variable_is_left_unchanged() =>
        Assert.Equal("$(NOPE)://172.17.0.1:80", Expand("$(NOPE)://$(SERVICE_IP):$(SERVICE_PORT)"));

    [Fact]
    public void A_double_dollar_escapes_the_reference() =>
        Assert.Equal("$(PROTOCOL)://172.17.0.1:80", Expand("$$(PROTOCOL)://$(SERVICE_IP):$(SERVICE_PORT)"));

    [Theory]
    [InlineData("$", "$")]
    [InlineData("a$b", "a$b")]
    [InlineData("$(PROTOCOL", "$(PROTOCOL")]
    [InlineData("$$$$", "$$")]
    [InlineData("$$$(PROTOCOL)", "$https")]
    public void Other_dollars_are_kept(string input, string expected) => Assert.Equal(expected, Expand(input));
}
