namespace PolicyLint.Cli.Tests.Diff;

public class DiffCommandTests
{
    public static TheoryData<string, string> PairsAndFormats()
    {
        var data = new TheoryData<string, string>();
        foreach (var pair in new[] { "ports-only", "adds-workload", "opens-outside", "reorder", "beyond-manifests", "opens-nodeport", "breaks-dependency" })
        {
            foreach (var format in new[] { "text", "md", "json" }) data.Add(pair, format);
        }
        return data;
    }

    private static CliRun DiffPair(string pair, params string[] options) =>
        CliRun.Of([.. new[] { "diff", $"testdata/diff/{pair}/base", $"testdata/diff/{pair}/head" }, .. options]);

    [Theory]
    [MemberData(nameof(PairsAndFormats))]
    public void Every_pair_in_every_format_matches_its_golden_file(string pair, string format)
    {
        var run = DiffPair(pair, "--format", format);
        Assert.Equal("", run.Error);
        Golden.Verify(run.Out, $"{pair}.{format}");
    }

    [Theory]
    [InlineData("ports-only", 1)]
    [InlineData("adds-workload", 1)]
    [InlineData("opens-outside", 1)]
    [InlineData("beyond-manifests", 1)]
    [InlineData("opens-nodeport", 1)]
    [InlineData("reorder", 0)]
    public void Exit_code_is_1_when_connectivity_changed_and_0_when_not(string pair, int expected)
    {
        Assert.Equal(expected, DiffPair(pair).ExitCode);
    }

    [Fact]
    public void Exit_zero_keeps_the_output_and_exits_0()
    {
        var run = DiffPair("ports-only", "--exit-zero");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(DiffPair("ports-only").Out, run.Out);
    }

    [Fact]
    public void Moving_objects_between_files_changes_no_connection_and_no_finding()
    {
        var run = DiffPair("reorder");
        Assert.Equal("No connection changed (profile: default)\n", run.Out);
    }

    [Fact]
    public void No_smt_leaves_the_solver_out_and_says_nothing_about_other_pods()
    {
        var run = DiffPair("beyond-manifests", "--no-smt");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("not in the manifests", run.Out);
    }

    [Fact]
    public void The_netpol_analyzer_profile_is_named_in_the_output()
    {
        var run = DiffPair("ports-only", "--profile", "netpol-analyzer", "--format", "json");
        Assert.Contains("\"profile\": \"netpol-analyzer\"", run.Out);
    }

    [Fact]
    public void Output_file_receives_the_diff()
    {
        var file = Path.Combine(Path.GetTempPath(), $"policylint-diff-{Guid.NewGuid():N}.md");
        try
        {
            var run = DiffPair("ports-only", "--format", "md", "-o", file);
            Assert.Equal(1, run.ExitCode);
            Assert.Equal("", run.Out);
            // shop/db runs postgres:16, a built-in sensitive image, 2 hops from the internet: its finding moves with the path
            Assert.StartsWith("**PolicyLint diff:** 0 connections added, 0 removed, 2 changed; 1 finding introduced, 1 fixed.", File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Load_errors_on_either_side_exit_2_with_file_line_and_column_and_no_diff()
    {
        var run = CliRun.Of("diff", "testdata/diff/ports-only/base", "testdata/invalid/cidr-33.yaml");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Matches(@"^testdata/invalid/cidr-33\.yaml:\d+:\d+: invalid-cidr: ", run.Error);

        var reversed = CliRun.Of("diff", "testdata/invalid/cidr-33.yaml", "testdata/diff/ports-only/base");
        Assert.Equal(2, reversed.ExitCode);
        Assert.Matches(@"^testdata/invalid/cidr-33\.yaml:\d+:\d+: invalid-cidr: ", reversed.Error);
    }

    [Fact]
    public void A_missing_path_is_bad_input()
    {
        var run = CliRun.Of("diff", "testdata/diff/ports-only/base", "testdata/diff/no-such-dir");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("testdata/diff/no-such-dir", run.Error);
    }

    [Theory]
    [InlineData("diff")]
    [InlineData("diff", "testdata/diff/ports-only/base")]
    [InlineData("diff", "a", "b", "c")]
    [InlineData("diff", "-", "-")]
    public void Anything_but_base_and_head_is_a_usage_error(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("policylint: ", run.Error);
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error()
    {
        Assert.Equal(2, DiffPair("ports-only", "--format", "sarif").ExitCode);
    }

    [Fact]
    public void Base_can_be_read_from_standard_input()
    {
        var text = string.Join("---\n", Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "testdata/diff/ports-only/base")).Order().Select(File.ReadAllText));
        var run = CliRun.In(RepositoryRoot.Path, text, "diff", "-", "testdata/diff/ports-only/head");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("0 connections added, 0 removed, 2 changed", run.Out);
    }
}
