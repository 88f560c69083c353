using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;
using PolicyLint.Analyzer.Smt;

namespace PolicyLint.Analyzer.Tests.Smt;

/// <summary>
/// The SMT encoding, restricted to the input pods, against the concrete reachability engine:
/// two independent statements of the semantics must agree on every ordered pair of distinct
/// workloads (and workload/outside address), every protocol and every port at a boundary.
/// 500 random clusters by default; set POLICYLINT_PROPERTY_CASES for more.
/// </summary>
[Collection(SolverHeavyCollection.Name)]
public sealed class DifferentialTests
{
    private static int CaseCount =>
        int.TryParse(Environment.GetEnvironmentVariable("POLICYLINT_PROPERTY_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : 500;

    [Fact]
    public void Smt_engine_agrees_with_the_concrete_engine_on_random_clusters()
    {
        Prop.ForAll(RandomClusters.Cases(), c => Agrees(c))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(CaseCount).WithQuietOnSuccess(true));
    }

    /// <summary>Throws with the pair, protocol, port and both answers on the first disagreement.</summary>
    public static bool Agrees(RandomCase randomCase)
    {
        var cluster = randomCase.Cluster;
        var engine = ReachabilityEngine.Build(cluster, randomCase.Profile);
        using var smt = PolicySolver.Create(cluster, new SmtOptions(randomCase.Profile));
        string[] addresses = [.. RandomClusters.V4Addresses, .. RandomClusters.V6Addresses];
        var endpoints = cluster.Workloads.Select(w => (Concrete: (ConcreteEndpoint)new PodEndpoint(w), Peer: (Peer)new WorkloadPeer(w)))
            .Concat(addresses.Select(a => (Concrete: (ConcreteEndpoint)new AddressEndpoint(a), Peer: (Peer)new ExternalPeer(SingleAddress(a)))))
            .ToList();
        foreach (var source in endpoints)
        {
            foreach (var destination in endpoints)
            {
                if (source.Concrete is AddressEndpoint && destination.Concrete is AddressEndpoint) continue;
                if (source.Peer.Id == destination.Peer.Id) continue;
                var connections = engine.Connections(source.Peer, destination.Peer);
                var expected = Expectations(connections);
                if (smt.FirstDisagreement(source.Concrete, destination.Concrete, expected) is { } differs)
                {
                    throw new Xunit.Sdk.XunitException(
                        $"{source.Peer.Id} -> {destination.Peer.Id} {differs.Protocol}/{differs.Port}: " +
                        $"concrete engine says {(differs.Allowed ? "allowed" : "denied")}, SMT says {(differs.Allowed ? "denied" : "allowed")} " +
                        $"(concrete: {connections})\n{randomCase}");
                }
            }
        }
        return true;
    }

    private static List<ExpectedConnection> Expectations(ConnectionSet connections)
    {
        var expected = new List<ExpectedConnection>();
        foreach (var protocol in Protocols.All)
        {
            foreach (var port in RandomClusters.BoundaryPorts) expected.Add(new ExpectedConnection(protocol, port, connections.Contains(protocol, port)));
        }
        return expected;
    }

    private static IpSet SingleAddress(string text)
    {
        Assert.True(IpAddressText.TryParse(text, out var family, out var address));
        return IpSet.Of(new IpRange(family, address, address));
    }
}
