namespace PolicyLint.Benchmarks.Generation;

/// <summary>
/// The Cilium policies of the M-cil size (M plus these; docs/cilium.md): per application
/// namespace one CiliumNetworkPolicy per workload (ingress from its own app and from
/// Prometheus by namespace label, egress to DNS with an L7 rule, an ingress deny of the world),
/// and a handful of CiliumClusterwideNetworkPolicies (quarantine deny, DNS for every pod,
/// monitoring by ServiceAccount and entity). Same plan and seed give the same files.
/// </summary>
internal static class CiliumPolicyManifests
{
    public static IReadOnlyList<YamlMap> ForNamespace(NamespacePlan ns, DeterministicRandom random)
    {
        if (SystemWorkloads.IsSystem(ns.Name)) return [];
        var policies = new List<YamlMap>(ns.Workloads.Count);
        foreach (var workload in ns.Workloads)
        {
            var port = workload.Ports[random.Next(workload.Ports.Count)];
            var sameApp = new YamlMap().Add("fromEndpoints", YamlSequence.Of(Labels(("app", workload.App))));
            var prometheus = new YamlMap()
                .Add("fromEndpoints", YamlSequence.Of(Labels(("k8s:io.kubernetes.pod.namespace", ClusterPlanner.MonitoringNamespace), ("app", "prometheus"))))
                .Add("toPorts", Ports(port.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), port.Protocol));
            var notFromOutside = new YamlMap().Add("fromCIDRSet", YamlSequence.Of(new YamlMap()
                .Add("cidr", "0.0.0.0/0")
                .Add("except", YamlSequence.OfText("10.0.0.0/8"))));
            var dnsPorts = new YamlMap()
                .Add("ports", YamlSequence.Of(new YamlMap().Add("port", "53").Add("protocol", "ANY")))
                .Add("rules", new YamlMap().Add("dns", YamlSequence.Of(new YamlMap().Add("matchPattern", "*"))));
            var dns = new YamlMap()
                .Add("toEndpoints", YamlSequence.Of(Labels(("k8s:io.kubernetes.pod.namespace", ClusterPlanner.KubeSystem), ("k8s-app", "kube-dns"))))
                .Add("toPorts", YamlSequence.Of(dnsPorts));
            policies.Add(Policy("CiliumNetworkPolicy", ns.Name, $"cilium-{workload.App}", new YamlMap()
                .Add("endpointSelector", Labels(("app", workload.App)))
                .Add("ingress", YamlSequence.Of(sameApp, prometheus))
                .Add("ingressDeny", YamlSequence.Of(notFromOutside))
                .Add("egress", YamlSequence.Of(dns))));
        }
        return policies;
    }

    public static IReadOnlyList<YamlMap> Clusterwide() =>
    [
        Policy("CiliumClusterwideNetworkPolicy", null, "quarantine", new YamlMap()
            .Add("endpointSelector", Labels(("io.cilium.k8s.namespace.labels.quarantine", "true")))
            .Add("enableDefaultDeny", new YamlMap().Add("ingress", false).Add("egress", false))
            .Add("egressDeny", YamlSequence.Of(new YamlMap().Add("toEntities", YamlSequence.OfText("world"))))),
        Policy("CiliumClusterwideNetworkPolicy", null, "dns-for-all", new YamlMap()
            .Add("endpointSelector", Labels(("k8s:io.kubernetes.pod.namespace", ClusterPlanner.KubeSystem), ("k8s-app", "kube-dns")))
            .Add("ingress", YamlSequence.Of(new YamlMap()
                .Add("fromEntities", YamlSequence.OfText("cluster"))
                .Add("toPorts", Ports("53", "ANY"))))),
        Policy("CiliumClusterwideNetworkPolicy", null, "monitoring", new YamlMap()
            .Add("endpointSelector", Labels(("io.cilium.k8s.policy.serviceaccount", "prometheus")))
            .Add("egress", YamlSequence.Of(new YamlMap()
                .Add("toEntities", YamlSequence.OfText("cluster"))
                .Add("toPorts", YamlSequence.Of(new YamlMap().Add("ports", YamlSequence.Of(
                    new YamlMap().Add("port", "1").Add("endPort", 65535).Add("protocol", "TCP")))))))),
    ];

    private static YamlMap Policy(string kind, string? ns, string name, YamlMap spec)
    {
        var metadata = new YamlMap().Add("name", name);
        if (ns is not null) metadata.Add("namespace", ns);
        return new YamlMap()
            .Add("apiVersion", "cilium.io/v2")
            .Add("kind", kind)
            .Add("metadata", metadata)
            .Add("spec", spec);
    }

    private static YamlMap Labels(params (string Key, string Value)[] labels)
    {
        var map = new YamlMap();
        foreach (var (key, value) in labels) map.Add(key, value);
        return new YamlMap().Add("matchLabels", map);
    }

    private static YamlSequence Ports(string port, string protocol) =>
        YamlSequence.Of(new YamlMap().Add("ports", YamlSequence.Of(new YamlMap().Add("port", port).Add("protocol", protocol))));
}
