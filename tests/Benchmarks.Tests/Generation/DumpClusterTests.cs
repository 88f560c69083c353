using PolicyLint.Analyzer.Model;
using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks.Tests.Generation;

/// <summary>The dump-shaped cluster, read back by PolicyLint's own loader.</summary>
public sealed class DumpClusterTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "policylint-dump-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void Same_seed_gives_the_same_bytes()
    {
        var a = DumpCluster.Generate(3, 2, 5, Path.Combine(_root, "a"));
        var b = DumpCluster.Generate(3, 2, 5, Path.Combine(_root, "b"));

        Assert.True(File.ReadAllBytes(a.File).SequenceEqual(File.ReadAllBytes(b.File)));
    }

    [Fact]
    public void The_loader_reads_every_workload_back_as_the_cluster_runs_it()
    {
        var summary = DumpCluster.Generate(4, 2, 1, _root);
        var loaded = ClusterLoader.Load([summary.File]);

        Assert.Empty(loaded.Diagnostics);
        var workloads = loaded.Cluster.Workloads;
        var replicaSets = workloads.Where(w => w.Kind == "ReplicaSet").ToList();
        Assert.Equal(summary.LiveReplicaSets, replicaSets.Count(w => !w.ScaledToZero));
        Assert.Equal(summary.ScaledDownReplicaSets, replicaSets.Count(w => w.ScaledToZero));
        Assert.All(replicaSets.Where(w => !w.ScaledToZero), w => Assert.Equal(DumpCluster.PodsPerReplicaSet, w.Pods.Length));
        Assert.DoesNotContain(workloads, w => w.Kind == "Deployment");

        var statefulSets = workloads.Where(w => w.Kind == "StatefulSet").ToList();
        Assert.Equal(summary.Namespaces, statefulSets.Count);
        Assert.Equal(summary.StatefulSetPods, statefulSets.Sum(w => w.Pods.Length));
        Assert.All(statefulSets, w => Assert.Equal(
            ["db-0", "db-1"], w.Pods.Select(p => p.Labels["statefulset.kubernetes.io/pod-name"])));

        var staticPods = workloads.Where(w => w.Namespace == "kube-system").ToList();
        Assert.Equal(summary.StaticPods, staticPods.Count);
        Assert.All(staticPods, w => Assert.Equal("Pod", w.Kind));
        Assert.Contains(staticPods, w => w.Id == $"kube-system/etcd-{DumpCluster.NodeName(0)}[Pod]");

        var withoutSelector = loaded.Cluster.Services.Where(s => s.Selector is null).ToList();
        Assert.Equal(summary.EndpointsServices + summary.EndpointSlices, withoutSelector.Count);
        var podIps = workloads.SelectMany(w => w.Pods).SelectMany(p => p.Ips).ToHashSet();
        var endpoints = loaded.Cluster.Endpoints;
        Assert.Equal(summary.EndpointsServices + summary.EndpointSlices, endpoints.Length);
        Assert.All(endpoints.Where(e => e.Service == "db-primary"), e => Assert.True(podIps.Contains(Assert.Single(e.Addresses)), "Endpoints name a known pod"));
        Assert.All(endpoints.Where(e => e.Service == "billing-api"), e => Assert.False(podIps.Contains(Assert.Single(e.Addresses)), "the slice names an outside address"));
        Assert.All(endpoints, e => Assert.Contains(withoutSelector, s => s.Namespace == e.Namespace && s.Name == e.Service));
    }
}
