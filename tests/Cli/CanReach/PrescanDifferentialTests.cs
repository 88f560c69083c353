using PolicyLint.Analyzer.Model;
using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Cli.Tests.CanReach;

/// <summary>
/// can-reach between two workloads reads only what the pair needs (docs/can-reach.md, "Reading
/// only what the pair needs"): against --read-all, which parses every object, it must print
/// byte for byte the same answer, with and without --explain and in JSON, for every pair of the
/// testdata folders and the CNI demos and for pairs of generated clusters (the benchmark
/// generator's files and its kubectl-dump shape, with scaled-to-0 ReplicaSets, StatefulSet pods
/// that policies tell apart and ipBlocks). Exit code and stderr must match too where the full
/// read reports nothing: skipped objects are not validated.
/// </summary>
public sealed class PrescanDifferentialTests
{
    private const int PairsPerInput = 60;

    public static TheoryData<string> Folders()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "demo", "anp", "cnp", "exposure", "redundancy", "loading", "invalid", "split", "cni/calico", "cni/cilium", "cni/calico-pod-ips" })
        {
            data.Add(folder);
        }
        foreach (var change in Directory.GetDirectories(RepositoryRoot.TestData("diff")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.Combine("diff", Path.GetFileName(change), "head"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Every_pair_of_a_testdata_folder_is_answered_as_with_read_all(string folder) =>
        AssertAlike(RepositoryRoot.TestData(folder), 400);

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Pairs_of_generated_clusters_are_answered_as_with_read_all(ulong seed) => InTemporaryDirectory(directory =>
    {
        ClusterGenerator.Generate(new SizeProfile("T", 12, 40, 90, 40, 20, 4, 30, IpBlockPercent: 25), seed, Path.Combine(directory, "files"));
        DumpCluster.Generate(4, 2, seed, Path.Combine(directory, "dump"));
        AssertAlike(Path.Combine(directory, "files"), PairsPerInput);
        AssertAlike(Path.Combine(directory, "dump"), PairsPerInput);
    });

    private static void InTemporaryDirectory(Action<string> test)
    {
        var directory = Directory.CreateTempSubdirectory("policylint-prescan-").FullName;
        try
        {
            test(directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Inputs where the skipped objects would show: a policy of another namespace that tells the
    /// pods of a StatefulSet apart by label (the owner is split into parts,
    /// docs/split-workloads.md), an ipBlock of another namespace that cuts its pods' addresses
    /// apart, a Service of another namespace whose selector does the same, and a ReplicaSet
    /// scaled to 0 whose pods are still in the dump (read without them, it would be listed in the
    /// "scaled to 0" note). The pre-scan must notice and read everything.
    /// </summary>
    [Theory]
    [InlineData("label")]
    [InlineData("ipblock")]
    [InlineData("service")]
    [InlineData("scaled")]
    public void Objects_of_other_namespaces_that_would_change_the_answer_make_it_read_everything(string shape) => InTemporaryDirectory(directory =>
    {
        File.WriteAllText(Path.Combine(directory, "a.yaml"), StatefulSetPods);
        File.WriteAllText(Path.Combine(directory, "b.yaml"), Client);
        File.WriteAllText(Path.Combine(directory, "c.yaml"), shape switch
        {
            "label" => LabelPolicy,
            "ipblock" => AddressPolicy,
            "service" => PrimaryService,
            _ => ScaledReplicaSetWithPods,
        });
        var split = CliRun.Of("can-reach", "b/client", "a/db", directory, "--read-all");
        if (shape != "scaled") Assert.Contains("per part", split.Out);
        // its pods are in the input, so it is not scaled to 0; read without them, it would be
        else Assert.DoesNotContain("scaled to 0", CliRun.Of("can-reach", "b/client", "a/db", directory, "--read-all", "--format", "json").Out);
        AssertAlike(directory, 100);
    });

    private const string StatefulSetPods = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Pod
          metadata:
            name: db-0
            namespace: a
            labels: {app: db, role: primary}
            ownerReferences:
            - {apiVersion: apps/v1, kind: StatefulSet, name: db, controller: true}
          status:
            podIP: 10.0.0.10
        - apiVersion: v1
          kind: Pod
          metadata:
            name: db-1
            namespace: a
            labels: {app: db, role: replica}
            ownerReferences:
            - {apiVersion: apps/v1, kind: StatefulSet, name: db, controller: true}
          status:
            podIP: 10.0.1.10

        """;

    private const string Client = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: client
          namespace: b
          labels:
            app: client

        """;

    private const string LabelPolicy = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: from-primary
          namespace: c
        spec:
          podSelector: {}
          ingress:
          - from:
            - namespaceSelector: {}
              podSelector:
                matchLabels:
                  role: primary

        """;

    private const string AddressPolicy = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: from-block
          namespace: c
        spec:
          podSelector: {}
          ingress:
          - from:
            - ipBlock:
                cidr: 10.0.0.0/24

        """;

    private const string PrimaryService = """
        apiVersion: v1
        kind: Service
        metadata:
          name: primary
          namespace: c
        spec:
          selector:
            role: primary
          ports:
          - port: 5432

        """;

    private const string ScaledReplicaSetWithPods = """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: old
          namespace: c
        spec:
          replicas: 0
          template:
            metadata:
              labels:
                app: old
            spec:
              containers:
              - name: old
                image: old
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: old-x1
          namespace: c
          labels:
            app: old
          ownerReferences:
          - apiVersion: apps/v1
            kind: ReplicaSet
            name: old
            controller: true

        """;

    private static void AssertAlike(string input, int maxPairs)
    {
        var workloads = ClusterLoader.Load([input]).Cluster.Workloads.Where(w => !w.ScaledToZero).ToList();
        var names = workloads.Select(w => w.Id).Concat(workloads.Take(3).Select(w => $"{w.Namespace}/{w.Name}")).ToList();
        var pairs = names.SelectMany(s => names.Select(d => (Source: s, Destination: d))).ToList();
        if (pairs.Count > maxPairs)
        {
            var random = new Random(17);
            pairs = [.. pairs.OrderBy(_ => random.Next()).Take(maxPairs)];
        }
        foreach (var (source, destination) in pairs)
        {
            foreach (var options in new[] { ["--explain"], new[] { "--format", "json" } })
            {
                string[] args = ["can-reach", source, destination, input, .. options];
                var read = CliRun.Of(args);
                var full = CliRun.Of([.. args, "--read-all"]);
                var what = string.Join(' ', args);
                Assert.True(full.Out == read.Out, $"{what}\n--- read-all:\n{full.Out}\n--- pre-scan:\n{read.Out}");
                if (full.Error.Length > 0) continue;
                Assert.True(full.ExitCode == read.ExitCode, $"{what}: exit {read.ExitCode}, with --read-all {full.ExitCode}");
                Assert.True(read.Error.Length == 0, $"{what}: {read.Error}");
            }
        }
    }
}
