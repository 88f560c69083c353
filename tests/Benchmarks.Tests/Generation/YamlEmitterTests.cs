using PolicyLint.Benchmarks.Generation;
using YamlDotNet.RepresentationModel;

namespace PolicyLint.Benchmarks.Tests.Generation;

public sealed class YamlEmitterTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("No")]
    [InlineData("null")]
    [InlineData("1.0")]
    [InlineData("3")]
    [InlineData("0x1F")]
    [InlineData("1:20")]
    [InlineData("")]
    [InlineData("- dash")]
    [InlineData("a: b")]
    [InlineData("ends:")]
    [InlineData("*alias")]
    [InlineData("\"quoted\" at the start")]
    public void Strings_a_YAML_reader_would_take_otherwise_are_quoted_and_read_back_unchanged(string text)
    {
        Assert.True(YamlEmitter.NeedsQuotes(text));
        Assert.Equal(text, RoundTrip(text));
    }

    [Theory]
    [InlineData("fd00::/8")]
    [InlineData("registry.example.com/team/app:v1")]
    [InlineData("10.0.0.0/8")]
    [InlineData("kubernetes.io/metadata.name")]
    public void Ordinary_strings_stay_plain_and_read_back_unchanged(string text)
    {
        Assert.False(YamlEmitter.NeedsQuotes(text));
        Assert.Equal(text, RoundTrip(text));
    }

    [Fact]
    public void Nested_maps_and_sequences_keep_their_structure()
    {
        var document = new YamlMap()
            .Add("spec", new YamlMap()
                .Add("empty", new YamlMap())
                .Add("none", new YamlSequence())
                .Add("items", YamlSequence.Of(new YamlMap().Add("a", 1).Add("b", YamlSequence.OfText("x", "w")), YamlScalar.Of("z"))));
        var writer = new StringWriter();
        YamlEmitter.WriteDocument(writer, document);

        Assert.Equal(
            "---\nspec:\n  empty: {}\n  none: []\n  items:\n  - a: 1\n    b:\n    - x\n    - w\n  - z\n",
            writer.ToString());
    }

    private static string RoundTrip(string text)
    {
        var writer = new StringWriter();
        YamlEmitter.WriteDocument(writer, new YamlMap().Add("key", text));
        var stream = new YamlStream();
        stream.Load(new StringReader(writer.ToString()));
        return ((YamlScalarNode)((YamlMappingNode)stream.Documents[0].RootNode)["key"]).Value!;
    }
}
