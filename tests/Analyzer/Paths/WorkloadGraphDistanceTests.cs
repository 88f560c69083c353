using FsCheck;
using FsCheck.Fluent;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Tests.Model;
using QuikGraph;
using QuikGraph.Algorithms.Search;

namespace PolicyLint.Analyzer.Tests.Paths;

/// <summary>
/// The workload graph's own breadth-first search (int arrays, docs/paths.md) against QuikGraph's
/// <see cref="BreadthFirstSearchAlgorithm{TVertex, TEdge}"/>, which it replaced: on random graphs,
/// from every vertex (the outside vertex too) and at every depth from 0 to 6, the hop counts must
/// be the same, -1 where unreached or beyond the depth; and the successors the search walks must
/// be exactly the vertices an edge leads to, in vertex order.
/// </summary>
public sealed class WorkloadGraphDistanceTests
{
    [Fact]
    public void Distances_are_those_of_quikgraphs_breadth_first_search()
    {
        Prop.ForAll(RandomGraphClusters.Cases(), graphCase =>
        {
            var cluster = Loading.Clean(graphCase.Yaml);
            var engine = ReachabilityEngine.Build(cluster);
            var graph = WorkloadGraph.Build(engine.Peers, engine.ComputeMatrix().Pairs(), EntryPointQuery.Run(engine), PathsPropertyTests.FilterOf(graphCase.Filter));
            var reference = Reference(graph);
            for (var root = 0; root < graph.VertexCount; root++)
            {
                for (var depth = 0; depth <= 6; depth++)
                {
                    var expected = string.Join(" ", QuikGraphDistances(reference, root, depth));
                    var actual = string.Join(" ", graph.Distances(root, depth));
                    Assert.True(expected == actual, $"from {root} within {depth}: QuikGraph {expected}, graph {actual}\n{graphCase}");
                }
            }
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200).WithQuietOnSuccess(true));
    }

    /// <summary>The graph as QuikGraph holds it, its edges read back through EdgeConnections (which asks QuikGraph).</summary>
    private static BidirectionalGraph<int, Edge<int>> Reference(WorkloadGraph graph)
    {
        var reference = new BidirectionalGraph<int, Edge<int>>();
        reference.AddVertexRange(Enumerable.Range(0, graph.VertexCount));
        for (var source = 0; source < graph.VertexCount; source++)
        {
            var successors = graph.Successors(source).ToArray();
            Assert.Equal(successors.Order(), successors);
            for (var target = 0; target < graph.VertexCount; target++)
            {
                var edge = source == graph.Outside ? graph.Entries.Any(e => graph.VertexOf(e.Workload) == target) : graph.EdgeConnections(source, target) is not null;
                Assert.Equal(edge, successors.Contains(target));
                if (edge) reference.AddEdge(new Edge<int>(source, target));
            }
        }
        return reference;
    }

    /// <summary>The former implementation's search, run to the end and cut at the depth.</summary>
    private static int[] QuikGraphDistances(BidirectionalGraph<int, Edge<int>> graph, int root, int maxDepth)
    {
        var distance = new int[graph.VertexCount];
        Array.Fill(distance, -1);
        distance[root] = 0;
        var search = new BreadthFirstSearchAlgorithm<int, Edge<int>>(graph);
        search.TreeEdge += edge => distance[edge.Target] = distance[edge.Source] + 1;
        search.Compute(root);
        return [.. distance.Select(d => d > maxDepth ? -1 : d)];
    }
}
