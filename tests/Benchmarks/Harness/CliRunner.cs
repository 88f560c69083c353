using System.Diagnostics;
using System.Globalization;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>One run of the built CLI as a child process: wall time, CPU time (user + system), peak resident set, exit code, standard output.</summary>
internal sealed record CliSample(double Seconds, double CpuSeconds, double PeakMb, int ExitCode, string FirstErrorLine, string Output = "")
{
    /// <summary>The solver checks a `lint --format json` run left unfinished (its "unfinishedChecks", absent when none).</summary>
    public int UnfinishedSolverChecks =>
        System.Text.RegularExpressions.Regex.Match(Output, "\"unfinishedChecks\":\\s*(\\d+)") is { Success: true } m
            ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : 0;
}

/// <summary>
/// Builds src/Cli once per harness run (Release, into bench/out/cli) and runs <c>policylint</c> as
/// a child process under GNU time, so the figures include start-up and JIT as a user sees them.
/// </summary>
internal sealed class CliRunner
{
    private const int KilledExitCode = -1;

    private readonly string _dll;
    private readonly string _help;

    private CliRunner(string dll, string help)
    {
        _dll = dll;
        _help = help;
    }

    /// <summary>
    /// Builds src/Cli into bench/out/cli; when it does not build, leaves the reason in
    /// bench/out/cli.unavailable for <see cref="TryOpen"/>.
    /// </summary>
    public static void Build(string repositoryRoot, TextWriter console)
    {
        var (output, unavailable) = Locations(repositoryRoot);
        File.Delete(unavailable);
        var project = Path.Combine(repositoryRoot, "src", "Cli", "PolicyLint.Cli.csproj");
        var build = Run("dotnet", ["build", project, "-c", "Release", "-o", output, "-nologo", "-v", "quiet"], TimeSpan.FromMinutes(10));
        if (build.ExitCode == 0) return;
        var firstError = build.Output.Split('\n').FirstOrDefault(l => l.Contains("error", StringComparison.Ordinal))?.Trim() ?? "see dotnet build";
        File.WriteAllText(unavailable, $"src/Cli does not build: {firstError}");
        console.WriteLine($"CLI: src/Cli does not build: {firstError}");
    }

    /// <summary>The CLI built by <see cref="Build"/>, or null with the reason it is not there.</summary>
    public static CliRunner? TryOpen(string repositoryRoot, out string reason)
    {
        var (output, unavailable) = Locations(repositoryRoot);
        var dll = Path.Combine(output, "policylint.dll");
        if (File.Exists(unavailable) || !File.Exists(dll))
        {
            reason = File.Exists(unavailable) ? File.ReadAllText(unavailable) : $"{dll} is missing (the CLI was not built)";
            return null;
        }
        var help = Run("dotnet", [dll, "--help"], TimeSpan.FromMinutes(1));
        reason = "";
        return new CliRunner(dll, help.Output);
    }

    private static (string Output, string Unavailable) Locations(string repositoryRoot)
    {
        var output = Path.Combine(repositoryRoot, "bench", "out", "cli");
        return (output, output + ".unavailable");
    }

    /// <summary>True when `policylint --help` lists the command.</summary>
    public bool HasCommand(string command) =>
        _help.Split('\n').Any(line => line.TrimStart().StartsWith(command + " ", StringComparison.Ordinal) || line.Trim() == command);

    /// <summary>Null when the process ran past the limit (it is then killed).</summary>
    public CliSample? Execute(IReadOnlyList<string> arguments, TimeSpan limit) => Time("dotnet", [_dll, .. arguments], limit);

    /// <summary>Any program under GNU time; null when it ran past the limit (it is then killed).</summary>
    public static CliSample? Time(string program, IReadOnlyList<string> arguments, TimeSpan limit)
    {
        var timing = Path.GetTempFileName();
        try
        {
            var run = Run("/usr/bin/time", ["-f", "%e %M %U %S", "-o", timing, program, .. arguments], limit);
            if (run.ExitCode == KilledExitCode) return null;
            var parts = File.ReadAllText(timing).Trim().Split('\n')[^1].Split(' ');
            var seconds = double.Parse(parts[0], CultureInfo.InvariantCulture);
            var peakMb = double.Parse(parts[1], CultureInfo.InvariantCulture) / 1024.0;
            var cpuSeconds = double.Parse(parts[2], CultureInfo.InvariantCulture) + double.Parse(parts[3], CultureInfo.InvariantCulture);
            var firstError = run.Error.Split('\n').FirstOrDefault(l => l.Length > 0) ?? "";
            return new CliSample(seconds, cpuSeconds, peakMb, run.ExitCode, firstError, run.Output);
        }
        finally
        {
            File.Delete(timing);
        }
    }

    private static (int ExitCode, string Output, string Error) Run(string file, IReadOnlyList<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            return (KilledExitCode, "", $"killed after {limit.TotalSeconds:F0} s");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
