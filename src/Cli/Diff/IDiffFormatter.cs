using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Cli.Diff;

/// <summary>One output format of `policylint diff`.</summary>
public interface IDiffFormatter
{
    /// <summary>The --format value.</summary>
    string Name { get; }

    void Write(ConnectivityDiff diff, TextWriter output);
}

/// <summary>Every diff format, in the order --help lists them (the first is the default).</summary>
public static class DiffFormats
{
    public static IReadOnlyList<IDiffFormatter> All { get; } =
        [new DiffTextFormatter(), new DiffMarkdownFormatter(), new DiffJsonFormatter()];

    public static IDiffFormatter Find(string name) => All.First(f => f.Name == name);
}
