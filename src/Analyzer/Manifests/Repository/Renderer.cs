using System.Diagnostics;

namespace PolicyLint.Analyzer.Manifests.Repository;

/// <summary>The output of one renderer run: its exit code, stdout (the manifests) and stderr.</summary>
public sealed record RenderOutput(int ExitCode, string Manifests, string Errors);

/// <summary>
/// An external renderer found on PATH (helm, kustomize or kubectl), run as a child process
/// with arguments passed as a list (never through a shell).
/// </summary>
public sealed record Renderer(string Executable, IReadOnlyList<string> LeadingArguments)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The executable's full path when <paramref name="name"/> is on <paramref name="searchPath"/>, else null.</summary>
    public static string? Find(string name, string? searchPath)
    {
        if (string.IsNullOrEmpty(searchPath)) return null;
        var candidates = OperatingSystem.IsWindows() ? new[] { name + ".exe", name + ".cmd", name } : [name];
        foreach (var folder in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in candidates)
            {
                var path = Path.Combine(folder, candidate);
                if (File.Exists(path) && IsExecutable(path)) return path;
            }
        }
        return null;
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    /// <summary>Runs the renderer with the given arguments; a renderer that cannot start or runs too long is a failed run.</summary>
    public RenderOutput Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in LeadingArguments.Concat(arguments)) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return new RenderOutput(-1, "", $"{Path.GetFileName(Executable)} did not finish within {Timeout.TotalMinutes:0} minutes");
            }
            return new RenderOutput(process.ExitCode, output.Result, errors.Result);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return new RenderOutput(-1, "", $"cannot run {Executable}: {e.Message}");
        }
    }

    public string Name => Path.GetFileName(Executable);
}
