using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace PolicyLint.Cli.Diff;

/// <summary>The outcome of one git command: exit code and both streams (UTF-8).</summary>
public sealed record GitOutput(int ExitCode, string Out, string Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>git's own first line of complaint, for messages.</summary>
    public string Reason => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"git exited with {ExitCode}";
}

/// <summary>
/// Runs git as a child process (never a shell; arguments passed one by one). Prompts are off so
/// a command can never wait for a password.
/// </summary>
public static class GitProcess
{
    /// <summary>Runs git in <paramref name="directory"/>; null when git cannot be started at all.</summary>
    public static GitOutput? Run(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["LC_ALL"] = "C";
        try
        {
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new GitOutput(process.ExitCode, output, error.GetAwaiter().GetResult());
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
