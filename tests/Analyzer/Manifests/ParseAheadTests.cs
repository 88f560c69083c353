using System.Text;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Tests.Manifests;

/// <summary>
/// Parsing on a second thread (ManifestReader.ParseAhead, docs/architecture.md "Loading") must not
/// change anything: the same objects in the same order, the same diagnostics, the same budget.
/// </summary>
public sealed class ParseAheadTests
{
    private const string Policy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p%N%, namespace: ns%F%}\nspec: {podSelector: {}}\n";

    /// <summary>Well-formed files, List dumps, and each kind of bad input the reader recovers from, in one directory.</summary>
    private static readonly (string Name, byte[] Content)[] Files =
    [
        .. Enumerable.Range(0, 12).Select(f => ($"a{f:D2}.yaml", Utf8(string.Join("---\n", Enumerable.Range(0, 150).Select(n => Policy.Replace("%N%", $"{n}").Replace("%F%", $"{f}")))))),
        ("b-list.yaml", Utf8("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a, namespace: x}\n- metadata: {name: no-kind}\nkind: List\n")),
        ("c-syntax.yaml", Utf8("apiVersion: v1\nkind: Namespace\nmetadata: {name: one}\n---\nkind: [unclosed\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: three}\n")),
        ("d-nul.yaml", Utf8("apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n---\nkind: \0\n")),
        ("e-utf8.yaml", [.. Encoding.ASCII.GetBytes("apiVersion: v1\nkind: Namespace\nmetadata: {name: u}\n---\nkind: "), 0xC3, 0x28, (byte)'\n']),
        ("f-deep.yaml", Utf8("a: " + new string('[', YamlComposer.MaxDepth + 5) + new string(']', YamlComposer.MaxDepth + 5) + "\n")),
        ("g-dup.yaml", Utf8("apiVersion: v1\nkind: Namespace\nkind: Namespace\n")),
        ("h-scalar.yaml", Utf8("just text\n")),
        ("i-empty.yaml", []),
        ("k.json", Utf8("{\"apiVersion\": \"v1\", \"kind\": \"NamespaceList\", \"items\": [{\"metadata\": {\"name\": \"j\"}}]}")),
    ];

    [Fact]
    public void Objects_and_diagnostics_are_those_of_the_sequential_read()
    {
        using var dir = new TemporaryDirectory(Files);
        var sequential = Read(dir.Path, parseAhead: false);
        var ahead = Read(dir.Path, parseAhead: true);
        Assert.True(sequential.Objects.Count > 12 * 150, "the input has objects");
        Assert.Contains(sequential.Diagnostics, d => d.Contains("c-syntax.yaml:") && d.Contains("reading goes on with the document at line 6"));
        Assert.Equal(sequential.Objects, ahead.Objects);
        Assert.Equal(sequential.Diagnostics, ahead.Diagnostics);
        Assert.Equal(sequential.Files, ahead.Files);
    }

    [Fact]
    public void A_failing_sink_stops_the_parser_and_its_exception_is_rethrown()
    {
        // More objects than the hand-over holds, so the parsing thread is blocked when the sink fails.
        using var dir = new TemporaryDirectory(Files.Take(12).ToArray());
        var sink = new FailingSink(failAt: 3);
        var reader = new ManifestReader(sink) { ParseAhead = true };
        var read = Task.Run(() => reader.ReadPaths([dir.Path], null));
        Assert.Same(read, Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(30))).Result);
        var thrown = Assert.IsType<InvalidOperationException>(read.Exception?.InnerException);
        Assert.Equal("sink failed at object 3", thrown.Message);
        Assert.Equal(3, sink.Received);
    }

    [Fact]
    public void The_visit_budget_grows_by_the_input_read_before_each_object_as_in_the_sequential_read()
    {
        using var dir = new TemporaryDirectory(Files);
        var sequential = SpendBudget(dir.Path, parseAhead: false);
        var ahead = SpendBudget(dir.Path, parseAhead: true);
        Assert.Contains(sequential, spent => spent.StartsWith("input-wide", StringComparison.Ordinal));
        Assert.Equal(sequential, ahead);
    }

    /// <summary>
    /// Each object spends all the visits it may: the first ones the per-object limit, then, the
    /// load-wide limit being spent, exactly what the characters read before it granted.
    /// </summary>
    private static List<string> SpendBudget(string path, bool parseAhead)
    {
        var budget = new VisitBudget(limit: 100_000);
        var sink = new BudgetSpendingSink(budget);
        new ManifestReader(sink, budget) { ParseAhead = parseAhead }.ReadPaths([path], null);
        return sink.Spent;
    }

    private static (List<string> Objects, List<string> Diagnostics, IReadOnlyList<string> Files) Read(string path, bool parseAhead)
    {
        var sink = new RecordingSink();
        var reader = new ManifestReader(sink, new VisitBudget()) { ParseAhead = parseAhead };
        reader.ReadPaths([path], null);
        return (sink.Objects, reader.Diagnostics.Select(d => d.ToString()).ToList(), reader.Files);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private sealed class RecordingSink : IManifestSink
    {
        public List<string> Objects { get; } = [];

        public void Accept(ManifestObject manifest) =>
            Objects.Add($"{manifest.Span} {manifest.ApiVersion} {manifest.Kind} {manifest.Root.Count} on thread {(Environment.CurrentManagedThreadId == TestThread ? "caller" : "other")}");

        private int TestThread { get; } = Environment.CurrentManagedThreadId;
    }

    private sealed class BudgetSpendingSink(VisitBudget budget) : IManifestSink
    {
        public List<string> Spent { get; } = [];

        public void Accept(ManifestObject manifest)
        {
            budget.Reset();
            var visits = 0;
            try
            {
                while (true)
                {
                    budget.Charge(manifest.Root);
                    visits++;
                }
            }
            catch (VisitBudgetExceededException e)
            {
                Spent.Add($"{(e.PerObject ? "per-object" : "input-wide")} {visits} at {manifest.Span}");
            }
        }
    }

    private sealed class FailingSink(int failAt) : IManifestSink
    {
        public int Received { get; private set; }

        public void Accept(ManifestObject manifest)
        {
            if (++Received == failAt) throw new InvalidOperationException($"sink failed at object {failAt}");
        }
    }

    private sealed class TemporaryDirectory : IDisposable
    {
        public TemporaryDirectory((string Name, byte[] Content)[] files)
        {
            Path = Directory.CreateTempSubdirectory("policylint-ahead-").FullName;
            foreach (var (name, content) in files) File.WriteAllBytes(System.IO.Path.Combine(Path, name), content);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
