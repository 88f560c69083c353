using System.Text;
using PolicyLint.Cli.Report;

namespace PolicyLint.Cli.Tests.Report;

/// <summary>DOT and SVG stay readable: big namespaces are drawn as one node, and the drawing says so.</summary>
public sealed class DotGroupingTests
{
    [Fact]
    public void Namespace_above_the_size_is_one_node_with_edges_counting_its_pairs()
    {
        var dot = DotOf(("big", DotGrouping.CollapseAbove + 1), ("small", 1));

        Assert.Contains($"\"namespace:big\" [label=\"big\\n{DotGrouping.CollapseAbove + 1} workloads\", shape=folder];", dot);
        Assert.DoesNotContain("\"big/app-0[Deployment]\"", dot);
        Assert.Contains("\"small/app-0[Deployment]\" [label=", dot);
        // No policy selects anything: every pair is allowed (Kubernetes: "By default, pods are non-isolated").
        Assert.Contains($"\"small/app-0[Deployment]\" -> \"namespace:big\" [label=\"{DotGrouping.CollapseAbove + 1} pairs, All Connections\"];", dot);
        Assert.Contains($"\"namespace:big\" -> \"small/app-0[Deployment]\" [label=\"{DotGrouping.CollapseAbove + 1} pairs, All Connections\"];", dot);
        Assert.DoesNotContain("\"namespace:big\" -> \"namespace:big\"", dot);
        Assert.Contains($"// namespaces with more than {DotGrouping.CollapseAbove} workloads (big) are one node each", dot);
    }

    [Fact]
    public void Namespace_at_the_size_stays_expanded_and_nothing_is_said()
    {
        var dot = DotOf(("edge", DotGrouping.CollapseAbove), ("small", 1));

        Assert.Contains("\"edge/app-0[Deployment]\" [label=", dot);
        Assert.DoesNotContain("namespace:", dot);
        Assert.DoesNotContain("//", dot);
    }

    [Fact]
    public void Graph_above_the_total_size_collapses_every_namespace()
    {
        var dot = DotOf([.. Enumerable.Range(0, DotGrouping.CollapseAllAbove / 5 + 1).Select(i => ($"ns-{i:D3}", 5))]);

        Assert.Contains("\"namespace:ns-000\"", dot);
        Assert.DoesNotContain("[Deployment]\" [label=", dot);
        Assert.Contains("each of the 31 namespaces is one node", dot);
    }

    private static string DotOf(params (string Namespace, int Workloads)[] namespaces)
    {
        var directory = Directory.CreateTempSubdirectory("policylint-dot-").FullName;
        try
        {
            var yaml = new StringBuilder();
            foreach (var (ns, count) in namespaces)
            {
                for (var i = 0; i < count; i++)
                {
                    yaml.Append($"""
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {"{"}name: app-{i}, namespace: {ns}{"}"}
                        spec:
                          selector: {"{"}matchLabels: {"{"}app: app-{i}{"}"}{"}"}
                          template:
                            metadata: {"{"}labels: {"{"}app: app-{i}{"}"}{"}"}
                            spec: {"{"}containers: [{"{"}name: c, image: x{"}"}]{"}"}
                        ---

                        """);
                }
            }
            File.WriteAllText(Path.Combine(directory, "cluster.yaml"), yaml.ToString());
            var run = CliRun.In(directory, "", "report", ".", "--format", "dot");
            Assert.Equal("", run.Error);
            return run.Out;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
