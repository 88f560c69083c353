namespace PolicyLint.Analyzer.Manifests;

/// <summary>
/// A node of a parsed YAML (or JSON) document with the position of its first character.
/// Aliases are not copied: an alias is the very node object its anchor names, so a document
/// is a DAG and readers must bound what they walk (see <see cref="VisitBudget"/>).
/// </summary>
public abstract class YamlNode
{
    private protected YamlNode(string file, int line, int column)
    {
        File = file;
        Line = line;
        Column = column;
    }

    public string File { get; }
    public int Line { get; }
    public int Column { get; }

    /// <summary>Allocated on demand: most nodes never need their span.</summary>
    public SourceSpan Span => new(File, Line, Column);

    /// <summary>"a scalar", "a mapping", "a sequence": for messages that say what was found.</summary>
    public abstract string Description { get; }
}

/// <summary>
/// A scalar. IsPlain is false for quoted, block and explicitly <c>!!str</c>-tagged scalars, so
/// <c>"80"</c> (a string) and <c>80</c> (a number) can be told apart.
/// </summary>
public sealed class YamlScalar : YamlNode
{
    public YamlScalar(string value, bool isPlain, string file, int line, int column)
        : base(file, line, column)
    {
        Value = value;
        IsPlain = isPlain;
    }

    public string Value { get; }
    public bool IsPlain { get; }

    /// <summary>YAML's null: an empty plain scalar, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Description => IsNull ? "null" : IsPlain ? $"the scalar {Value}" : $"the string \"{Value}\"";
}

/// <summary>A mapping; entries keep document order. Lookups compare scalar keys ordinally.</summary>
public sealed class YamlMapping : YamlNode
{
    private readonly KeyValuePair<YamlNode, YamlNode>[] _entries;

    public YamlMapping(KeyValuePair<YamlNode, YamlNode>[] entries, string file, int line, int column)
        : base(file, line, column) => _entries = entries;

    public IReadOnlyList<KeyValuePair<YamlNode, YamlNode>> Entries => _entries;
    public int Count => _entries.Length;

    /// <summary>The value under a scalar key, or null. The first entry wins when a key repeats.</summary>
    public YamlNode? Get(string key)
    {
        var entries = _entries;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Key is YamlScalar scalar && scalar.Value == key) return entries[i].Value;
        }
        return null;
    }

    /// <summary>The scalar under a key as text, or null when absent or not a scalar.</summary>
    public string? GetText(string key) => Get(key) is YamlScalar { IsNull: false } scalar ? scalar.Value : null;

    public override string Description => "a mapping";
}

/// <summary>A sequence of nodes in document order.</summary>
public sealed class YamlSequence : YamlNode
{
    private readonly YamlNode[] _items;

    public YamlSequence(YamlNode[] items, string file, int line, int column)
        : base(file, line, column) => _items = items;

    public IReadOnlyList<YamlNode> Items => _items;
    public int Count => _items.Length;

    public override string Description => "a sequence";
}
