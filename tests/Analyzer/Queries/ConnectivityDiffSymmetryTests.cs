using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Tests;

namespace PolicyLint.Analyzer.Tests.Queries;

/// <summary>
/// Properties every diff must have, checked on the testdata pairs and the demo: a cluster
/// against itself changes nothing, and swapping the sides mirrors every change.
/// </summary>
public class ConnectivityDiffSymmetryTests
{
    private static readonly ConnectivityDiffOptions WithoutSolver = new(CheckPodsBeyondManifests: false);

    public static TheoryData<string> Pairs() => ["diff/ports-only", "diff/adds-workload", "diff/opens-outside", "diff/reorder", "diff/beyond-manifests", "diff/opens-nodeport"];

    private static Cluster Load(string path) => ClusterLoader.Load([RepositoryRoot.TestData(path)]).Cluster;

    [Theory]
    [MemberData(nameof(Pairs))]
    public void A_side_against_itself_changes_nothing(string pair)
    {
        var head = Load($"{pair}/head");
        var diff = ConnectivityDiffQuery.Run(DiffSide.Of(head), DiffSide.Of(head), WithoutSolver);
        Assert.Empty(diff.Connections);
        Assert.Empty(diff.WorkloadsAdded);
        Assert.Empty(diff.WorkloadsRemoved);
        Assert.Empty(diff.Exposure);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Swapping_the_sides_mirrors_every_change(string pair)
    {
        var (before, after) = (Load($"{pair}/base"), Load($"{pair}/head"));
        var forward = ConnectivityDiffQuery.Run(DiffSide.Of(before), DiffSide.Of(after), WithoutSolver);
        var backward = ConnectivityDiffQuery.Run(DiffSide.Of(after), DiffSide.Of(before), WithoutSolver);
        Assert.Equal(
            forward.Connections.Select(c => (c.Source.Id, c.Destination.Id, c.Before.ToString(), c.After.ToString())),
            backward.Connections.Select(c => (c.Source.Id, c.Destination.Id, c.After.ToString(), c.Before.ToString())));
        Assert.Equal(forward.WorkloadsAdded.Select(w => w.Id), backward.WorkloadsRemoved.Select(w => w.Id));
        Assert.Equal(forward.ConnectionsAdded, backward.ConnectionsRemoved);
        Assert.Equal(forward.EntryPointsOpened, backward.EntryPointsClosed);
        Assert.Equal(forward.EntryPointsChanged, backward.EntryPointsChanged);
    }

    [Fact]
    public void The_demo_against_itself_changes_nothing_even_for_the_solver()
    {
        var demo = Load("demo");
        var diff = ConnectivityDiffQuery.Run(DiffSide.Of(demo), DiffSide.Of(demo));
        Assert.Empty(diff.Connections);
        Assert.NotEqual(BeyondManifestsVerdict.AffectsPodsBeyondManifests, diff.BeyondManifests.Verdict);
        Assert.NotEqual(BeyondManifestsVerdict.DiffersWithinManifests, diff.BeyondManifests.Verdict);
    }
}
