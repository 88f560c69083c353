using PolicyLint.Benchmarks.Generation;
using static PolicyLint.Benchmarks.Tests.Generation.GeneratedManifests;

namespace PolicyLint.Benchmarks.Tests.Generation;

public sealed class ClusterGeneratorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "policylint-bench-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private GenerationSummary Generate(ulong seed, string name) =>
        ClusterGenerator.Generate(SizeProfile.Small, seed, Path.Combine(_root, name));

    [Fact]
    public void The_cilium_variant_adds_cilium_policies_that_load_without_errors_and_keeps_the_rest()
    {
        var profile = SizeProfile.Small with { Name = "S-cil", CiliumPolicies = true };
        var plain = ClusterGenerator.Generate(SizeProfile.Small, 5, Path.Combine(_root, "plain"));
        var cilium = ClusterGenerator.Generate(profile, 5, Path.Combine(_root, "cilium"));

        foreach (var file in plain.Files)
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(cilium.Directory, Path.GetFileName(file))));
        }
        var loaded = PolicyLint.Analyzer.Model.ClusterLoader.Load([cilium.Directory]);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == PolicyLint.Analyzer.Core.Severity.Error);
        Assert.Equal(3, loaded.Cluster.CiliumPolicies.Count(p => p.Clusterwide));
        Assert.True(loaded.Cluster.CiliumPolicies.Length > 100);
    }

    [Fact]
    public void Same_seed_gives_byte_identical_files()
    {
        var first = Generate(7, "a");
        var second = Generate(7, "b");

        Assert.Equal(first.Files.Select(Path.GetFileName), second.Files.Select(Path.GetFileName));
        foreach (var (a, b) in first.Files.Zip(second.Files))
        {
            Assert.True(File.ReadAllBytes(a).SequenceEqual(File.ReadAllBytes(b)), $"{Path.GetFileName(a)} differs between two runs with seed 7");
        }
    }

    /// <summary>Controllers declare what they talk to (docs/dependencies.md), so lint has dependencies to check; every name resolves.</summary>
    [Fact]
    public void Controllers_declare_dependencies_on_services_of_the_input()
    {
        var summary = Generate(1, "deps");
        var cluster = PolicyLint.Analyzer.Model.ClusterLoader.Load([summary.Directory]).Cluster;

        var declared = PolicyLint.Analyzer.Queries.Dependencies.DependencyExtractor.Extract(cluster);

        Assert.True(declared.Length > cluster.Workloads.Length, $"{declared.Length} dependencies for {cluster.Workloads.Length} workloads");
        Assert.All(declared, d => Assert.NotNull(d.Service));
        Assert.Contains(declared, d => d.Name.Form == PolicyLint.Analyzer.Queries.Dependencies.NameForm.ServiceLink);
        Assert.Contains(declared, d => d.Name.Form == PolicyLint.Analyzer.Queries.Dependencies.NameForm.Qualified);
    }

    [Fact]
    public void Different_seeds_give_different_clusters()
    {
        var first = Generate(1, "a");
        var second = Generate(2, "b");

        Assert.NotEqual(File.ReadAllText(first.Files[1]), File.ReadAllText(second.Files[1]));
    }

    [Fact]
    public void Files_hold_exactly_the_profile_counts()
    {
        var summary = Generate(3, "s");
        var manifests = Read(summary);
        var profile = SizeProfile.Small;

        var controllers = manifests.OfKind("Deployment").Concat(manifests.OfKind("StatefulSet")).ToList();
        var pods = manifests.OfKind("Pod").ToList();
        var replicaSets = pods.Select(OwnerName).Distinct().Count();
        var replicas = controllers.Sum(c => int.Parse(Text(c, "spec", "replicas")!, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(profile.Namespaces, manifests.OfKind("Namespace").Count());
        Assert.Equal(profile.Workloads, controllers.Count + replicaSets);
        Assert.Equal(profile.Pods, replicas + pods.Count);
        Assert.Equal(profile.Policies, manifests.OfKind("NetworkPolicy").Count());
        Assert.Equal(profile.Services, manifests.OfKind("Service").Count());
        Assert.Equal(summary.Ingresses, manifests.OfKind("Ingress").Count());
        Assert.True(pods.Count > 0, "some workloads come as kubectl-dumped Pods");
        Assert.Equal(summary.DumpedPods, pods.Count);
    }

    [Fact]
    public void Every_object_has_a_unique_kind_namespace_and_name()
    {
        var manifests = Read(Generate(4, "s"));

        var identities = manifests.Objects
            .Select(o => $"{Text(o, "kind")}/{Text(o, "metadata", "namespace")}/{Text(o, "metadata", "name")}")
            .ToList();

        Assert.Equal(identities.Count, identities.Distinct().Count());
    }

    [Fact]
    public void The_small_size_already_has_every_policy_and_service_feature()
    {
        var manifests = Read(Generate(1, "s"));
        var policyPairs = manifests.OfKind("NetworkPolicy").SelectMany(p => Pairs(p)).ToList();
        var services = manifests.OfKind("Service").ToList();

        foreach (var op in new[] { "In", "NotIn", "Exists", "DoesNotExist" })
        {
            Assert.Contains(("operator", op), policyPairs);
        }
        Assert.Contains(policyPairs, p => p.Key == "endPort");
        Assert.Contains(policyPairs, p => p.Key == "cidr" && p.Value.Contains(':'));
        Assert.Contains(policyPairs, p => p.Key == "port" && !int.TryParse(p.Value, out _));
        Assert.Contains(("protocol", "UDP"), policyPairs);
        Assert.Contains(("protocol", "SCTP"), policyPairs);
        Assert.Contains(("k8s-app", "kube-dns"), policyPairs);
        Assert.Contains(manifests.OfKind("NetworkPolicy"), p => Node(p, "spec", "policyTypes") is null);
        Assert.Contains(manifests.OfKind("NetworkPolicy"), p => Keys(p).Contains("except"));
        Assert.Contains(manifests.OfKind("NetworkPolicy"), p => Keys(p).Contains("namespaceSelector"));
        foreach (var type in new[] { "NodePort", "LoadBalancer" })
        {
            Assert.Contains(services, s => Text(s, "spec", "type") == type);
        }
        Assert.Contains(services, s => Text(s, "spec", "type") is null or "ClusterIP");
        Assert.Contains(services, s => Text(s, "spec", "type") == "LoadBalancer" && Node(s, "spec", "loadBalancerSourceRanges") is not null);
        Assert.Contains(services, s => Text(s, "spec", "type") == "LoadBalancer" && Node(s, "spec", "loadBalancerSourceRanges") is null);
        Assert.Contains(services, s => Node(s, "spec", "externalIPs") is not null);
        Assert.NotEmpty(manifests.OfKind("Ingress"));
        Assert.NotEmpty(manifests.OfKind("StatefulSet"));
    }

    [Fact]
    public void Redundant_copies_repeat_an_allow_same_app_spec_exactly()
    {
        var manifests = Read(Generate(1, "s"));
        var policies = manifests.OfKind("NetworkPolicy").ToList();
        var copy = policies.First(p => Text(p, "metadata", "name")!.StartsWith("allow-same-app-copy-", StringComparison.Ordinal));
        var ns = Text(copy, "metadata", "namespace");
        var app = Text(copy, "spec", "podSelector", "matchLabels", "app");

        var original = policies.Single(p => Text(p, "metadata", "namespace") == ns && Text(p, "metadata", "name") == $"allow-same-app-{app}");

        Assert.Equal(Pairs(Node(original, "spec")!), Pairs(Node(copy, "spec")!));
    }

    [Theory]
    [InlineData("R100", 100)]
    [InlineData("R1000", 1_000)]
    public void Redundancy_sizes_write_their_policy_count_with_redundant_copies_and_overlaps(string size, int policies)
    {
        var profile = SizeProfile.Find(size)!;
        var manifests = Read(ClusterGenerator.Generate(profile, 1, Path.Combine(_root, size)));
        var names = manifests.OfKind("NetworkPolicy").Select(p => Text(p, "metadata", "name")!).ToList();

        Assert.Equal(policies, profile.Policies);
        Assert.Equal(policies, names.Count);
        Assert.Equal(profile.Namespaces, manifests.OfKind("Namespace").Count());
        Assert.Contains(names, n => n.StartsWith("allow-same-app-copy-", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("default-deny-all", StringComparison.Ordinal));
        Assert.True(names.Count(n => !n.StartsWith("allow-same-app-", StringComparison.Ordinal) && !n.StartsWith("default-deny", StringComparison.Ordinal)) > policies / 4,
            "cross-namespace, port and ipBlock variants make up a good share, not only allow-same-app");
    }

    private static string? OwnerName(YamlDotNet.RepresentationModel.YamlMappingNode pod)
    {
        var owners = (YamlDotNet.RepresentationModel.YamlSequenceNode)Node(pod, "metadata", "ownerReferences")!;
        return Text((YamlDotNet.RepresentationModel.YamlMappingNode)owners[0], "name");
    }

    [Theory]
    [InlineData("M")]
    [InlineData("L")]
    [InlineData("M-p4")]
    [InlineData("M-w2")]
    [InlineData("M-cil")]
    [InlineData("R100")]
    [InlineData("R1000")]
    public void Larger_plans_hit_their_profile_counts(string size)
    {
        var profile = SizeProfile.Find(size)!;
        var plan = ClusterPlanner.Plan(profile, seed: 1);

        Assert.Equal(profile.Namespaces, plan.Namespaces.Count);
        Assert.Equal(profile.Workloads, plan.WorkloadCount);
        Assert.Equal(profile.Pods, plan.PodCount);
        Assert.Equal(profile.Policies, plan.PolicyCount);
        Assert.Equal(profile.Services, plan.ServiceCount);
        Assert.All(plan.Namespaces, n => Assert.Equal(n.Workloads.Count, n.Workloads.Select(w => w.Name).Distinct().Count()));
    }
}
