using PolicyLint.Rules.Configuration;

namespace PolicyLint.Rules.Tests.Configuration;

public class PathGlobTests
{
    [Theory]
    [InlineData("examples/**", "examples/a.yaml", true)]
    [InlineData("examples/**", "examples/deep/a.yaml", true)]
    [InlineData("examples/**", "src/examples/a.yaml", false)]
    [InlineData("examples", "src/examples/a.yaml", true)]
    [InlineData("*.json", "deploy/values.json", true)]
    [InlineData("*.json", "deploy/values.yaml", false)]
    [InlineData("deploy/*.yaml", "deploy/a.yaml", true)]
    [InlineData("deploy/*.yaml", "deploy/sub/a.yaml", false)]
    [InlineData("**/test/*.yaml", "a/b/test/x.yaml", true)]
    [InlineData("**/test/*.yaml", "test/x.yaml", true)]
    [InlineData("./vendor/", "vendor/x/y.yaml", true)]
    [InlineData("a?c.yaml", "abc.yaml", true)]
    [InlineData("a?c.yaml", "a/c.yaml", false)]
    [InlineData("a.yaml", "xa.yaml", false)]
    public void Matches_like_gitignore(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, new PathGlob(pattern).Matches(path));
    }

    [Fact]
    public void Paths_are_resolved_from_the_working_directory_and_anchored_at_the_config_directory()
    {
        var config = LintConfig.Default("/repo") with { Ignore = [new PathGlob("examples/**")] };

        Assert.True(config.IsIgnored("examples/a.yaml", "/repo"));
        Assert.True(config.IsIgnored("../examples/a.yaml", "/repo/deploy"));
        Assert.False(config.IsIgnored("deploy/a.yaml", "/repo"));
        Assert.False(config.IsIgnored("/elsewhere/examples/a.yaml", "/repo"));
        Assert.False(config.IsIgnored("-", "/repo"));
    }
}
