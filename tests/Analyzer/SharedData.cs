namespace PolicyLint.Analyzer.Tests;

/// <summary>Finds the repository root (the folder with PolicyLint.sln) and shared/ beside it.</summary>
internal static class SharedData
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>
    /// shared/ beside the repository root (../shared), or beside one of its ancestors (a git
    /// worktree lives deeper than the main checkout); null when there is none.
    /// </summary>
    public static string? SharedDirectory
    {
        get
        {
            for (var directory = Directory.GetParent(RepositoryRoot); directory is not null; directory = directory.Parent)
            {
                var shared = Path.Combine(directory.FullName, "shared");
                if (Directory.Exists(Path.Combine(shared, "conformance"))) return shared;
            }
            return null;
        }
    }

    public static string? Conformance(string part) =>
        SharedDirectory is { } shared ? Path.Combine(shared, "conformance", "netpol-analyzer", part) : null;

    public static string TestData(string part) => Path.Combine(RepositoryRoot, "testdata", part);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PolicyLint.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("PolicyLint.sln not found above the test assembly");
    }
}
