namespace PolicyLint.Tests;

/// <summary>
/// The checkout the tests run from (the folder holding PolicyLint.sln), and the shared/ folder
/// with conformance data that the project's workspace keeps beside it. Shared by every test
/// project (linked from tests/Shared).
/// </summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>
    /// shared/ beside the checkout (../shared), or beside one of its ancestors (a git worktree
    /// lives deeper than the main checkout); null in a user's clone, which has none.
    /// </summary>
    public static string? Shared
    {
        get
        {
            for (var directory = Directory.GetParent(Path); directory is not null; directory = directory.Parent)
            {
                var shared = System.IO.Path.Combine(directory.FullName, "shared");
                if (Directory.Exists(System.IO.Path.Combine(shared, "conformance"))) return shared;
            }
            return null;
        }
    }

    /// <summary>A folder of the netpol-analyzer conformance data, or null without shared/.</summary>
    public static string? Conformance(string part) =>
        Shared is { } shared ? System.IO.Path.Combine(shared, "conformance", "netpol-analyzer", part) : null;

    public static string TestData(string part) => System.IO.Path.Combine(Path, "testdata", part);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "PolicyLint.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("PolicyLint.sln not found above " + AppContext.BaseDirectory);
    }
}
