using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Tests.Manifests;

public sealed class SharedTextsTests
{
    [Fact]
    public void A_repeated_text_is_handed_out_as_the_string_seen_first()
    {
        var texts = new SharedTexts();
        var first = texts.Share(new string("payments".AsSpan()));
        var again = texts.Share(new string("payments".AsSpan()));
        Assert.Same(first, again);
    }

    [Fact]
    public void A_different_text_is_never_replaced()
    {
        var texts = new SharedTexts();
        var seen = new List<string>();
        // Far more texts than the table has slots: collisions must replace, never confuse.
        for (var i = 0; i < 50_000; i++)
        {
            var text = $"label-{i}";
            Assert.Equal(text, texts.Share(text));
            seen.Add(text);
        }
        for (var i = 0; i < seen.Count; i++)
        {
            Assert.Equal($"label-{i}", texts.Share(new string(seen[i].AsSpan())));
        }
    }

    [Fact]
    public void Long_and_empty_texts_are_returned_as_given()
    {
        var texts = new SharedTexts();
        var image = new string('x', 65);
        texts.Share(image);
        var copy = new string(image.AsSpan());
        Assert.Same(copy, texts.Share(copy));
    }

    [Fact]
    public void Objects_of_one_load_share_their_repeated_label_texts()
    {
        var loaded = ClusterLoader.LoadTexts([
            ("a.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: payments\n"),
            ("b.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bank\n  labels:\n    team: payments\n"),
        ]);
        var namespaces = loaded.Cluster.Namespaces;
        Assert.Equal(2, namespaces.Length);
        var (first, second) = (namespaces[0].Meta.Labels, namespaces[1].Meta.Labels);
        Assert.Equal("payments", first["team"]);
        Assert.Same(first["team"], second["team"]);
        Assert.Same(first.Keys.Single(k => k == "team"), second.Keys.Single(k => k == "team"));
    }
}
