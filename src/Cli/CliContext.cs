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

    public static CliContext FromConsole() => new(
        Console.In,
        Console.Out,
        Console.Error,
        IsTerminal: !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null,
        WorkingDirectory: Environment.CurrentDirectory)
    {
        ErrorIsTerminal = !Console.IsErrorRedirected,
        OutIsTerminal = !Console.IsOutputRedirected,
    };
}
