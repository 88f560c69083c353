using System.Collections.Immutable;

namespace PolicyLint.Cli;

/// <summary>
/// The console as the commands see it. Tests pass string writers; Program passes the real
/// console. IsTerminal decides whether people-facing output may use colour. DefaultNamespace is
/// the global --namespace: where objects without metadata.namespace go (null: default).
/// </summary>
public sealed record CliContext(TextReader In, TextWriter Out, TextWriter Error, bool IsTerminal, string WorkingDirectory)
{
    /// <summary>Whether stderr is a terminal (progress may be drawn there) and whether stdout is one, whatever NO_COLOR says.</summary>
    public bool ErrorIsTerminal { get; init; }

    public bool OutIsTerminal { get; init; }

    /// <summary>Where helm, kustomize and kubectl are looked for when a chart or kustomize root is met (PATH; tests set their own).</summary>
    public string? SearchPath { get; init; } = Environment.GetEnvironmentVariable("PATH");

    public string? DefaultNamespace { get; init; }

    /// <summary>The global --helm-values: values files for every Helm chart rendered (empty: the charts' own values).</summary>
    public ImmutableArray<string> HelmValues { get; init; } = [];

    public static CliContext FromConsole() => new(
        Console.In,
        StandardOutput(),
        Console.Error,
        IsTerminal: !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null,
        WorkingDirectory: Environment.CurrentDirectory)
    {
        ErrorIsTerminal = !Console.IsErrorRedirected,
        OutIsTerminal = !Console.IsOutputRedirected,
    };

    /// <summary>
    /// Console.Out flushes on every write, one system call per call: the plain-text formats write
    /// line by line, and a listing of two million pairs spent more time in the kernel than in
    /// PolicyLint. Redirected to a pipe or file, standard output is buffered instead (Program
    /// flushes it on the way out); on a terminal it stays as it is, so output and the progress
    /// drawn on stderr keep their order.
    /// </summary>
    private static TextWriter StandardOutput() => Console.IsOutputRedirected
        ? new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16)
        {
            AutoFlush = false,
            NewLine = Console.Out.NewLine,
        }
        : Console.Out;
}
