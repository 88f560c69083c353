namespace PolicyLint.Cli.Tests.Diff;

/// <summary>`diff --git-base` against a real repository made in a temporary directory.</summary>
public sealed class GitBaseTests : IDisposable
{
    private readonly TemporaryGitRepository _git = new();

    private string Repository => _git.Path;

    public void Dispose() => _git.Dispose();

    private void Git(params string[] arguments) => _git.Git(arguments);

    /// <summary>Replaces <c>k8s/</c> in the working tree with a copy of testdata/diff/PAIR/SIDE.</summary>
    private void Place(string pair, string side)
    {
        var target = Path.Combine(Repository, "k8s");
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        var source = Path.Combine(RepositoryRoot.Path, "testdata", "diff", pair, side);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    private void CommitBase(string pair)
    {
        Place(pair, "base");
        Git("add", "-A");
        Git("commit", "--quiet", "-m", "base");
    }

    [Fact]
    public void Compares_the_working_tree_with_the_revision_like_two_folders()
    {
        CommitBase("adds-workload");
        Place("adds-workload", "head");
        var run = CliRun.In(Repository, "", "diff", "--git-base", "HEAD", "k8s");
        Assert.Equal("", run.Error);
        Assert.Equal(1, run.ExitCode);
        var folders = CliRun.Of("diff", "testdata/diff/adds-workload/base", "testdata/diff/adds-workload/head");
        Assert.Equal(
            folders.Out.Replace("testdata/diff/adds-workload/base/", "k8s/").Replace("testdata/diff/adds-workload/head/", "k8s/"),
            run.Out);
    }

    [Fact]
    public void Spans_read_from_the_revision_keep_the_users_path_from_a_subdirectory()
    {
        Place("adds-workload", "head");
        Git("add", "-A");
        Git("commit", "--quiet", "-m", "with the worker");
        Place("adds-workload", "base");
        var run = CliRun.In(Path.Combine(Repository, "k8s"), "", "diff", "--git-base", "HEAD", ".", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var json = Newtonsoft.Json.Linq.JObject.Parse(run.Out);
        Assert.Equal("./worker.yaml", (string?)json["workloads"]!["removed"]![0]!["file"]);
        Assert.Equal("./worker.yaml", (string?)json["findings"]!["fixed"]![0]!["file"]);
    }

    [Fact]
    public void Moved_objects_are_no_change_and_exit_0()
    {
        CommitBase("reorder");
        Place("reorder", "head");
        var run = CliRun.In(Repository, "", "diff", "--git-base", "HEAD", "k8s");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("No connection changed (profile: default)\n", run.Out);
    }

    [Fact]
    public void A_path_that_is_new_since_the_revision_has_an_empty_base()
    {
        Place("ports-only", "base");
        File.WriteAllText(Path.Combine(Repository, "README"), "x");
        Git("add", "README");
        Git("commit", "--quiet", "-m", "no manifests yet");
        var run = CliRun.In(Repository, "", "diff", "--git-base", "HEAD", "k8s");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("3 workloads added", run.Out);
    }

    [Fact]
    public void Files_git_knows_but_the_loader_skips_are_skipped_at_the_revision_too()
    {
        Place("ports-only", "base");
        File.WriteAllText(Path.Combine(Repository, "k8s", "notes.txt"), "not yaml: [");
        Directory.CreateDirectory(Path.Combine(Repository, "k8s", ".hidden"));
        File.WriteAllText(Path.Combine(Repository, "k8s", ".hidden", "broken.yaml"), "a: [");
        Git("add", "-A");
        Git("commit", "--quiet", "-m", "base");
        var run = CliRun.In(Repository, "", "diff", "--git-base", "HEAD", "k8s");
        Assert.Equal("", run.Error);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void An_unknown_revision_is_bad_input()
    {
        CommitBase("ports-only");
        var run = CliRun.In(Repository, "", "diff", "--git-base", "no-such-branch", "k8s");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("policylint: --git-base: unknown revision 'no-such-branch'\n", run.Error);
    }

    [Fact]
    public void Outside_a_gitRepository_is_bad_input()
    {
        var plain = Path.Combine(Path.GetTempPath(), $"policylint-plain-{Guid.NewGuid():N}");
        Directory.CreateDirectory(plain);
        try
        {
            var run = CliRun.In(plain, "", "diff", "--git-base", "HEAD", ".");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("is not in a git repository", run.Error);
        }
        finally
        {
            Directory.Delete(plain, recursive: true);
        }
    }

    [Fact]
    public void Load_errors_at_the_revision_are_reported_and_exit_2()
    {
        Place("ports-only", "base");
        File.WriteAllText(Path.Combine(Repository, "k8s", "bad.yaml"), "key: [unclosed\n");
        Git("add", "-A");
        Git("commit", "--quiet", "-m", "broken base");
        File.Delete(Path.Combine(Repository, "k8s", "bad.yaml"));
        var run = CliRun.In(Repository, "", "diff", "--git-base", "HEAD", "k8s");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("policylint: in the base (git revision HEAD):\nk8s/bad.yaml:", run.Error);
    }
}
