using PolicyLint.Benchmarks.Harness;

namespace PolicyLint.Benchmarks.Tests.Harness;

public sealed class PathsRunTests
{
    [Fact]
    public void Paths_mode_reads_the_sizes_and_render_paths_needs_none()
    {
        var command = PolicyLint.Benchmarks.CommandLine.Parse(["paths", "--size", "S", "--size", "m", "--runs", "2"], out var error);
        var render = PolicyLint.Benchmarks.CommandLine.Parse(["render", "--paths"], out var renderError);
        PolicyLint.Benchmarks.CommandLine.Parse(["--size", "S", "--paths"], out var outsideRender);

        Assert.Null(error);
        Assert.True(command.Paths);
        Assert.False(command.Redundancy);
        Assert.Equal(["S", "M"], command.Sizes.Select(s => s.Name));
        Assert.Null(renderError);
        Assert.True(render.Paths);
        Assert.NotNull(outsideRender);
    }

    [Fact]
    public void Rendering_the_results_keeps_the_paths_section_and_a_document_without_one_stays_as_it_is()
    {
        const string section = "<!-- paths mode: begin -->\n## Attack paths\nfigures\n<!-- paths mode: end -->\n";
        var old = "# results\nold figures\n\n" + section;

        Assert.Equal("# results\nnew figures\n\n" + section, PathsRun.KeepSection(old, "# results\nnew figures\n"));
        Assert.Equal("# results\nnew figures\n", PathsRun.KeepSection("# results\nold figures\n", "# results\nnew figures\n"));
    }
}
