using System.Text;

namespace PolicyLint.Benchmarks.Generation;

/// <summary>What a generation wrote, for the harness and the tests.</summary>
internal sealed record GenerationSummary(
    string Directory,
    IReadOnlyList<string> Files,
    long Bytes,
    int Namespaces,
    int Workloads,
    int Pods,
    int DumpedPods,
    int Policies,
    int Services,
    int Ingresses);

/// <summary>
/// Writes a planned cluster as multi-document YAML: <c>namespaces-NNNN.yaml</c> holds a group
/// of namespaces with their controllers, Services, Ingresses and NetworkPolicies;
/// <c>pods-NNNN.yaml</c> holds the group's kubectl-dumped Pods as one <c>kind: List</c>.
/// Same profile and seed give byte-identical files.
/// </summary>
internal static class ClusterGenerator
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static GenerationSummary Generate(SizeProfile profile, ulong seed, string directory)
    {
        if (profile.Dump) return GenerateDump(profile, seed, directory);
        var plan = ClusterPlanner.Plan(profile, seed);
        Directory.CreateDirectory(directory);
        foreach (var stale in Directory.EnumerateFiles(directory, "*.yaml")) File.Delete(stale);

        var files = new List<string>();
        var counters = new Counters();
        var groups = plan.Namespaces.Chunk(profile.NamespacesPerFile).ToList();
        var dependencies = new DeclaredDependencies(plan);
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var random = new DeterministicRandom(seed * 1_000_003UL + (ulong)g);
            var manifests = Path.Combine(directory, $"namespaces-{g:D4}.yaml");
            WriteFile(manifests, writer => WriteNamespaces(writer, group, random, counters, dependencies, profile.IpBlockPercent));
            files.Add(manifests);
            if (group.Any(n => n.Workloads.Any(w => w.Shape == WorkloadShape.DumpedPods)))
            {
                var pods = Path.Combine(directory, $"pods-{g:D4}.yaml");
                WriteFile(pods, writer => WriteDumpedPods(writer, group, random, counters));
                files.Add(pods);
            }
        }
        if (profile.Calico)
        {
            var calico = Path.Combine(directory, "calico.yaml");
            WriteFile(calico, writer => CalicoManifests.Write(writer, plan, counters));
            files.Add(calico);
        }
        if (profile.CiliumPolicies) files.AddRange(WriteCiliumPolicies(directory, groups, seed));
        var bytes = files.Sum(f => new FileInfo(f).Length);
        return new GenerationSummary(directory, files, bytes, plan.Namespaces.Count, plan.WorkloadCount, plan.PodCount,
            counters.DumpedPods, counters.Policies, counters.Services, counters.Ingresses);
    }

    /// <summary>The Cilium policies of the group's namespaces in <c>cilium-NNNN.yaml</c>, the clusterwide ones in the first file.</summary>
    private static IEnumerable<string> WriteCiliumPolicies(string directory, List<NamespacePlan[]> groups, ulong seed)
    {
        for (var g = 0; g < groups.Count; g++)
        {
            var random = new DeterministicRandom(seed * 2_000_003UL + (ulong)g);
            var path = Path.Combine(directory, $"cilium-{g:D4}.yaml");
            var policies = groups[g].SelectMany(ns => CiliumPolicyManifests.ForNamespace(ns, random)).ToList();
            if (g == 0) policies.AddRange(CiliumPolicyManifests.Clusterwide());
            if (policies.Count == 0) continue;
            WriteFile(path, writer =>
            {
                foreach (var policy in policies) YamlEmitter.WriteDocument(writer, policy);
            });
            yield return path;
        }
    }

    /// <summary>
    /// The dump shape (<see cref="DumpCluster"/>), one node per ten namespaces, summarised as the
    /// loader must read it back: kube-system and every application namespace; per namespace the
    /// live and the scaled-down ReplicaSet and the StatefulSet, and each static pod on its own.
    /// </summary>
    private static GenerationSummary GenerateDump(SizeProfile profile, ulong seed, string directory)
    {
        var dump = DumpCluster.Generate(profile.Namespaces, DumpNodes(profile), seed, directory);
        var pods = dump.LiveReplicaSets * DumpCluster.PodsPerReplicaSet + dump.StatefulSetPods + dump.StaticPods;
        return new GenerationSummary(directory, [dump.File], new FileInfo(dump.File).Length, dump.Namespaces + 1,
            dump.LiveReplicaSets + dump.ScaledDownReplicaSets + dump.Namespaces + dump.StaticPods, pods, pods,
            0, dump.Namespaces * 3, 0);
    }

    public static int DumpNodes(SizeProfile profile) => Math.Max(1, profile.Namespaces / 10);

    private static void WriteFile(string path, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(path, append: false, Utf8NoBom, bufferSize: 1 << 16);
        writer.NewLine = "\n";
        write(writer);
    }

    private static void WriteNamespaces(TextWriter writer, IEnumerable<NamespacePlan> group, DeterministicRandom random, Counters counters, DeclaredDependencies dependencies, int ipBlockPercent)
    {
        foreach (var ns in group)
        {
            YamlEmitter.WriteDocument(writer, WorkloadManifests.Namespace(ns));
            foreach (var workload in ns.Workloads)
            {
                if (workload.Shape != WorkloadShape.DumpedPods)
                {
                    YamlEmitter.WriteDocument(writer, WorkloadManifests.Controller(ns.Name, workload, ns.Team, dependencies.For(ns, workload)));
                }
                if (workload.Service is { } shape)
                {
                    YamlEmitter.WriteDocument(writer, ServiceManifests.Service(ns.Name, workload, shape, counters.Services++));
                }
                if (workload.HasIngress)
                {
                    YamlEmitter.WriteDocument(writer, ServiceManifests.Ingress(ns.Name, workload, counters.Ingresses++));
                }
            }
            foreach (var policy in PolicyManifests.ForNamespace(ns, random, ipBlockPercent))
            {
                YamlEmitter.WriteDocument(writer, policy);
                counters.Policies++;
            }
        }
    }

    private static void WriteDumpedPods(TextWriter writer, IEnumerable<NamespacePlan> group, DeterministicRandom random, Counters counters)
    {
        var items = new YamlSequence();
        foreach (var ns in group)
        {
            foreach (var workload in ns.Workloads.Where(w => w.Shape == WorkloadShape.DumpedPods))
            {
                var templateHash = random.NameSuffix(10);
                var ownerUid = Uid(random);
                for (var r = 0; r < workload.Replicas; r++)
                {
                    var ip = PodIp(counters.DumpedPods++);
                    items.Add(WorkloadManifests.DumpedPod(ns.Name, workload, ns.Team, templateHash, random.NameSuffix(5), Uid(random), ownerUid, ip, random.Next(200)));
                }
            }
        }
        YamlEmitter.WriteDocument(writer, new YamlMap()
            .Add("apiVersion", "v1")
            .Add("kind", "List")
            .Add("metadata", new YamlMap().Add("resourceVersion", ""))
            .Add("items", items));
    }

    private static string Uid(DeterministicRandom random) =>
        $"{random.Hex(8)}-{random.Hex(4)}-{random.Hex(4)}-{random.Hex(4)}-{random.Hex(12)}";

    /// <summary>Pod addresses from 10.128.0.0/9, one per dumped pod, never repeated.</summary>
    private static string PodIp(int ordinal) => $"10.{128 + (ordinal >> 16)}.{(ordinal >> 8) & 255}.{ordinal & 255}";

    internal sealed class Counters
    {
        public int Services;
        public int Ingresses;
        public int Policies;
        public int DumpedPods;
    }
}
