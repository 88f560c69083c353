using System.Net;
using PolicyLint.Analyzer.Model;
using PolicyLint.Benchmarks.Generation;
using static PolicyLint.Benchmarks.Tests.Generation.GeneratedManifests;

namespace PolicyLint.Benchmarks.Tests.Generation;

/// <summary>
/// The input shapes of the benchmark (SizeProfile.Shapes), generated small and read back by
/// PolicyLint's loader: an ipBlock-heavy cluster and a kubectl dump.
/// </summary>
public sealed class InputShapeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "policylint-shape-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void The_shapes_are_the_sizes_the_issue_names()
    {
        var ip = SizeProfile.Find("M-ip")!;
        Assert.Equal((600, 2_000, 13_700, 25), (ip.Namespaces, ip.Workloads, ip.Policies, ip.IpBlockPercent));
        Assert.True(SizeProfile.Find("M-dump")!.Dump);
    }

    [Fact]
    public void The_ipBlock_heavy_shape_reads_back_with_a_quarter_of_the_policies_carrying_a_block()
    {
        // M-ip's density (about 23 policies and 3.3 workloads per namespace) on 33 namespaces
        var profile = SizeProfile.MediumIpBlocks with { Name = "M-ip-small", Namespaces = 33, Workloads = 110, Pods = 300, Policies = 760, Services = 73 };
        var summary = ClusterGenerator.Generate(profile, 1, _root);
        var loaded = ClusterLoader.Load([summary.Directory]);

        Assert.Empty(loaded.Diagnostics);
        Assert.Equal(profile.Policies, loaded.Cluster.NetworkPolicies.Length);
        Assert.Equal(profile.Workloads, loaded.Cluster.Workloads.Length);
        var withBlocks = loaded.Cluster.NetworkPolicies.Count(p => Blocks(p).Any());
        Assert.InRange(withBlocks, profile.Policies * 20 / 100, profile.Policies * 33 / 100);

        var random = Read(summary).OfKind("NetworkPolicy")
            .Where(p => Text(p, "metadata", "name")!.StartsWith("allow-network-", StringComparison.Ordinal) || Text(p, "metadata", "name")!.StartsWith("egress-network-", StringComparison.Ordinal))
            .Select(p => Text(p, "metadata", "name")!)
            .ToHashSet();
        var blocks = loaded.Cluster.NetworkPolicies.Where(p => random.Contains(p.Meta.Name)).SelectMany(Blocks).ToList();
        Assert.True(blocks.Count > profile.Policies / 10, $"{blocks.Count} random blocks");
        Assert.All(blocks, block =>
        {
            var cidr = IPNetwork.Parse(block.Cidr.Text);
            Assert.InRange(cidr.PrefixLength, 8, 16);
            Assert.InRange(block.Except.Length, 1, 2);
            Assert.All(block.Except, e =>
            {
                var hole = IPNetwork.Parse(e.Text);
                Assert.True(hole.PrefixLength > cidr.PrefixLength && cidr.Contains(hole.BaseAddress), $"{e.Text} inside {block.Cidr.Text}");
            });
        });
        Assert.Contains(loaded.Cluster.NetworkPolicies, p => random.Contains(p.Meta.Name) && p.Ingress.Any(r => r.Peers.Any(x => x.IpBlock is not null)));
        Assert.Contains(loaded.Cluster.NetworkPolicies, p => random.Contains(p.Meta.Name) && p.Egress.Any(r => r.Peers.Any(x => x.IpBlock is not null)));
    }

    [Fact]
    public void Other_profiles_are_unchanged_by_the_ipBlock_option()
    {
        var plain = ClusterGenerator.Generate(SizeProfile.Small, 2, Path.Combine(_root, "plain"));
        var explicitZero = ClusterGenerator.Generate(SizeProfile.Small with { IpBlockPercent = 0 }, 2, Path.Combine(_root, "zero"));
        Assert.All(plain.Files.Zip(explicitZero.Files), pair => Assert.True(File.ReadAllBytes(pair.First).SequenceEqual(File.ReadAllBytes(pair.Second))));
    }

    [Fact]
    public void The_dump_shape_reads_back_with_the_counts_the_harness_checks()
    {
        var profile = SizeProfile.MediumDump with { Name = "dump-20", Namespaces = 20 };
        var summary = ClusterGenerator.Generate(profile, 1, _root);
        var loaded = ClusterLoader.Load([summary.Directory]);
        var cluster = loaded.Cluster;

        Assert.Empty(loaded.Diagnostics);
        Assert.Equal([Path.Combine(_root, DumpCluster.FileName)], summary.Files);
        // the harness's checks (tests/Benchmarks/Harness/SizeMeasurements.cs)
        Assert.Equal(summary.Namespaces, cluster.Namespaces.Length);
        Assert.Equal(summary.Workloads, cluster.Workloads.Length);
        Assert.Equal(summary.Pods, cluster.Workloads.Sum(w => Math.Max(w.Replicas, w.Pods.Length)));
        Assert.Equal(summary.Policies, cluster.NetworkPolicies.Length);
        Assert.Equal(summary.Services, cluster.Services.Length);
        Assert.Equal(summary.Ingresses, cluster.Ingresses.Length);
        Assert.Equal(summary.DumpedPods, cluster.Workloads.Sum(w => w.Pods.Length));
    }

    private static IEnumerable<IpBlock> Blocks(NetworkPolicy policy) =>
        policy.Ingress.Concat(policy.Egress).SelectMany(r => r.Peers).Select(p => p.IpBlock).OfType<IpBlock>();
}
