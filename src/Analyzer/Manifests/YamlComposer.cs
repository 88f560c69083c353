using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolicyLint.Analyzer.Manifests;

/// <summary>
/// Turns YamlDotNet's parser events into <see cref="YamlNode"/> trees, one document at a time,
/// so a large file never has more than one document in memory. Aliases become references to
/// the anchored node (never copies). Elements of a root-level <c>items</c> sequence (kubectl
/// List dumps) can be handed out one by one instead of being kept in the tree.
/// </summary>
public sealed class YamlComposer
{
    /// <summary>Deeper nesting is hostile input; it would otherwise overflow the stack.</summary>
    public const int MaxDepth = 256;

    private const string StringTag = "tag:yaml.org,2002:str";

    private readonly IParser _parser;
    private readonly string _file;
    private readonly SharedTexts? _texts;
    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);

    // One reusable buffer per depth: nodes are built into it and copied out at their exact
    // size, so a large file does not pay for List objects and their growth garbage per node.
    private readonly List<List<KeyValuePair<YamlNode, YamlNode>>> _entryBuffers = [];
    private readonly List<List<YamlNode>> _itemBuffers = [];
    private bool _started;

    /// <param name="texts">Shares repeated scalar texts across the documents and files of one load (see <see cref="SharedTexts"/>).</param>
    public YamlComposer(TextReader reader, string file, SharedTexts? texts = null)
    {
        _parser = new Parser(new Scanner(reader, skipComments: true));
        _file = file;
        _texts = texts;
    }

    /// <summary>Called with each element of the root mapping's <c>items</c> sequence, its index, and the root's kind when it came before <c>items</c>.</summary>
    public delegate void RootItemHandler(YamlNode item, int index, string? rootKindSoFar);

    /// <summary>
    /// Reads the next document. Returns false at the end of the stream. <paramref name="root"/>
    /// is null for an empty document. When <paramref name="onRootItem"/> is given and the root
    /// is a mapping with an <c>items</c> sequence, the elements go to it and the tree keeps an
    /// empty <c>items</c> sequence in their place.
    /// </summary>
    /// <exception cref="YamlException">the text is not YAML.</exception>
    /// <exception cref="ManifestInputException">the text is not text, or nests too deep, or an alias names no anchor.</exception>
    public bool ReadDocument(RootItemHandler? onRootItem, out YamlNode? root)
    {
        root = null;
        if (!_started)
        {
            _started = true;
            Advance();
            if (_parser.Current is StreamStart) Advance();
        }
        if (_parser.Current is null or StreamEnd) return false;
        if (_parser.Current is not DocumentStart) throw Unexpected(_parser.Current);
        Advance();
        _anchors.Clear();
        if (_parser.Current is not DocumentEnd)
        {
            root = onRootItem is not null && _parser.Current is MappingStart
                ? ReadRootMapping(onRootItem)
                : ReadNode(0);
            if (root is YamlScalar { IsNull: true }) root = null;
        }
        if (_parser.Current is not DocumentEnd) throw Unexpected(_parser.Current);
        Advance();
        _anchors.Clear();
        return true;
    }

    private YamlMapping ReadRootMapping(RootItemHandler onRootItem)
    {
        var start = (MappingStart)_parser.Current!;
        Advance();
        var entries = EntryBuffer(0);
        string? kind = null;
        while (_parser.Current is not MappingEnd)
        {
            var key = ReadNode(1);
            YamlNode value;
            if (key is YamlScalar { Value: "items" } && _parser.Current is SequenceStart itemsStart)
            {
                value = StreamItems(itemsStart, onRootItem, kind);
            }
            else
            {
                value = ReadNode(1);
                if (key is YamlScalar { Value: "kind" } && value is YamlScalar kindScalar) kind = kindScalar.Value;
            }
            entries.Add(new(key, value));
        }
        Advance();
        CheckUniqueKeys(entries);
        var mapping = new YamlMapping(Drain(entries), _file, Line(start), Column(start));
        Register(start.Anchor, mapping);
        return mapping;
    }

    private YamlSequence StreamItems(SequenceStart itemsStart, RootItemHandler onRootItem, string? kind)
    {
        Advance();
        var index = 0;
        while (_parser.Current is not SequenceEnd)
        {
            onRootItem(ReadNode(2), index++, kind);
        }
        Advance();
        return new YamlSequence([], _file, Line(itemsStart), Column(itemsStart));
    }

    private YamlNode ReadNode(int depth)
    {
        var current = _parser.Current;
        if (depth > MaxDepth) throw new ManifestInputException(Line(current!), Column(current!), $"nesting is deeper than {MaxDepth} levels");
        switch (current)
        {
            case Scalar scalar:
            {
                Advance();
                var isPlain = scalar.Style == ScalarStyle.Plain && (scalar.Tag.IsEmpty || scalar.Tag.Value != StringTag);
                var value = _texts is null ? scalar.Value : _texts.Share(scalar.Value);
                var node = new YamlScalar(value, isPlain, _file, Line(scalar), Column(scalar));
                Register(scalar.Anchor, node);
                return node;
            }
            case AnchorAlias alias:
            {
                Advance();
                if (_anchors.TryGetValue(alias.Value.Value, out var target)) return target;
                throw new ManifestInputException(Line(alias), Column(alias),
                    $"alias *{alias.Value.Value} names no anchor defined before it (an alias may not point into its own anchored node)");
            }
            case SequenceStart sequenceStart:
            {
                Advance();
                var items = ItemBuffer(depth);
                while (_parser.Current is not SequenceEnd) items.Add(ReadNode(depth + 1));
                Advance();
                var node = new YamlSequence(Drain(items), _file, Line(sequenceStart), Column(sequenceStart));
                Register(sequenceStart.Anchor, node);
                return node;
            }
            case MappingStart mappingStart:
            {
                Advance();
                var entries = EntryBuffer(depth);
                while (_parser.Current is not MappingEnd)
                {
                    var key = ReadNode(depth + 1);
                    var value = ReadNode(depth + 1);
                    entries.Add(new(key, value));
                }
                Advance();
                CheckUniqueKeys(entries);
                var node = new YamlMapping(Drain(entries), _file, Line(mappingStart), Column(mappingStart));
                Register(mappingStart.Anchor, node);
                return node;
            }
            default:
                throw Unexpected(current);
        }
    }

    /// <summary>
    /// Moves to the next event. YamlDotNet reports most syntax errors as YamlException, but a few
    /// broken inputs (an unclosed flow sequence running into block content) make it fail with an
    /// InvalidOperationException; that is reported at the last event read, which opened the
    /// construct the parser could not finish.
    /// </summary>
    private void Advance()
    {
        var last = _parser.Current;
        try
        {
            _parser.MoveNext();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            var (line, column) = last is null ? (1, 1) : (Line(last), Column(last));
            throw new ManifestInputException(line, column,
                "not valid YAML: the parser could not finish the construct that starts here (an unclosed bracket, brace or quote?)");
        }
    }

    /// <summary>
    /// YAML requires unique keys, and kubectl refuses a duplicate ("already set in map"); taking
    /// either value silently would analyse something other than what the cluster would get.
    /// </summary>
    private static void CheckUniqueKeys(List<KeyValuePair<YamlNode, YamlNode>> entries)
    {
        const int LinearLimit = 16;
        if (entries.Count <= LinearLimit)
        {
            for (var i = 1; i < entries.Count; i++)
            {
                if (entries[i].Key is not YamlScalar key) continue;
                for (var j = 0; j < i; j++)
                {
                    if (entries[j].Key is YamlScalar earlier && earlier.Value == key.Value) throw DuplicateKey(key, earlier);
                }
            }
            return;
        }
        var seen = new Dictionary<string, YamlScalar>(entries.Count, StringComparer.Ordinal);
        foreach (var (keyNode, _) in entries)
        {
            if (keyNode is YamlScalar key && !seen.TryAdd(key.Value, key)) throw DuplicateKey(key, seen[key.Value]);
        }
    }

    private static ManifestInputException DuplicateKey(YamlScalar key, YamlScalar earlier) =>
        new(key.Line, key.Column, $"mapping key \"{key.Value}\" is already defined at line {earlier.Line}");

    private List<KeyValuePair<YamlNode, YamlNode>> EntryBuffer(int depth)
    {
        while (_entryBuffers.Count <= depth) _entryBuffers.Add([]);
        return _entryBuffers[depth];
    }

    private List<YamlNode> ItemBuffer(int depth)
    {
        while (_itemBuffers.Count <= depth) _itemBuffers.Add([]);
        return _itemBuffers[depth];
    }

    private static T[] Drain<T>(List<T> buffer)
    {
        if (buffer.Count == 0) return [];
        var array = buffer.ToArray();
        buffer.Clear();
        return array;
    }

    private void Register(AnchorName anchor, YamlNode node)
    {
        if (!anchor.IsEmpty) _anchors[anchor.Value] = node;
    }

    private static int Line(ParsingEvent e) => (int)e.Start.Line;
    private static int Column(ParsingEvent e) => (int)e.Start.Column;

    private static ManifestInputException Unexpected(ParsingEvent? e) => e is null
        ? new ManifestInputException(1, 1, "unexpected end of input")
        : new ManifestInputException(Line(e), Column(e), $"unexpected {e.GetType().Name}");
}
