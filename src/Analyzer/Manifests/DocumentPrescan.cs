using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;

namespace PolicyLint.Analyzer.Manifests;

/// <summary>
/// A text pre-scan of one manifest file (bytes, no YAML parse) that blanks out the objects a
/// question about one pair of workloads cannot need: the Pods, controllers, ConfigMaps and
/// ServiceAccounts of namespaces outside the <see cref="NamespaceFocus"/>. Blanked lines keep
/// their line break, so every object that is parsed keeps its real file:line:col.
/// </summary>
/// <remarks>
/// <para>
/// Soundness: the pre-scan may only skip, never guess. It reads a file only where the text
/// says with certainty what YAML would make of it, and leaves everything else to the parser:
/// </para>
/// <list type="bullet">
/// <item>Documents are split at <c>---</c> and <c>...</c> lines at column 0: YAML ends every
/// construct there (a block scalar, a plain scalar; in a quoted one it is an error), so what one
/// document holds cannot depend on another. A file with directives (<c>%</c>), line breaks other
/// than LF and CRLF (a lone CR, NEL, LS, PS: YAML counts them as lines) is not pre-scanned.</item>
/// <item>A document is read only while every line is a block-style line the scan understands:
/// blank, a comment, or <c>[- ]key: value</c> / <c>- value</c> with a plain scalar, a quoted
/// scalar closed on the same line, a flow collection of plain scalars closed on the same line
/// (<c>{}</c>, <c>[a, b]</c>; it names no kind, namespace or metadata), or a block scalar (<c>|</c>, <c>&gt;</c>)
/// whose more indented lines are then skipped as its content. Such lines cannot open anything
/// that spans lines, so indentation alone gives the structure. At the first other line (flow
/// collections, JSON, anchors, aliases, tags, multi-line quoted or plain scalars, tabs) the scan
/// of that document stops: nothing after it is skipped, and the document itself only if the
/// line lies in an item that is not skipped.</item>
/// <item>An object is skipped only when its top-level <c>apiVersion</c>, <c>kind</c> and
/// <c>metadata.namespace</c> (at the indentation of metadata's first key; absent: the default
/// namespace, as the loader places it) are read, each once, and name a kind of
/// <see cref="IsSkippable"/> in a namespace outside the focus. A root <c>kind: *List</c>
/// document's <c>items</c> are skipped one by one, those that carry their own apiVersion and
/// kind; the root's kind must have been read, so the list itself is still read as a list.</item>
/// <item>A controller is skipped only when every <c>replicas</c> and <c>parallelism</c> it
/// holds is a positive number: one scaled to 0 appears in every answer's notes.</item>
/// </list>
/// Skipped objects are not validated: an invalid one is not reported (lint and report read
/// every object). The owners that skipped objects name are returned, so a caller can check
/// that no workload it read might have been grouped with them (docs/can-reach.md).
/// </remarks>
public static class DocumentPrescan
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>The text to parse (the input itself when nothing is skipped) and what was skipped.</summary>
    public sealed record Result(byte[] Text, SkippedObjects Skipped);

    public static Result Apply(byte[] text, NamespaceFocus focus)
    {
        if (!HasOnlyPlainLineBreaks(text)) return new Result(text, SkippedObjects.None);
        var lines = SplitLines(text);
        var scan = new FileScan(text, lines, focus);
        if (!scan.Run()) return new Result(text, SkippedObjects.None);
        if (scan.Blank.Count == 0) return new Result(text, SkippedObjects.None);
        return new Result(BlankOut(text, lines, scan.Blank), new SkippedObjects(scan.Count, [.. scan.Owners]) { LabelKeys = [.. scan.LabelKeys], AddressBlocks = [.. scan.AddressBlocks] });
    }

    /// <summary>
    /// The kinds whose objects only matter to pairs in their own namespace: pods and the
    /// controllers that group them (a workload and its classes), ConfigMaps (read by the
    /// workloads of their namespace, docs/dependencies.md) and ServiceAccounts (matched by the
    /// Calico policies that select pods of their namespace), Ingresses (they route traffic from
    /// the ingress controller only, a pair this pre-scan is never used for), Kubernetes
    /// NetworkPolicies (<see cref="IsNetworkPolicy"/>) and Services (<see cref="IsService"/>).
    /// Everything else (namespaces, the other policy kinds, Endpoints, EndpointSlices, Routes,
    /// cluster-scoped and unknown kinds) is
    /// always read: they select or name pods across namespaces (a Calico GlobalNetworkPolicy, a
    /// Cilium toServices rule), name tiers every answer's notes list, or split the pods of a
    /// workload into parts through their selectors (docs/split-workloads.md).
    /// </summary>
    public static bool IsSkippable(string apiVersion, string kind) => (apiVersion, kind) switch
    {
        ("v1", "Pod" or "ConfigMap" or "ServiceAccount") => true,
        ("networking.k8s.io/v1", "Ingress") => true,
        _ => IsNetworkPolicy(apiVersion, kind) || IsService(apiVersion, kind) || IsController(apiVersion, kind),
    };

    /// <summary>
    /// A Service: "The set of Pods targeted by a Service is usually determined by a selector"
    /// and a Service selects pods of its own namespace, so it carries no traffic of another
    /// namespace's pair; but its selector may split a workload elsewhere into parts, so its label
    /// keys are collected like a NetworkPolicy's, and a Cilium toServices rule (which names
    /// Services of any namespace) makes the caller read everything.
    /// </summary>
    private static bool IsService(string apiVersion, string kind) => apiVersion == "v1" && kind == "Service";

    /// <summary>
    /// A Kubernetes NetworkPolicy: "Each NetworkPolicy includes a podSelector which selects the
    /// grouping of pods to which the policy applies" (Kubernetes, "Network Policies"), and "An
    /// empty podSelector matches all pods in this namespace" (API reference): it applies to the
    /// pods of its own namespace, so it decides no traffic of another namespace's pods. It may still tell apart the pods of a workload elsewhere (its
    /// selectors' label keys, its ipBlocks: docs/split-workloads.md), so the label keys and
    /// address blocks it names are collected for the caller to check.
    /// </summary>
    private static bool IsNetworkPolicy(string apiVersion, string kind) => apiVersion == "networking.k8s.io/v1" && kind == "NetworkPolicy";

    private static bool IsController(string apiVersion, string kind) => (apiVersion, kind) switch
    {
        ("v1", "ReplicationController") => true,
        ("apps/v1", "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet") => true,
        ("batch/v1", "Job" or "CronJob") => true,
        _ => false,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HasOnlyPlainLineBreaks(byte[] text)
    {
        var span = text.AsSpan();
        for (var i = span.IndexOfAny((byte)'\r', (byte)0xC2, (byte)0xE2); i >= 0; i = Next(span, i))
        {
            var b = span[i];
            if (b == '\r' && (i + 1 >= span.Length || span[i + 1] != '\n')) return false;
            if (b == 0xC2 && i + 1 < span.Length && span[i + 1] == 0x85) return false;
            if (b == 0xE2 && i + 2 < span.Length && span[i + 1] == 0x80 && span[i + 2] is 0xA8 or 0xA9) return false;
        }
        return true;

        static int Next(ReadOnlySpan<byte> span, int i) =>
            span[(i + 1)..].IndexOfAny((byte)'\r', (byte)0xC2, (byte)0xE2) is var next and >= 0 ? i + 1 + next : -1;
    }

    /// <summary>A line: its text from Start (after a byte order mark) to ContentEnd (before CR LF or LF), and End (after the break).</summary>
    private readonly record struct Line(int Start, int ContentEnd, int End);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Line[] SplitLines(byte[] text)
    {
        var lines = new List<Line>(text.Length / 24 + 1);
        var start = text.AsSpan().StartsWith(Bom) ? Bom.Length : 0;
        while (start < text.Length)
        {
            var newline = text.AsSpan(start).IndexOf((byte)'\n');
            var end = newline < 0 ? text.Length : start + newline + 1;
            var contentEnd = newline < 0 ? text.Length : start + newline;
            if (contentEnd > start && text[contentEnd - 1] == '\r') contentEnd--;
            lines.Add(new Line(start, contentEnd, end));
            start = end;
        }
        return [.. lines];
    }

    /// <summary>The text with the content of the blanked lines removed; their line breaks stay.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] BlankOut(byte[] text, Line[] lines, List<(int First, int End)> blank)
    {
        var output = new MemoryStream(text.Length);
        var from = 0;
        foreach (var (first, end) in blank)
        {
            for (var i = first; i < end; i++)
            {
                output.Write(text, from, lines[i].Start - from);
                from = lines[i].ContentEnd;
            }
        }
        output.Write(text, from, text.Length - from);
        return output.Length == output.Capacity ? output.GetBuffer() : output.ToArray();
    }

    private enum LineShape { Blank, Comment, Node, ScalarContent, Unreadable }

    /// <summary>The top-level keys the scan reads, as flags so repeats are seen.</summary>
    [Flags]
    private enum TopKey { Other = 0, Kind = 1, ApiVersion = 2, Metadata = 4, Items = 8 }

    private enum ValueKind { None, Plain, Quoted, BlockScalar, EmptyFlow, Flow }

    /// <summary>
    /// A block-style line: its indentation, whether it starts a sequence entry (the dash's
    /// column), the key (byte range, when there is one) at KeyColumn, and the value's kind and
    /// byte range (a quoted value without its quotes; Escaped when it holds an escape).
    /// </summary>
    private readonly record struct Node(
        LineShape Shape, int Indent, int DashColumn, int KeyColumn, int KeyStart, int KeyEnd,
        ValueKind Value, int ValueStart, int ValueEnd, bool Escaped)
    {
        public bool HasKey => KeyEnd > KeyStart;
        public bool HasDash => DashColumn >= 0;
    }

    /// <summary>The facts of one object that decide whether it may be skipped; null fields were not read.</summary>
    private sealed class ObjectFacts
    {
        public string? Kind;
        public string? ApiVersion;
        public string? Namespace;
        public bool Certain = true;
        public bool ScaledOrUnknown;
        private List<string>? _owners;
        private List<string>? _labelKeys;
        private List<string>? _addressBlocks;

        public List<string> Owners => _owners ??= [];
        public List<string> LabelKeys => _labelKeys ??= [];
        public List<string> AddressBlocks => _addressBlocks ??= [];

        /// <summary>Owners, label keys and address blocks, without allocating for the objects that have none.</summary>
        public IEnumerable<string> OwnersRead => _owners ?? [];
        public IEnumerable<string> LabelKeysRead => _labelKeys ?? [];
        public IEnumerable<string> AddressBlocksRead => _addressBlocks ?? [];
    }

    private sealed class FileScan(byte[] text, Line[] lines, NamespaceFocus focus)
    {
        private readonly Node[] _nodes = new Node[lines.Length];

        public List<(int First, int End)> Blank { get; } = [];
        public int Count { get; private set; }
        public HashSet<(string, string)> Owners { get; } = [];
        public HashSet<string> LabelKeys { get; } = new(StringComparer.Ordinal);
        public HashSet<string> AddressBlocks { get; } = new(StringComparer.Ordinal);

        /// <summary>False when the file has a directive: it is then parsed in full.</summary>
        public bool Run()
        {
            var start = 0;
            var startUnreadable = false;
            for (var i = 0; i < lines.Length; i++)
            {
                var line = Bytes(i);
                if (line.Length > 0 && line[0] == '%') return false;
                var isStart = IsMarker(line, "---"u8);
                if (!isStart && !IsMarker(line, "..."u8)) continue;
                if (!startUnreadable) Document(start, i);
                start = i + 1;
                // content after "---" on the same line (a flow or block scalar root) starts a document the scan leaves alone
                startUnreadable = isStart && !IsBlankOrComment(line[3..]);
            }
            if (!startUnreadable) Document(start, lines.Length);
            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
        private ReadOnlySpan<byte> Bytes(int line) => text.AsSpan(lines[line].Start, lines[line].ContentEnd - lines[line].Start);

        private string Text(int start, int end) => Encoding.UTF8.GetString(text, start, end - start);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static bool IsMarker(ReadOnlySpan<byte> line, ReadOnlySpan<byte> marker) =>
            line.StartsWith(marker) && (line.Length == 3 || line[3] is (byte)' ' or (byte)'\t');

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static bool IsBlankOrComment(ReadOnlySpan<byte> rest)
        {
            var trimmed = rest.TrimStart(" \t"u8);
            return trimmed.IsEmpty || trimmed[0] == '#';
        }

        /// <summary>One document, lines [first, end): skipped whole, or item by item when it is a List.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Document(int first, int end)
        {
            var readable = Classify(first, end);
            var root = new ObjectFacts();
            var itemsLine = -1;
            var seen = TopKey.Other;
            var anyNode = false;
            for (var i = first; i < readable; i++)
            {
                var node = _nodes[i];
                if (node.Shape != LineShape.Node) continue;
                // the root must be a block mapping at column 0
                if (!anyNode && (node.Indent != 0 || node.HasDash || !node.HasKey)) return;
                anyNode = true;
                if (node.Indent != 0 || node.HasDash) continue;
                var key = KeyOf(node);
                if (key == TopKey.Other) continue;
                if ((seen & key) != 0) return;
                seen |= key;
                if (key == TopKey.Items) itemsLine = node.Value == ValueKind.None ? i : -2;
            }
            if (!anyNode) return;
            if (readable == end && itemsLine == -1)
            {
                var facts = ReadObject(first, end, keyColumn: 0);
                if (MaySkip(facts, first, end)) Skip(first, end, facts);
                return;
            }
            if (itemsLine < 0) return;
            // the root's kind must be read (kubectl writes it after the items) for the list to stay a list
            ReadTopLevel(first, readable, 0, root);
            if (!root.Certain || root.Kind is null || !root.Kind.EndsWith("List", StringComparison.Ordinal)) return;
            Items(itemsLine + 1, readable, end);
        }

        /// <summary>The items of a root <c>items:</c> sequence that end before the first unreadable line.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Items(int first, int readable, int end)
        {
            var dash = -1;
            var itemStart = -1;
            for (var i = first; i < readable; i++)
            {
                var node = _nodes[i];
                if (node.Shape != LineShape.Node) continue;
                if (dash < 0)
                {
                    if (!node.HasDash || !node.HasKey) return;
                    dash = node.DashColumn;
                }
                if (node.Indent > dash) continue;
                if (itemStart >= 0) Item(itemStart, i, dash);
                if (node.Indent < dash || !node.HasDash || node.DashColumn != dash) return;
                itemStart = i;
            }
            // the last item ends where the document ends, unless an unreadable line cut the scan short
            if (itemStart >= 0 && readable == end) Item(itemStart, end, dash);
        }

        private void Item(int first, int end, int dash)
        {
            var node = _nodes[first];
            if (!node.HasKey || node.Indent != dash) return;
            var facts = ReadObject(first, end, node.KeyColumn);
            if (MaySkip(facts, first, end)) Skip(first, end, facts);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool MaySkip(ObjectFacts facts, int first, int end) =>
            facts is { Certain: true, Kind: { } kind, ApiVersion: { } apiVersion, Namespace: { } ns }
            && IsSkippable(apiVersion, kind)
            && !(IsController(apiVersion, kind) && facts.ScaledOrUnknown)
            && !focus.Includes(ns)
            && (!(IsNetworkPolicy(apiVersion, kind) || IsService(apiVersion, kind)) || ReadSelectorFacts(first, end, facts));

        /// <summary>
        /// Every label key the selectors of a NetworkPolicy or Service could read (the keys under
        /// each <c>matchLabels</c> and a Service's <c>selector</c>, the value of each <c>key</c>;
        /// under a NetworkPolicy's <c>podSelector</c>, <c>matchLabels</c> itself is read as a key,
        /// which only adds a key) and every address block it names (each
        /// <c>cidr</c>, each entry under <c>except</c>): more than the selectors read is harmless,
        /// the caller only checks more. False when one of them is not a plain scalar.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool ReadSelectorFacts(int first, int end, ObjectFacts facts)
        {
            var labelsBelow = -1;
            var exceptAt = -1;
            for (var i = first; i < end; i++)
            {
                var node = _nodes[i];
                if (node.Shape != LineShape.Node) continue;
                if (labelsBelow >= 0 && node.Indent <= labelsBelow) labelsBelow = -1;
                if (exceptAt >= 0 && (node.Indent < exceptAt || (node.Indent == exceptAt && !node.HasDash))) exceptAt = -1;
                var key = node.HasKey ? text.AsSpan(node.KeyStart, node.KeyEnd - node.KeyStart) : [];
                if (labelsBelow >= 0 && node.HasKey)
                {
                    facts.LabelKeys.Add(Text(node.KeyStart, node.KeyEnd));
                    continue;
                }
                if (exceptAt >= 0 && !node.HasKey)
                {
                    if (ScalarText(node) is not { } block) return false;
                    facts.AddressBlocks.Add(block);
                    continue;
                }
                var collects = key.SequenceEqual("matchLabels"u8) || key.SequenceEqual("selector"u8) || key.SequenceEqual("except"u8);
                if (collects && node.Value == ValueKind.Flow) return false;
                if ((key.SequenceEqual("matchLabels"u8) || key.SequenceEqual("selector"u8)) && node.Value == ValueKind.None) labelsBelow = node.KeyColumn;
                else if (key.SequenceEqual("except"u8) && node.Value == ValueKind.None) exceptAt = node.KeyColumn;
                else if (key.SequenceEqual("key"u8) || key.SequenceEqual("cidr"u8))
                {
                    if (ScalarText(node) is not { } value) return false;
                    (key[0] == 'k' ? facts.LabelKeys : facts.AddressBlocks).Add(value);
                }
            }
            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Skip(int first, int end, ObjectFacts facts)
        {
            Blank.Add((first, end));
            Count++;
            foreach (var owner in facts.OwnersRead) Owners.Add((facts.Namespace!, owner));
            LabelKeys.UnionWith(facts.LabelKeysRead);
            AddressBlocks.UnionWith(facts.AddressBlocksRead);
        }

        /// <summary>Classifies lines [first, end); returns the first unreadable line (or end).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int Classify(int first, int end)
        {
            var blockParent = -1;
            for (var i = first; i < end; i++)
            {
                var line = Bytes(i);
                if (blockParent >= 0)
                {
                    var indent = Indent(line);
                    if (indent == line.Length || indent > blockParent)
                    {
                        _nodes[i] = default(Node) with { Shape = LineShape.ScalarContent };
                        continue;
                    }
                    blockParent = -1;
                }
                var node = ClassifyLine(line, lines[i].Start);
                _nodes[i] = node;
                if (node.Shape == LineShape.Unreadable) return i;
                if (node.Value == ValueKind.BlockScalar) blockParent = node.HasKey ? node.KeyColumn : node.DashColumn;
            }
            return end;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
        private static int Indent(ReadOnlySpan<byte> line)
        {
            var i = 0;
            while (i < line.Length && line[i] == ' ') i++;
            return i;
        }

        /// <summary>The object whose top-level keys are at <paramref name="keyColumn"/> in lines [first, end).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private ObjectFacts ReadObject(int first, int end, int keyColumn)
        {
            var facts = new ObjectFacts();
            var metadata = ReadTopLevel(first, end, keyColumn, facts);
            if (!facts.Certain) return facts;
            facts.Namespace = focus.DefaultNamespace;
            if (metadata >= 0) ReadMetadata(metadata + 1, end, keyColumn, facts);
            if (facts.Namespace is { Length: 0 }) facts.Certain = false;
            return facts;
        }

        /// <summary>Reads kind and apiVersion; returns the metadata line when metadata is a nested mapping, else -1.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int ReadTopLevel(int first, int end, int keyColumn, ObjectFacts facts)
        {
            var metadata = -1;
            var seen = TopKey.Other;
            for (var i = first; i < end; i++)
            {
                var node = _nodes[i];
                if (node.Shape != LineShape.Node) continue;
                var topLevel = i == first ? node.KeyColumn == keyColumn : node.Indent == keyColumn && !node.HasDash;
                if (i != first && node.Indent < keyColumn) { facts.Certain = false; return -1; }
                if (node.HasKey && IsCountKey(node) && !IsPositiveNumber(node)) facts.ScaledOrUnknown = true;
                if (!topLevel) continue;
                if (!node.HasKey) { facts.Certain = false; return -1; }
                var key = KeyOf(node);
                if (key is TopKey.Other or TopKey.Items) continue;
                if ((seen & key) != 0) { facts.Certain = false; return -1; }
                seen |= key;
                switch (key)
                {
                    case TopKey.Kind: facts.Kind = ScalarText(node); break;
                    case TopKey.ApiVersion: facts.ApiVersion = ScalarText(node); break;
                    default:
                        if (node.Value == ValueKind.None) metadata = i;
                        else if (node.Value != ValueKind.EmptyFlow) facts.Certain = false;
                        break;
                }
            }
            return metadata;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
        private TopKey KeyOf(Node node)
        {
            var key = text.AsSpan(node.KeyStart, node.KeyEnd - node.KeyStart);
            if (key.SequenceEqual("kind"u8)) return TopKey.Kind;
            if (key.SequenceEqual("apiVersion"u8)) return TopKey.ApiVersion;
            if (key.SequenceEqual("metadata"u8)) return TopKey.Metadata;
            return key.SequenceEqual("items"u8) ? TopKey.Items : TopKey.Other;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
        private bool IsCountKey(Node node) =>
            text.AsSpan(node.KeyStart, node.KeyEnd - node.KeyStart) is var key && (key.SequenceEqual("replicas"u8) || key.SequenceEqual("parallelism"u8));

        [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
        private bool IsPositiveNumber(Node node)
        {
            if (node.Value != ValueKind.Plain) return false;
            var value = text.AsSpan(node.ValueStart, node.ValueEnd - node.ValueStart);
            if (value.IsEmpty || value.Length > 9 || value[0] is < (byte)'1' or > (byte)'9') return false;
            foreach (var b in value)
            {
                if (b is < (byte)'0' or > (byte)'9') return false;
            }
            return true;
        }

        /// <summary>metadata's keys sit at the indentation of its first line; namespace and the ownerReferences' names are read there.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ReadMetadata(int first, int end, int keyColumn, ObjectFacts facts)
        {
            var column = -1;
            var inOwners = false;
            var seenNamespace = false;
            for (var i = first; i < end; i++)
            {
                var node = _nodes[i];
                if (node.Shape != LineShape.Node) continue;
                if (node.Indent < keyColumn || (node.Indent == keyColumn && !node.HasDash)) break;
                // a dash at the key column: metadata would be a sequence
                if (node.Indent == keyColumn) { facts.Certain = false; return; }
                if (column < 0)
                {
                    if (node.HasDash) { facts.Certain = false; return; }
                    column = node.Indent;
                }
                if (node.Indent < column) { facts.Certain = false; return; }
                if (node.Indent == column && !node.HasDash)
                {
                    if (!node.HasKey) { facts.Certain = false; return; }
                    var key = text.AsSpan(node.KeyStart, node.KeyEnd - node.KeyStart);
                    inOwners = key.SequenceEqual("ownerReferences"u8);
                    if (key.SequenceEqual("namespace"u8))
                    {
                        if (seenNamespace) { facts.Certain = false; return; }
                        seenNamespace = true;
                        facts.Namespace = ScalarText(node);
                        if (facts.Namespace is null || !IsToken(facts.Namespace)) { facts.Certain = false; return; }
                    }
                    continue;
                }
                if (inOwners && node.HasKey && text.AsSpan(node.KeyStart, node.KeyEnd - node.KeyStart).SequenceEqual("name"u8))
                {
                    if (ScalarText(node) is { } owner) facts.Owners.Add(owner);
                    else { facts.Certain = false; return; }
                }
            }
        }

        private static bool IsToken(string value)
        {
            foreach (var c in value)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_')) return false;
            }
            return value.Length > 0;
        }

        /// <summary>A plain or quoted scalar's text; null for anything else, a null, or an escape the scan does not decode.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private string? ScalarText(Node node)
        {
            if (node.Value is not (ValueKind.Plain or ValueKind.Quoted) || node.Escaped) return null;
            var value = Text(node.ValueStart, node.ValueEnd);
            return node.Value == ValueKind.Plain && value is "" or "~" or "null" or "Null" or "NULL" ? null : value;
        }
    }

    /// <summary>Reads one line as a block-style YAML line, or says it cannot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Node ClassifyLine(ReadOnlySpan<byte> line, int offset)
    {
        var indent = 0;
        while (indent < line.Length && line[indent] == ' ') indent++;
        if (indent == line.Length) return new Node { Shape = LineShape.Blank, Indent = indent };
        if (line[indent] == '#') return new Node { Shape = LineShape.Comment, Indent = indent };
        var unreadable = new Node { Shape = LineShape.Unreadable, Indent = indent };
        var position = indent;
        var dash = -1;
        while (position < line.Length && line[position] == '-' && (position + 1 == line.Length || line[position + 1] == ' '))
        {
            dash = position;
            position++;
            while (position < line.Length && line[position] == ' ') position++;
        }
        if (position < line.Length && line[position] == '\t') return unreadable;
        if (position == line.Length)
        {
            return dash >= 0 ? new Node(LineShape.Node, indent, dash, position, 0, 0, ValueKind.None, 0, 0, false) : unreadable;
        }
        var keyEnd = KeyEnd(line, position);
        int valueStart;
        int keyStart;
        if (keyEnd >= 0)
        {
            keyStart = position;
            valueStart = keyEnd + 1;
        }
        else
        {
            if (dash < 0) return unreadable;
            keyStart = keyEnd = position;
            valueStart = position;
        }
        var (kind, start, end, escaped) = ReadValue(line, valueStart);
        if (kind is null) return unreadable;
        return new Node(LineShape.Node, indent, dash, position, offset + keyStart, offset + keyEnd,
            kind.Value, offset + start, offset + end, escaped);
    }

    /// <summary>Where a plain key ends (the index of its ':'), or -1 when the line does not start with one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int KeyEnd(ReadOnlySpan<byte> line, int start)
    {
        if (!StartsPlain(line, start)) return -1;
        for (var i = start; i < line.Length; i++)
        {
            var b = line[i];
            if (b == '#' && line[i - 1] == ' ') return -1;
            if (b == ':' && (i + 1 == line.Length || line[i + 1] == ' ')) return line[i - 1] == ' ' ? -1 : i;
        }
        return -1;
    }

    /// <summary>YAML's plain scalar may not start with an indicator (except -, ? and : before a non-space).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool StartsPlain(ReadOnlySpan<byte> line, int start)
    {
        var b = line[start];
        if (b is (byte)'-' or (byte)'?' or (byte)':') return start + 1 < line.Length && line[start + 1] != ' ';
        return b is not ((byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'#' or (byte)'&' or (byte)'*'
            or (byte)'!' or (byte)'|' or (byte)'>' or (byte)'\'' or (byte)'"' or (byte)'%' or (byte)'@' or (byte)'`' or (byte)'\t');
    }

    /// <summary>The value after a key (or a dash): its kind and range, or a null kind when the scan cannot be sure.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (ValueKind? Kind, int Start, int End, bool Escaped) ReadValue(ReadOnlySpan<byte> line, int start)
    {
        var i = start;
        while (i < line.Length && line[i] == ' ') i++;
        if (i < line.Length && line[i] == '\t') return (null, 0, 0, false);
        if (i == line.Length || line[i] == '#') return (ValueKind.None, i, i, false);
        switch (line[i])
        {
            case (byte)'|' or (byte)'>':
            {
                var j = i + 1;
                if (j < line.Length && line[j] is (byte)'-' or (byte)'+') j++;
                return IsBlankOrCommentRest(line, j) ? (ValueKind.BlockScalar, i, i, false) : (null, 0, 0, false);
            }
            case (byte)'{' or (byte)'[':
            {
                // a flow collection closed on the same line, of plain scalars only (values: [a, b])
                var close = line[i] == '{' ? (byte)'}' : (byte)']';
                var j = i + 1;
                while (j < line.Length && line[j] != close && line[j] is not ((byte)'[' or (byte)']' or (byte)'{' or (byte)'}'
                    or (byte)'"' or (byte)'\'' or (byte)'&' or (byte)'*' or (byte)'!' or (byte)'#' or (byte)'|' or (byte)'>' or (byte)'\t')) j++;
                if (j == line.Length || line[j] != close || !IsBlankOrCommentRest(line, j + 1)) return (null, 0, 0, false);
                return (j == i + 1 ? ValueKind.EmptyFlow : ValueKind.Flow, i, j + 1, false);
            }
            case (byte)'"':
            {
                var escaped = false;
                for (var j = i + 1; j < line.Length; j++)
                {
                    if (line[j] == '\\') { escaped = true; j++; continue; }
                    if (line[j] == '"') return IsBlankOrCommentRest(line, j + 1) ? (ValueKind.Quoted, i + 1, j, escaped) : (null, 0, 0, false);
                }
                return (null, 0, 0, false);
            }
            case (byte)'\'':
            {
                var escaped = false;
                for (var j = i + 1; j < line.Length; j++)
                {
                    if (line[j] != '\'') continue;
                    if (j + 1 < line.Length && line[j + 1] == '\'') { escaped = true; j++; continue; }
                    return IsBlankOrCommentRest(line, j + 1) ? (ValueKind.Quoted, i + 1, j, escaped) : (null, 0, 0, false);
                }
                return (null, 0, 0, false);
            }
        }
        if (!StartsPlain(line, i)) return (null, 0, 0, false);
        var end = line.Length;
        for (var j = i; j < line.Length; j++)
        {
            if (line[j] == '#' && line[j - 1] == ' ') { end = j; break; }
            // "a: b" inside a plain value is a mapping YAML refuses here
            if (line[j] == ':' && (j + 1 == line.Length || line[j + 1] == ' ')) return (null, 0, 0, false);
            if (line[j] == '\t') return (null, 0, 0, false);
        }
        while (end > i && line[end - 1] == ' ') end--;
        return (ValueKind.Plain, i, end, false);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool IsBlankOrCommentRest(ReadOnlySpan<byte> line, int from)
    {
        var i = from;
        if (i < line.Length && line[i] != ' ') return false;
        while (i < line.Length && line[i] == ' ') i++;
        return i == line.Length || line[i] == '#';
    }
}
