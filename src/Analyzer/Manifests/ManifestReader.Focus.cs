namespace PolicyLint.Analyzer.Manifests;

/// <summary>
/// Reading for a question about one pair of workloads: with a <see cref="Focus"/>, each file is
/// pre-scanned (<see cref="DocumentPrescan"/>) and the objects only other namespaces' pairs
/// need are left unparsed; the rest is read as without one, at its real file:line:col.
/// </summary>
public sealed partial class ManifestReader
{
    /// <summary>Files larger than this are streamed as always: the pre-scan holds a file in memory.</summary>
    private const long LargestPrescannedFile = 1L << 30;

    private int _skippedCount;
    private readonly HashSet<(string Namespace, string Name)> _skippedOwners = [];
    private readonly HashSet<string> _skippedLabelKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _skippedAddressBlocks = new(StringComparer.Ordinal);

    /// <summary>The namespaces to read in full; null (the default): read everything.</summary>
    public NamespaceFocus? Focus { get; init; }

    /// <summary>What the <see cref="Focus"/> left unread.</summary>
    public SkippedObjects Skipped => _skippedCount == 0
        ? SkippedObjects.None
        : new(_skippedCount, [.. _skippedOwners]) { LabelKeys = [.. _skippedLabelKeys], AddressBlocks = [.. _skippedAddressBlocks] };

    private void ReadRegularFile(string file)
    {
        if (Focus is { } focus && Prescanned(file, focus) is { } result)
        {
            ReadFile(file, () => new ManifestTextReader(new MemoryStream(result.Text, writable: false)), result.Skipped.Count);
            return;
        }
        ReadFile(file, () => new ManifestTextReader(File.OpenRead(file)));
    }

    /// <summary>The pre-scanned text, or null when the file cannot be read whole (then it is read, and reported, as always).</summary>
    private DocumentPrescan.Result? Prescanned(string file, NamespaceFocus focus)
    {
        byte[] bytes;
        try
        {
            if (new FileInfo(file).Length > LargestPrescannedFile) return null;
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var result = DocumentPrescan.Apply(bytes, focus);
        _skippedCount += result.Skipped.Count;
        _skippedOwners.UnionWith(result.Skipped.Owners);
        _skippedLabelKeys.UnionWith(result.Skipped.LabelKeys);
        _skippedAddressBlocks.UnionWith(result.Skipped.AddressBlocks);
        return result;
    }
}
