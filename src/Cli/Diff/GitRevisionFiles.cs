using System.Collections.Immutable;

namespace PolicyLint.Cli.Diff;

/// <summary>The manifest files of some paths at a git revision, with their texts, or why they cannot be read.</summary>
public sealed record GitRevisionRead(ImmutableArray<(string Path, string Text)> Files, string? Error)
{
    public static GitRevisionRead Failed(string error) => new([], error);
}

/// <summary>
/// Reads the manifests of PATHs as they were at a git revision, without a checkout:
/// <c>git ls-tree -r --name-only REV -- PATH</c> lists the files (run at the repository root,
/// with the PATH made relative to it), <c>git show REV:file</c> reads each. Files are chosen
/// and ordered as the loader does for a directory (.yaml, .yml, .json; hidden entries below
/// the PATH skipped; ordinal order) and named as the loader would name them in the working
/// tree (the user's PATH followed by the rest), so findings on both sides match.
/// A PATH that does not exist at the revision contributes no files (it is new).
/// </summary>
public static class GitRevisionFiles
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    public static GitRevisionRead Read(string workingDirectory, string revision, IReadOnlyList<string> paths)
    {
        var top = GitProcess.Run(workingDirectory, "rev-parse", "--show-toplevel");
        if (top is null) return GitRevisionRead.Failed("--git-base needs git, which could not be started (is it installed and on PATH?)");
        if (!top.Succeeded) return GitRevisionRead.Failed($"--git-base: '{workingDirectory}' is not in a git repository ({top.Reason})");
        var root = top.Out.Trim();
        var commit = GitProcess.Run(root, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}");
        if (commit is not { Succeeded: true }) return GitRevisionRead.Failed($"--git-base: unknown revision '{revision}'");

        var files = ImmutableArray.CreateBuilder<(string, string)>();
        foreach (var path in paths)
        {
            if (path == "-") return GitRevisionRead.Failed("--git-base cannot read standard input ('-'); give files or directories");
            var relative = RelativeToRoot(root, workingDirectory, path);
            if (relative is null) return GitRevisionRead.Failed($"--git-base: '{path}' is outside the repository {root}");
            var error = ReadPath(root, revision, path, relative, files);
            if (error is not null) return GitRevisionRead.Failed(error);
        }
        return new GitRevisionRead(files.ToImmutable(), null);
    }

    private static string? ReadPath(string root, string revision, string userPath, string relative, ImmutableArray<(string, string)>.Builder files)
    {
        var listing = GitProcess.Run(root, "ls-tree", "-r", "--name-only", "-z", revision, "--", relative.Length == 0 ? "." : relative)!;
        if (!listing.Succeeded) return $"--git-base: cannot list '{userPath}' at {revision}: {listing.Reason}";
        var chosen = new List<(string Display, string Name)>();
        foreach (var name in listing.Out.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = name == relative ? "" : relative.Length == 0 ? name : name[(relative.Length + 1)..];
            if (rest.Length > 0 && !IsManifest(rest)) continue;
            chosen.Add((rest.Length == 0 ? userPath : Path.Combine(userPath, rest), name));
        }
        chosen.Sort((x, y) => string.CompareOrdinal(x.Display, y.Display));
        foreach (var (display, name) in chosen)
        {
            var show = GitProcess.Run(root, "show", $"{revision}:{name}")!;
            if (!show.Succeeded) return $"--git-base: cannot read '{name}' at {revision}: {show.Reason}";
            files.Add((display, show.Out));
        }
        return null;
    }

    /// <summary>A file below a listed directory counts when no part of its path is hidden and its extension is a manifest's.</summary>
    private static bool IsManifest(string rest) =>
        !rest.Split('/').Any(part => part.StartsWith('.'))
        && ManifestExtensions.Any(e => rest.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>The path relative to the repository root with '/' separators ("" for the root); null when outside.</summary>
    private static string? RelativeToRoot(string root, string workingDirectory, string path)
    {
        var full = Path.GetFullPath(path, workingDirectory);
        var relative = Path.GetRelativePath(Path.GetFullPath(root), full).Replace('\\', '/');
        if (relative == ".") return "";
        if (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative)) return null;
        return relative.TrimEnd('/');
    }
}
