using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Tests.Model.Calico;

/// <summary>
/// Calico's selector language as its reference documents it ("Selectors", projectcalico.org/v3
/// NetworkPolicy and GlobalNetworkPolicy).
/// </summary>
public sealed class CalicoSelectorParserTests
{
    private static bool Matches(string selector, params (string Key, string Value)[] labels)
    {
        var parsed = CalicoSelectorParser.Parse(selector);
        Assert.True(parsed.Succeeded, parsed.Error);
        return parsed.Selector!.Matches(Labels.Of(labels));
    }

    // "k == 'v'  Matches resources with the label 'k' and value 'v'."
    [Fact]
    public void Equality_needs_the_label_with_that_value()
    {
        Assert.True(Matches("app == 'web'", ("app", "web")));
        Assert.True(Matches("app == \"web\"", ("app", "web")));
        Assert.False(Matches("app == 'web'", ("app", "api")));
        Assert.False(Matches("app == 'web'"));
    }

    // "k != 'v'  Matches resources without label 'k' or with label 'k' and value not equal to v"
    [Fact]
    public void Inequality_also_matches_a_resource_without_the_label()
    {
        Assert.True(Matches("app != 'web'"));
        Assert.True(Matches("app != 'web'", ("app", "api")));
        Assert.False(Matches("app != 'web'", ("app", "web")));
    }

    // "has(k)  Matches resources with label 'k', independent of value. To match pods that do not
    // have label k, combine this operator with ! to form !has(k)"
    [Fact]
    public void Has_and_not_has()
    {
        Assert.True(Matches("has(app)", ("app", "")));
        Assert.False(Matches("has(app)", ("role", "x")));
        Assert.True(Matches("!has(app)", ("role", "x")));
        Assert.False(Matches("!has(app)", ("app", "x")));
    }

    // "k in { 'v1', 'v2' }  Matches resources with label 'k' and value in the given set";
    // "k not in { 'v1', 'v2' }  Matches resources without label 'k' or with label 'k' and value not in the given set"
    [Fact]
    public void In_and_not_in()
    {
        Assert.True(Matches("tier in {'web', 'api'}", ("tier", "api")));
        Assert.False(Matches("tier in {'web', 'api'}", ("tier", "db")));
        Assert.False(Matches("tier in {'web', 'api'}"));
        Assert.True(Matches("tier not in {'web', 'api'}"));
        Assert.True(Matches("tier not in {'web','api'}", ("tier", "db")));
        Assert.False(Matches("tier not in {'web', 'api'}", ("tier", "web")));
    }

    // "all()  Match all in-scope resources. To match no resources, combine this operator with ! to form !all()."
    // "global()  Match all non-namespaced resources": pods are namespaced, so it matches none.
    [Fact]
    public void All_and_global()
    {
        Assert.True(Matches("all()"));
        Assert.False(Matches("!all()", ("app", "web")));
        Assert.False(Matches("global()", ("app", "web")));
        Assert.True(CalicoSelectorParser.Parse("global()").Selector!.NamesGlobal);
    }

    [Fact]
    public void Contains_starts_with_ends_with()
    {
        Assert.True(Matches("env contains 'rod'", ("env", "prod")));
        Assert.True(Matches("env starts with 'pr'", ("env", "prod")));
        Assert.True(Matches("env ends with 'od'", ("env", "prod")));
        Assert.False(Matches("env starts with 'od'", ("env", "prod")));
        Assert.False(Matches("env contains 'x'"));
    }

    // "Operators have the following precedence: Highest: all the match operators; Parentheses;
    // Negation with !; Conjunction with &&; Lowest: Disjunction with ||". The documented example
    // "! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}" is
    // bracketed "((!(has(my-label)) || ((my-label starts with 'prod') && (role in {'frontend','business'}))".
    [Fact]
    public void Precedence_is_the_documented_one()
    {
        const string example = "! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}";
        Assert.Equal("(!has(my-label) || (my-label starts with 'prod' && role in {'frontend', 'business'}))", CalicoSelectorParser.Parse(example).Selector!.Text);
        Assert.True(Matches(example, ("role", "x")));
        Assert.True(Matches(example, ("my-label", "prod-1"), ("role", "business")));
        Assert.False(Matches(example, ("my-label", "prod-1"), ("role", "x")));
        Assert.False(Matches(example, ("my-label", "dev"), ("role", "frontend")));
        Assert.True(Matches("(a == 'x' || b == 'y') && c == 'z'", ("b", "y"), ("c", "z")));
        Assert.False(Matches("(a == 'x' || b == 'y') && c == 'z'", ("b", "y")));
        Assert.True(Matches("!(a == 'x' && b == 'y')", ("a", "x")));
    }

    [Fact]
    public void Keys_with_prefixes_dots_and_dashes()
    {
        Assert.True(Matches("projectcalico.org/name == 'calico-api'", ("projectcalico.org/name", "calico-api")));
        Assert.Equal(["a", "k8s.io/b-c_d"], CalicoSelectorParser.Parse("a == 'x' && has(k8s.io/b-c_d)").Selector!.Keys.ToList());
    }

    [Theory]
    [InlineData("app = 'web'", 4, "expected an operator")]
    [InlineData("app == web", 7, "expected a quoted value")]
    [InlineData("app == 'web", 7, "unterminated quoted value")]
    [InlineData("has(app", 7, "expected \")\"")]
    [InlineData("(app == 'x'", 11, "expected \")\"")]
    [InlineData("app == 'x' &&", 13, "expected an expression")]
    [InlineData("app == 'x' garbage", 11, "unexpected")]
    [InlineData("any()", 0, "unknown function")]
    [InlineData("tier in {'a' 'b'}", 13, "expected \"}\"")]
    [InlineData("tier not within {'a'}", 9, "expected \"in\"")]
    public void Errors_say_what_and_where(string text, int offset, string problem)
    {
        var parsed = CalicoSelectorParser.Parse(text);
        Assert.False(parsed.Succeeded);
        Assert.Contains(problem, parsed.Error);
        Assert.Equal(offset, parsed.Offset);
    }
}
