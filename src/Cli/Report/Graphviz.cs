using System.Diagnostics;

namespace PolicyLint.Cli.Report;

/// <summary>Renders DOT to SVG with Graphviz's <c>dot</c>, when it is installed.</summary>
public static class Graphviz
{
    public const string MissingMessage =
        "SVG output needs Graphviz's 'dot' on PATH (Debian/Ubuntu: apt-get install graphviz); " +
        "'--format dot' prints the graph source instead.";

    public static bool IsAvailable => FindDot() is not null;

    /// <summary>The SVG text, or null when dot is not installed.</summary>
    public static string? ToSvg(string dotSource)
    {
        if (FindDot() is not { } dot) return null;
        var start = new ProcessStartInfo(dot, "-Tsvg")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(dotSource);
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new GraphvizException(FirstLine(stderr.Result));
        return stdout.Result;
    }

    private static string FirstLine(string text) => text.Trim().Split('\n')[0].Trim();

    private static string? FindDot() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "dot"))
        .FirstOrDefault(File.Exists);
}

/// <summary>Graphviz is installed but refused the graph: a tool failure, reported in one line.</summary>
public sealed class GraphvizException(string message) : Exception(message);
