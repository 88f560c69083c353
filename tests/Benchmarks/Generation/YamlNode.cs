namespace PolicyLint.Benchmarks.Generation;

/// <summary>
/// A tiny YAML document tree the generator builds before writing. Maps keep insertion order so
/// output is byte-identical for the same input.
/// </summary>
internal abstract record YamlNode;

/// <summary>A scalar. Plain scalars (numbers, booleans) are written as they are; text is quoted when YAML would read it otherwise.</summary>
internal sealed record YamlScalar(string Text, bool Plain) : YamlNode
{
    public static YamlScalar Of(string text) => new(text, Plain: false);
    public static YamlScalar Of(int number) => new(number.ToString(System.Globalization.CultureInfo.InvariantCulture), Plain: true);
    public static YamlScalar Of(bool value) => new(value ? "true" : "false", Plain: true);
}

internal sealed record YamlSequence(List<YamlNode> Items) : YamlNode
{
    public YamlSequence() : this(new List<YamlNode>()) { }

    public YamlSequence Add(YamlNode item)
    {
        Items.Add(item);
        return this;
    }

    public static YamlSequence Of(params YamlNode[] items) => new(items.ToList());

    public static YamlSequence OfText(params string[] items) => new(items.Select(i => (YamlNode)YamlScalar.Of(i)).ToList());
}

internal sealed record YamlMap(List<KeyValuePair<string, YamlNode>> Entries) : YamlNode
{
    public YamlMap() : this(new List<KeyValuePair<string, YamlNode>>()) { }

    public YamlMap Add(string key, YamlNode value)
    {
        Entries.Add(KeyValuePair.Create(key, value));
        return this;
    }

    public YamlMap Add(string key, string value) => Add(key, YamlScalar.Of(value));

    public YamlMap Add(string key, int value) => Add(key, YamlScalar.Of(value));

    public YamlMap Add(string key, bool value) => Add(key, YamlScalar.Of(value));

    /// <summary>A map of text values, in the order given (labels, matchLabels, selectors).</summary>
    public static YamlMap OfText(IEnumerable<(string Key, string Value)> pairs)
    {
        var map = new YamlMap();
        foreach (var (key, value) in pairs) map.Add(key, value);
        return map;
    }
}
