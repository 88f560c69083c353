namespace PolicyLint.Analyzer.Manifests;

/// <summary>
/// A directory's path with every symbolic link on it resolved (what POSIX realpath gives), so
/// the directory walk can tell a directory it has already read from a link back to it.
/// </summary>
internal static class RealPaths
{
    private const int MaxLinks = 40;

    public static string Of(string path) => Resolve(Path.GetFullPath(path), MaxLinks);

    private static string Resolve(string full, int linksLeft)
    {
        var root = Path.GetPathRoot(full) ?? "";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            if (linksLeft > 0 && TryLinkTarget(next) is { } target)
            {
                // The target's own path may pass through links too.
                next = Resolve(Path.GetFullPath(target, current), linksLeft - 1);
            }
            current = next;
        }
        return current;
    }

    private static string? TryLinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
