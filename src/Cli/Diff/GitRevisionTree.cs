using System.Formats.Tar;
using PolicyLint.Analyzer.Manifests.Repository;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Cli.Diff;

/// <summary>The manifests of some paths loaded as they were at a git revision, or why they cannot be.</summary>
public sealed record GitRevisionLoad(LoadedCluster? Loaded, string? Error)
{
    public static GitRevisionLoad Failed(string error) => new(null, error);
}

/// <summary>
/// Loads PATHs as they were at a git revision, without touching the checkout: the revision's
/// tree below the PATHs is written with <c>git archive</c> into a temporary directory, which is
/// loaded like the working tree (same repository layout, Helm charts and kustomize roots
/// rendered alike, docs/repositories.md) from the place the working directory has in it, so
/// spans name files with the user's PATHs as the working tree's do. The directory is deleted
/// afterwards. A PATH that does not exist at the revision contributes nothing (it is new).
/// </summary>
public static class GitRevisionTree
{
    public static GitRevisionLoad Load(string workingDirectory, string revision, IReadOnlyList<string> paths, LoadOptions loading)
    {
        var top = GitProcess.Run(workingDirectory, "rev-parse", "--show-toplevel");
        if (top is null) return GitRevisionLoad.Failed("--git-base needs git, which could not be started (is it installed and on PATH?)");
        if (!top.Succeeded) return GitRevisionLoad.Failed($"--git-base: '{workingDirectory}' is not in a git repository ({top.Reason})");
        var root = top.Out.Trim();
        var commit = GitProcess.Run(root, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}");
        if (commit is not { Succeeded: true }) return GitRevisionLoad.Failed($"--git-base: unknown revision '{revision}'");

        var present = new List<string>();
        foreach (var path in paths)
        {
            if (path == "-") return GitRevisionLoad.Failed("--git-base cannot read standard input ('-'); give files or directories");
            var relative = RelativeToRoot(root, workingDirectory, path);
            if (relative is null) return GitRevisionLoad.Failed($"--git-base: '{path}' is outside the repository {root}");
            var listing = GitProcess.Run(root, "ls-tree", "--name-only", "-z", revision, "--", relative.Length == 0 ? "." : relative)!;
            if (!listing.Succeeded) return GitRevisionLoad.Failed($"--git-base: cannot list '{path}' at {revision}: {listing.Reason}");
            if (listing.Out.Length > 0) present.Add(relative.Length == 0 ? "." : relative);
        }

        var tree = Directory.CreateTempSubdirectory("policylint-git-base-").FullName;
        try
        {
            var error = Extract(root, revision, present, tree);
            if (error is not null) return GitRevisionLoad.Failed(error);
            var here = Path.Combine(tree, RelativeToRoot(root, workingDirectory, ".")!);
            Directory.CreateDirectory(here);
            return new GitRevisionLoad(LoadFrom(here, paths, loading with { Repository = Anchored(loading.Repository ?? RepositoryOptions.FromEnvironment(), workingDirectory) }), null);
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
        }
    }

    /// <summary>Writes the revision's files below the repository-relative <paramref name="present"/> into <paramref name="tree"/>.</summary>
    private static string? Extract(string root, string revision, List<string> present, string tree)
    {
        if (present.Count == 0) return null;
        var archive = Path.Combine(tree, ".policylint-base.tar");
        var run = GitProcess.Run(root, ["archive", "--format=tar", "-o", archive, revision, "--", .. present])!;
        if (!run.Succeeded) return $"--git-base: cannot read {string.Join(", ", present)} at {revision}: {run.Reason}";
        try
        {
            TarFile.ExtractToDirectory(archive, tree, overwriteFiles: false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return $"--git-base: cannot write {string.Join(", ", present)} at {revision} into {tree}: {e.Message}";
        }
        File.Delete(archive);
        return null;
    }

    /// <summary>
    /// Loads the PATHs from the working directory's place in the extracted tree: the loader and
    /// the renderers resolve relative paths against the process's current directory, which is
    /// restored afterwards (a PATH given absolute is read from the tree by its relative spelling).
    /// </summary>
    private static LoadedCluster LoadFrom(string here, IReadOnlyList<string> paths, LoadOptions loading)
    {
        var previous = Environment.CurrentDirectory;
        var relativePaths = paths.Select(p => Path.IsPathRooted(p) ? Path.GetRelativePath(previous, p) : p).ToList();
        Environment.CurrentDirectory = here;
        try
        {
            return ClusterLoader.Load([.. relativePaths.Where(p => Path.Exists(Path.Combine(here, p)))], null, loading);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    /// <summary>Values files are the user's, read from the working tree on both sides.</summary>
    private static RepositoryOptions Anchored(RepositoryOptions repository, string workingDirectory) =>
        repository with { HelmValues = [.. repository.HelmValues.Select(v => Path.GetFullPath(v, workingDirectory))] };

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
