namespace PolicyLint.Benchmarks.Harness;

/// <summary>The checkout the harness runs from: the nearest folder upward with PolicyLint.sln.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PolicyLint.sln"))) return directory.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
