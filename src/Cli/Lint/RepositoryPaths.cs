namespace PolicyLint.Cli.Lint;

/// <summary>
/// Turns the file names of findings (as the user gave them) into paths relative to the git
/// repository root, or to the working directory outside a repository, with forward slashes:
/// what GitHub annotations and SARIF artifact locations need.
/// </summary>
public sealed class RepositoryPaths
{
    private readonly string _workingDirectory;

    public RepositoryPaths(string workingDirectory)
    {
        _workingDirectory = Path.GetFullPath(workingDirectory);
        Root = FindGitRoot(_workingDirectory) ?? _workingDirectory;
    }

    /// <summary>The repository root (the nearest directory up with a .git entry), else the working directory.</summary>
    public string Root { get; }

    /// <summary>Root-relative with '/', "-" for stdin; a file outside the root keeps its absolute path.</summary>
    public string Relative(string file)
    {
        if (file.Length == 0 || file == "-") return file;
        var full = Path.GetFullPath(file, _workingDirectory);
        var relative = Path.GetRelativePath(Root, full);
        if (relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return full.Replace('\\', '/');
        }
        return relative.Replace('\\', '/');
    }

    private static string? FindGitRoot(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var git = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git)) return dir.FullName;
        }
        return null;
    }
}
