using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Tests.Manifests;

public sealed class YamlComposerTests
{
    private static List<YamlNode?> Compose(string text)
    {
        var composer = new YamlComposer(new ManifestTextReader(new StringReader(text)), "f.yaml");
        var documents = new List<YamlNode?>();
        while (composer.ReadDocument(null, out var root)) documents.Add(root);
        return documents;
    }

    [Fact]
    public void Scalars_remember_whether_they_were_quoted()
    {
        var root = (YamlMapping)Compose("a: 80\nb: \"80\"\nc: '80'\nd: !!str 80\ne: |\n  80\n")[0]!;
        Assert.True(((YamlScalar)root.Get("a")!).IsPlain);
        Assert.False(((YamlScalar)root.Get("b")!).IsPlain);
        Assert.False(((YamlScalar)root.Get("c")!).IsPlain);
        Assert.False(((YamlScalar)root.Get("d")!).IsPlain);
        Assert.False(((YamlScalar)root.Get("e")!).IsPlain);
        Assert.Equal("80", ((YamlScalar)root.Get("b")!).Value);
    }

    [Fact]
    public void Nodes_have_one_based_positions()
    {
        var root = (YamlMapping)Compose("key:\n  - x\n  - {y: 1}\n")[0]!;
        Assert.Equal(new SourceSpan("f.yaml", 1, 1), root.Span);
        var sequence = (YamlSequence)root.Get("key")!;
        Assert.Equal(new SourceSpan("f.yaml", 2, 3), sequence.Span);
        Assert.Equal(new SourceSpan("f.yaml", 2, 5), sequence.Items[0].Span);
        Assert.Equal(new SourceSpan("f.yaml", 3, 5), sequence.Items[1].Span);
    }

    [Fact]
    public void An_alias_is_the_anchored_node_itself_not_a_copy()
    {
        var root = (YamlMapping)Compose("a: &x {k: v}\nb: *x\nc: [*x, *x]\n")[0]!;
        Assert.Same(root.Get("a"), root.Get("b"));
        Assert.Same(root.Get("a"), ((YamlSequence)root.Get("c")!).Items[1]);
    }

    [Fact]
    public void Alias_to_an_unknown_or_enclosing_anchor_is_an_error()
    {
        var unknown = Assert.Throws<ManifestInputException>(() => Compose("a: *nowhere\n"));
        Assert.Equal((1, 4), (unknown.Line, unknown.Column));
        var cyclic = Assert.Throws<ManifestInputException>(() => Compose("a: &x [1, *x]\n"));
        Assert.Contains("alias *x names no anchor", cyclic.Message);
    }

    [Fact]
    public void Empty_documents_are_null_and_multi_document_streams_split()
    {
        var documents = Compose("---\n---\na: 1\n---\n# only a comment\n");
        Assert.Equal(3, documents.Count);
        Assert.Null(documents[0]);
        Assert.IsType<YamlMapping>(documents[1]);
        Assert.Null(documents[2]);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_an_error_not_a_stack_overflow()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var error = Assert.Throws<ManifestInputException>(() => Compose(deep));
        Assert.Contains("nesting is deeper than", error.Message);
    }

    [Fact]
    public void Root_items_can_be_streamed_out_of_the_tree()
    {
        var composer = new YamlComposer(new ManifestTextReader(new StringReader("kind: PodList\nitems:\n- a: 1\n- a: 2\n")), "f.yaml");
        var seen = new List<(int Index, string? Kind)>();
        Assert.True(composer.ReadDocument((item, index, kind) => seen.Add((index, kind)), out var root));
        Assert.Equal([(0, "PodList"), (1, "PodList")], seen);
        Assert.Equal(0, ((YamlSequence)((YamlMapping)root!).Get("items")!).Count);
    }

    [Fact]
    public void Duplicate_keys_are_an_error_as_kubectl_makes_them()
    {
        var small = Assert.Throws<ManifestInputException>(() => Compose("a: 1\nb: 2\na: 3\n"));
        Assert.Equal((3, 1), (small.Line, small.Column));
        Assert.Equal("mapping key \"a\" is already defined at line 1", small.Message);
        var keys = string.Concat(Enumerable.Range(0, 40).Select(i => $"k{i}: v\n"));
        var large = Assert.Throws<ManifestInputException>(() => Compose(keys + "k7: again\n"));
        Assert.Equal(41, large.Line);
        Assert.Single(Compose(keys));
    }
}
