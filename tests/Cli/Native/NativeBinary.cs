using System.Diagnostics;

namespace PolicyLint.Cli.Tests.Native;

/// <summary>
/// The natively compiled (ahead-of-time) policylint that .ci/run publishes before the tests with
/// <c>dotnet publish src/Cli -c Release -r linux-x64 -o artifacts/native</c>, or the one
/// POLICYLINT_NATIVE names. Publishing takes a minute or two, too long to repeat inside the
/// test run, so the tests that need it are skipped with that command as the reason when it is
/// absent.
/// </summary>
public static class NativeBinary
{
    public const string PublishCommand = "dotnet publish src/Cli -c Release -r linux-x64 -o artifacts/native";

    public static string? Path { get; } = Locate();

    private static string? Locate()
    {
        var named = Environment.GetEnvironmentVariable("POLICYLINT_NATIVE");
        var path = string.IsNullOrEmpty(named)
            ? System.IO.Path.Combine(RepositoryRoot.Path, "artifacts", "native", "policylint")
            : named;
        return File.Exists(path) ? path : null;
    }

    /// <summary>Runs the native binary in the repository root with <paramref name="stdin"/> as standard input.</summary>
    public static CliRun Run(string stdin, params string[] args)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("no native binary"))
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliRun(process.ExitCode, output, error.Result);
    }
}

/// <summary>A theory that is skipped, naming the publish command, when there is no native binary.</summary>
public sealed class NativeBinaryTheoryAttribute : TheoryAttribute
{
    public NativeBinaryTheoryAttribute()
    {
        if (NativeBinary.Path is null)
        {
            Skip = $"no native binary at artifacts/native/policylint: run `{NativeBinary.PublishCommand}` first (.ci/run does)";
        }
    }
}
