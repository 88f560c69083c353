namespace PolicyLint.Cli.Tests;

/// <summary>
/// The checkout the tests run from (the folder holding PolicyLint.sln), and the shared/ folder
/// beside it that holds conformance data when the tests run in the project's workspace.
/// </summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>../shared next to the checkout, or null in a user's clone that has none.</summary>
    public static string? Shared
    {
        get
        {
            var shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, "..", "shared"));
            return Directory.Exists(shared) ? shared : null;
        }
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PolicyLint.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("PolicyLint.sln not found above " + AppContext.BaseDirectory);
    }
}
