using System.Diagnostics;

namespace PolicyLint.Cli.Tests;

/// <summary>A git repository in a temporary directory for `diff --git-base` tests, deleted on Dispose.</summary>
public sealed class TemporaryGitRepository : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("policylint-git-").FullName;

    public TemporaryGitRepository()
    {
        Git("init", "--quiet", "--initial-branch=main");
        Git("config", "user.name", "PolicyLint Tests");
        Git("config", "user.email", "tests@policylint.invalid");
        Git("config", "commit.gpgsign", "false");
    }

    /// <summary>Runs git in the repository; a failure fails the test with git's message.</summary>
    public void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
    }

    public void Dispose()
    {
        // git writes its objects read-only.
        foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)) File.SetAttributes(file, FileAttributes.Normal);
        Directory.Delete(Path, recursive: true);
    }
}
