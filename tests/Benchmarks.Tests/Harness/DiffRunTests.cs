using PolicyLint.Benchmarks.Harness;

namespace PolicyLint.Benchmarks.Tests.Harness;

public sealed class DiffRunTests
{
    [Fact]
    public void Diff_mode_reads_the_sizes_and_render_diff_needs_none()
    {
        var command = PolicyLint.Benchmarks.CommandLine.Parse(["diff", "--size", "m", "--runs", "2"], out var error);
        var render = PolicyLint.Benchmarks.CommandLine.Parse(["render", "--diff"], out var renderError);
        PolicyLint.Benchmarks.CommandLine.Parse(["--size", "S", "--diff"], out var outsideRender);

        Assert.Null(error);
        Assert.True(command.Diff);
        Assert.False(command.Redundancy);
        Assert.False(command.Paths);
        Assert.Equal(["M"], command.Sizes.Select(s => s.Name));
        Assert.Null(renderError);
        Assert.True(render.Diff);
        Assert.NotNull(outsideRender);
    }

    [Fact]
    public void Rendering_the_redundancy_document_keeps_the_diff_section()
    {
        const string section = "<!-- diff mode: begin -->\n## diff\nfigures\n<!-- diff mode: end -->\n";
        var old = "# redundancy\nold figures\n\n" + section;

        Assert.Equal("# redundancy\nnew figures\n\n" + section, DiffRun.KeepSection(old, "# redundancy\nnew figures\n"));
        Assert.Equal("# redundancy\nnew figures\n", DiffRun.KeepSection("# redundancy\nold figures\n", "# redundancy\nnew figures\n"));
    }
}
