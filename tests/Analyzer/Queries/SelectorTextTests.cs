using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Analyzer.Tests.Queries;

public class SelectorTextTests
{
    private static LabelSelector Parsed(string text)
    {
        var parse = SelectorText.Parse(text);
        Assert.True(parse.IsValid, parse.Problem);
        return parse.Selector!;
    }

    private static bool Matches(string selector, params (string Key, string Value)[] labels) =>
        Parsed(selector).Matches(Labels.Of(labels));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_text_selects_everything(string text) => Assert.True(Parsed(text).SelectsEverything);

    [Fact]
    public void Equality_in_all_three_spellings()
    {
        Assert.True(Matches("team=web", ("team", "web")));
        Assert.True(Matches("team==web", ("team", "web")));
        Assert.False(Matches("team=web", ("team", "api")));
        Assert.False(Matches("team=web"));
        Assert.True(Matches("team!=web", ("team", "api")));
        Assert.True(Matches("team!=web"));
        Assert.False(Matches("team!=web", ("team", "web")));
    }

    [Fact]
    public void Set_based_requirements_and_existence()
    {
        const string selector = "env in (prod, staging),!legacy, tier notin (db)";
        Assert.True(Matches(selector, ("env", "staging")));
        Assert.True(Matches(selector, ("env", "prod"), ("tier", "web")));
        Assert.False(Matches(selector, ("env", "dev")));
        Assert.False(Matches(selector, ("env", "prod"), ("legacy", "true")));
        Assert.False(Matches(selector, ("env", "prod"), ("tier", "db")));
        Assert.True(Matches("app", ("app", "")));
        Assert.False(Matches("app"));
        Assert.Equal(3, Parsed(selector).Requirements.Length);
    }

    [Fact]
    public void Prefixed_keys_are_accepted()
    {
        Assert.True(Matches("kubernetes.io/metadata.name=shop", ("kubernetes.io/metadata.name", "shop")));
    }

    [Theory]
    [InlineData("team=web,,app=a", "empty requirement")]
    [InlineData("team=web,", "empty requirement")]
    [InlineData("env in prod", "parentheses")]
    [InlineData("env in ()", "at least one value")]
    [InlineData("env within (a)", "expected key=value")]
    [InlineData("=web", "no key")]
    [InlineData("Team_=web", "label key 'Team_'")]
    [InlineData("team=we b", "label value 'we b'")]
    [InlineData("!", "no key")]
    public void Bad_selectors_say_what_is_wrong(string text, string problem)
    {
        var parse = SelectorText.Parse(text);

        Assert.False(parse.IsValid);
        Assert.StartsWith($"bad selector '{text}': ", parse.Problem);
        Assert.Contains(problem, parse.Problem);
    }
}
