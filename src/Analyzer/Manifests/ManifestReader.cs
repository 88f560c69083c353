using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace PolicyLint.Analyzer.Manifests;

/// <summary>
/// Reads files, directories (recursively; .yaml, .yml and .json in ordinal order, other files
/// ignored) and stdin (<c>-</c>); splits multi-document YAML and JSON into Kubernetes objects,
/// flattens <c>List</c> and <c>*List</c> documents, and hands each object to a sink as soon as
/// it is read. Problems become diagnostics, never exceptions: a bad file is one
/// <c>invalid-yaml</c> error and the other files are still read.
/// </summary>
/// <remarks>
/// When given the <see cref="VisitBudget"/> the sink charges, the reader widens its load-wide
/// limit by the characters read before each object is handed over.
/// </remarks>
public sealed partial class ManifestReader(IManifestSink sink, VisitBudget? budget = null, IInputLayout? layout = null)
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    private readonly List<Diagnostic> _diagnostics = [];
    private readonly List<string> _files = [];
    private readonly SharedTexts _texts = new();
    private ManifestTextReader? _text;
    private long _charactersGranted;
    private bool _claimedAny;

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>Every file read (as displayed in spans), in reading order; stdin is <c>-</c>.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>Reads each path in order. <paramref name="stdin"/> serves the path <c>-</c>.</summary>
    public void ReadPaths(IReadOnlyList<string> paths, TextReader? stdin)
    {
        foreach (var path in paths)
        {
            if (path == "-")
            {
                ReadStdin(stdin);
            }
            else
            {
                switch (FileKinds.Of(path))
                {
                    case FileKind.Directory:
                        ReadDirectory(path);
                        break;
                    case FileKind.Regular:
                        ReadRegularFile(path);
                        break;
                    case FileKind.Other:
                        AddPathError(path, "not a regular file (a FIFO, socket or device): give a file, a directory or '-' for standard input");
                        break;
                    default:
                        AddPathError(path, "no such file or directory");
                        break;
                }
            }
        }
    }

    /// <summary>Reads text already in memory (tests, rendered output).</summary>
    public void ReadText(string path, string text) =>
        ReadFile(path, () => new ManifestTextReader(new StringReader(text)));

    private void ReadStdin(TextReader? stdin)
    {
        if (stdin is null)
        {
            AddPathError("-", "standard input is not available");
            return;
        }
        ReadFile("-", () => new ManifestTextReader(stdin));
    }

    private void ReadDirectory(string root)
    {
        var files = new List<string>();
        _claimedAny = false;
        if (!CollectFiles(root, files, new HashSet<string>(StringComparer.Ordinal))) return;
        files.Sort(StringComparer.Ordinal);
        if (files.Count == 0 && !_claimedAny)
        {
            AddFileWarning(root, RuleIds.NoObjects, "directory has no .yaml, .yml or .json files");
            return;
        }
        foreach (var file in files)
        {
            ReadRegularFile(file);
        }
    }

    /// <summary>
    /// Collects manifest files below a directory; hidden entries (dot files, .git) are skipped.
    /// Symbolic links are followed, but each real directory only once, so a link back up the
    /// tree (<c>self -> .</c>) neither loops nor reads the same files twice; entries that are not
    /// regular files (FIFOs, sockets, devices) are skipped with a warning, as opening them would
    /// block or never end.
    /// </summary>
    private bool CollectFiles(string directory, List<string> files, HashSet<string> visited)
    {
        if (!visited.Add(RealPaths.Of(directory))) return true;
        string[] entries;
        string[] subdirectories;
        try
        {
            entries = Directory.GetFiles(directory);
            subdirectories = Directory.GetDirectories(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            AddPathError(directory, $"cannot read directory: {e.Message}");
            return false;
        }
        if (layout?.ClaimsDirectory(directory, entries) == true) return _claimedAny = true;
        foreach (var entry in entries)
        {
            if (IsHidden(entry) || !HasManifestExtension(entry)) continue;
            if (layout?.ClaimsFile(entry) == true) { _claimedAny = true; continue; }
            if (FileKinds.Of(entry) == FileKind.Regular) files.Add(entry);
            else AddFileWarning(entry, RuleIds.NoObjects, "not a regular file (a FIFO, socket, device or broken link): skipped", line: 0);
        }
        foreach (var subdirectory in subdirectories)
        {
            if (!IsHidden(subdirectory)) CollectFiles(subdirectory, files, visited);
        }
        return true;
    }

    private static bool IsHidden(string path) => Path.GetFileName(path).StartsWith('.');

    private static bool HasManifestExtension(string path)
    {
        var extension = Path.GetExtension(path);
        foreach (var candidate in ManifestExtensions)
        {
            if (string.Equals(extension, candidate, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <param name="skippedObjects">Objects the pre-scan left unread (<see cref="Focus"/>): the file still had them.</param>
    private void ReadFile(string path, Func<ManifestTextReader> open, int skippedObjects = 0)
    {
        _files.Add(path);
        var file = new FileState { Objects = skippedObjects };
        ReadDocuments(path, open, file, firstLine: 1);
        if (!file.Failed && file.Objects == 0 && !file.SkippedDocuments)
        {
            AddFileWarning(path, RuleIds.NoObjects, "no Kubernetes objects in this file (it is empty or has only empty documents)");
        }
    }

    /// <summary>
    /// Reads the documents from <paramref name="firstLine"/> on (earlier lines read as blank, so
    /// positions stay those of the file). The YAML parser cannot go on after a syntax error, so
    /// reading starts again at the next document marker (<c>---</c>) after it: the documents
    /// that follow are still read, and the diagnostic says which lines were not.
    /// </summary>
    private void ReadDocuments(string path, Func<ManifestTextReader> open, FileState file, int firstLine)
    {
        try
        {
            using var reader = firstLine == 1 ? open() : FromLine(open, firstLine);
            _text = reader;
            _charactersGranted = 0;
            var composer = new YamlComposer(reader, path, _texts);
            while (true)
            {
                var document = new DocumentState(this, file);
                if (!composer.ReadDocument(document.OnRootItem, out var root)) break;
                document.Finish(root);
            }
        }
        catch (YamlException e)
        {
            file.Failed = true;
            var errorLine = (int)e.Start.Line;
            var resume = path == "-" ? null : NextDocumentStart(open, Math.Max(errorLine, firstLine + 1));
            var rest = resume is { } line
                ? $" (the document with the error is not read; reading goes on with the document at line {line})"
                : path == "-" ? " (the rest of standard input is not read)" : " (the rest of this file is not read)";
            AddError(RuleIds.InvalidYaml, new SourceSpan(path, errorLine, (int)e.Start.Column), ParserReason(e) + rest);
            if (resume is { } next) ReadDocuments(path, open, file, next);
        }
        catch (ManifestInputException e)
        {
            file.Failed = true;
            AddError(RuleIds.InvalidYaml, new SourceSpan(path, e.Line, e.Column), e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            file.Failed = true;
            AddPathError(path, $"cannot read: {e.Message}");
        }
    }

    /// <summary>The first line at or after <paramref name="from"/> that starts a document (<c>---</c>), or null.</summary>
    private static int? NextDocumentStart(Func<ManifestTextReader> open, int from)
    {
        using var reader = open();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (number >= from && line.StartsWith("---", StringComparison.Ordinal) && (line.Length == 3 || char.IsWhiteSpace(line[3]))) return number;
        }
        return null;
    }

    private static ManifestTextReader FromLine(Func<ManifestTextReader> open, int firstLine)
    {
        using var reader = open();
        var text = new StringBuilder();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            text.Append(number < firstLine ? "" : line).Append('\n');
        }
        return new ManifestTextReader(new StringReader(text.ToString()));
    }

    /// <summary>YamlDotNet prefixes its messages with both marks; the span already says where.</summary>
    private static string ParserReason(YamlException e)
    {
        var reason = MarkPrefix().Replace(e.Message, "");
        return $"not valid YAML: {reason}";
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();

    private void Emit(FileState file, string apiVersion, string kind, YamlMapping root)
    {
        file.Objects++;
        GrantForInputRead();
        sink.Accept(new ManifestObject(apiVersion, kind, root));
    }

    /// <summary>Widens the budget by the input read since the last object, before the sink builds this one.</summary>
    private void GrantForInputRead()
    {
        if (budget is null || _text is null) return;
        var read = _text.CharactersRead;
        budget.GrantForInput(read - _charactersGranted);
        _charactersGranted = read;
    }

    private void SkipDocument(FileState file, YamlNode node, string reason)
    {
        file.SkippedDocuments = true;
        _diagnostics.Add(new Diagnostic(RuleIds.NotKubernetes, Severity.Warning,
            $"{reason}: not a Kubernetes object, skipped", node.Span));
    }

    private void AddError(string ruleId, SourceSpan span, string message) =>
        _diagnostics.Add(new Diagnostic(ruleId, Severity.Error, message, span));

    private void AddPathError(string path, string reason) =>
        AddError(RuleIds.InvalidPath, new SourceSpan(path, 0, 0), $"{path}: {reason}");

    private void AddFileWarning(string path, string ruleId, string message, int line = 1) =>
        _diagnostics.Add(new Diagnostic(ruleId, Severity.Warning, message, new SourceSpan(path, line, line)));

    /// <summary>List, or a typed list such as PodList or NamespaceList.</summary>
    private static bool IsListKind(string? kind) => kind is not null && kind.EndsWith("List", StringComparison.Ordinal);

    /// <summary>The element kind of a typed list (PodList -> Pod); null for a plain List.</summary>
    private static string? ElementKind(string listKind) => listKind == "List" ? null : listKind[..^4];

    private sealed class FileState
    {
        public int Objects { get; set; }
        public bool SkippedDocuments { get; set; }
        public bool Failed { get; set; }
    }

    /// <summary>
    /// One document. Root-level <c>items</c> elements that carry their own apiVersion and kind
    /// are emitted at once (kubectl writes <c>items</c> before <c>kind</c>, and streaming them
    /// keeps a large dump out of memory); elements without a kind wait until the list's kind
    /// is known, unless it came first (as in API server PodList dumps).
    /// </summary>
    private sealed class DocumentState(ManifestReader reader, FileState file)
    {
        private List<YamlNode>? _pendingItems;
        private bool _emittedItems;

        public void OnRootItem(YamlNode item, int index, string? rootKindSoFar)
        {
            if (item is YamlMapping mapping && mapping.GetText("kind") is { } kind && mapping.GetText("apiVersion") is { } apiVersion)
            {
                _emittedItems = true;
                reader.Emit(file, apiVersion, kind, mapping);
            }
            else if (item is YamlMapping typed && IsListKind(rootKindSoFar) && ElementKind(rootKindSoFar!) is { } elementKind)
            {
                _emittedItems = true;
                reader.Emit(file, typed.GetText("apiVersion") ?? "", elementKind, typed);
            }
            else
            {
                (_pendingItems ??= []).Add(item);
            }
        }

        public void Finish(YamlNode? root)
        {
            if (root is null) return;
            if (root is not YamlMapping mapping)
            {
                reader.SkipDocument(file, root, $"the document is {root.Description}, not a mapping with apiVersion and kind");
                return;
            }
            var kind = mapping.GetText("kind");
            var apiVersion = mapping.GetText("apiVersion");
            var hasItems = mapping.Get("items") is not null;
            if (hasItems && IsListKind(kind))
            {
                FlushPendingItems(ElementKind(kind!));
            }
            else if (kind is not null && apiVersion is not null)
            {
                FlushPendingItems(null);
                reader.Emit(file, apiVersion, kind, mapping);
            }
            else
            {
                FlushPendingItems(null);
                if (!_emittedItems) reader.SkipDocument(file, root, MissingFields(kind, apiVersion));
            }
        }

        private void FlushPendingItems(string? elementKind)
        {
            if (_pendingItems is null) return;
            foreach (var item in _pendingItems)
            {
                if (elementKind is not null && item is YamlMapping mapping)
                {
                    reader.Emit(file, mapping.GetText("apiVersion") ?? "", elementKind, mapping);
                }
                else
                {
                    reader.SkipDocument(file, item, item is YamlMapping ? "list item has no apiVersion and kind" : $"list item is {item.Description}");
                }
            }
            _pendingItems = null;
        }

        private static string MissingFields(string? kind, string? apiVersion) => (kind, apiVersion) switch
        {
            (null, null) => "the document has no apiVersion and no kind",
            (null, _) => "the document has no kind",
            _ => "the document has no apiVersion",
        };
    }
}
