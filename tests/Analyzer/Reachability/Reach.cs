using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Analyzer.Tests.Reachability;

/// <summary>
/// Asks the engine both ways, the pair query and the full matrix, and insists they agree, so
/// every semantic test checks both code paths. Returns the connlist text of the connection set.
/// </summary>
public static class Reach
{
    public static string Between(Cluster cluster, string source, string destination, AnalysisProfile profile = AnalysisProfile.Default)
    {
        var engine = ReachabilityEngine.Build(cluster, profile);
        var src = engine.FindPeer(source) ?? throw new ArgumentException($"no peer {source}; peers: {string.Join(", ", engine.Peers)}");
        var dst = engine.FindPeer(destination) ?? throw new ArgumentException($"no peer {destination}; peers: {string.Join(", ", engine.Peers)}");
        var pair = engine.Connections(src, dst);
        var matrix = engine.ComputeMatrix().Connections(src, dst);
        Assert.Equal(pair, matrix);
        return pair.ToString();
    }

    public const string None = "No Connections";
    public const string All = "All Connections";
}
