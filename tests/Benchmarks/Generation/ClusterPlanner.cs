namespace PolicyLint.Benchmarks.Generation;

/// <summary>
/// Decides names, labels, replicas, ports, Services and policy counts from a profile and a
/// seed. All randomness is drawn here, in one fixed order, so the plan (and so the files) is a
/// pure function of (profile, seed).
/// </summary>
internal static class ClusterPlanner
{
    public const string KubeSystem = "kube-system";
    public const string IngressNamespace = "ingress-nginx";
    public const string MonitoringNamespace = "monitoring";

    public static readonly string[] Teams =
    [
        "payments", "checkout", "search", "catalog", "identity", "billing", "shipping", "inventory",
        "analytics", "ads", "messaging", "media", "risk", "support", "growth", "platform",
    ];

    public static readonly string[] Envs = ["prod", "staging", "dev", "qa"];

    private static readonly string[] Tiers = ["frontend", "api", "backend", "worker", "cache", "db"];

    private static readonly string[] Nouns =
    [
        "cart", "ledger", "gateway", "profile", "quote", "router", "indexer", "feed", "session",
        "notifier", "pricing", "ranker", "tracker", "auth", "store", "reporter", "scheduler", "mailer",
    ];

    public static ClusterPlan Plan(SizeProfile profile, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var systemNamespaces = SystemWorkloads.Namespaces;
        var appNamespaceCount = profile.Namespaces - systemNamespaces.Count;
        var appWorkloadCount = profile.Workloads - systemNamespaces.Sum(n => n.Workloads.Count);
        var appPods = profile.Pods - systemNamespaces.Sum(n => n.Workloads.Sum(w => w.Replicas));
        var appServices = profile.Services - systemNamespaces.Sum(n => n.Workloads.Count(w => w.Service is not null));
        var appPolicies = profile.Policies - systemNamespaces.Sum(n => n.PolicyCount);

        var workloadsPerNamespace = random.Spread(appWorkloadCount, appNamespaceCount, minimum: 1);
        var replicas = random.Spread(appPods, appWorkloadCount, minimum: 1);
        var withService = new HashSet<int>(random.Subset(appWorkloadCount, appServices));
        var policiesPerNamespace = SpreadEvenly(appPolicies, appNamespaceCount, random);

        var namespaces = new List<NamespacePlan>(systemNamespaces);
        var workloadIndex = 0;
        for (var n = 0; n < appNamespaceCount; n++)
        {
            var team = random.Pick(Teams);
            var env = random.Pick(Envs);
            var name = $"{team}-{env}-{n:D4}";
            var workloads = new List<WorkloadPlan>(workloadsPerNamespace[n]);
            var usedApps = new HashSet<string>(StringComparer.Ordinal);
            for (var w = 0; w < workloadsPerNamespace[n]; w++, workloadIndex++)
            {
                workloads.Add(PlanWorkload(random, profile, usedApps, replicas[workloadIndex], withService.Contains(workloadIndex)));
            }
            namespaces.Add(new NamespacePlan(name, team, env, workloads, policiesPerNamespace[n]));
        }
        return new ClusterPlan(profile, seed, namespaces);
    }

    /// <summary>Policy counts differ by at most one between namespaces (real clusters template them per namespace).</summary>
    private static int[] SpreadEvenly(int total, int count, DeterministicRandom random)
    {
        var parts = new int[count];
        Array.Fill(parts, total / count);
        foreach (var index in random.Subset(count, total % count)) parts[index]++;
        return parts;
    }

    private static WorkloadPlan PlanWorkload(
        DeterministicRandom random, SizeProfile profile, HashSet<string> usedApps, int replicas, bool hasService)
    {
        var tier = random.Pick(Tiers);
        var app = UniqueAppName(random, tier, usedApps);
        var shape = tier is "db" or "cache"
            ? WorkloadShape.StatefulSet
            : random.Percent(profile.DumpedPercent) ? WorkloadShape.DumpedPods : WorkloadShape.Deployment;
        var version = $"v{1 + random.Next(3)}";
        var labels = new List<(string, string)> { ("app", app), ("tier", tier), ("version", version) };
        if (random.Percent(30)) labels.Add(("app.kubernetes.io/part-of", app.Split('-')[0]));
        ServiceShape? service = hasService ? PickServiceShape(random) : null;
        var hasIngress = service is ServiceShape.ClusterIP && tier == "frontend" && random.Percent(70);
        return new WorkloadPlan(app, shape, app, tier, labels, replicas, PortsFor(tier, random), service, hasIngress);
    }

    private static string UniqueAppName(DeterministicRandom random, string tier, HashSet<string> used)
    {
        var baseName = $"{random.Pick(Nouns)}-{tier}";
        var name = baseName;
        for (var suffix = 2; !used.Add(name); suffix++) name = $"{baseName}-{suffix}";
        return name;
    }

    private static ServiceShape PickServiceShape(DeterministicRandom random) => random.Next(100) switch
    {
        < 78 => ServiceShape.ClusterIP,
        < 82 => ServiceShape.ClusterIPWithExternalIPs,
        < 90 => ServiceShape.NodePort,
        < 95 => ServiceShape.LoadBalancer,
        _ => ServiceShape.LoadBalancerWithSourceRanges,
    };

    private static IReadOnlyList<PortPlan> PortsFor(string tier, DeterministicRandom random)
    {
        var metrics = new PortPlan("metrics", 9090, "TCP");
        return tier switch
        {
            "frontend" => [new PortPlan("http", 8080, "TCP"), metrics],
            "api" => [new PortPlan("http", 8080, "TCP"), new PortPlan("grpc", 9000, "TCP"), metrics],
            "backend" => random.Percent(20)
                ? [new PortPlan("http", 8080, "TCP"), new PortPlan("sctp-feed", 3868, "SCTP"), metrics]
                : [new PortPlan("http", 8080, "TCP"), metrics],
            "worker" => [metrics],
            "cache" => [new PortPlan("redis", 6379, "TCP"), new PortPlan("gossip", 7946, "UDP")],
            _ => [new PortPlan("db", 5432, "TCP"), metrics],
        };
    }
}
