namespace PolicyLint.Benchmarks.Generation;

/// <summary>
/// The Calico part of a cluster with <see cref="SizeProfile.Calico"/>: two tiers (security,
/// platform with default action Pass), GlobalNetworkPolicies in them (quarantine denied,
/// monitoring allowed on metrics ports and the rest passed on, metadata blocked, DNS allowed) and per namespace a Calico NetworkPolicy at order
/// 500 of the default tier, before the namespace's Kubernetes policies. Written to its own file,
/// so the rest of the cluster is the same as without Calico.
/// </summary>
internal static class CalicoManifests
{
    private const string Api = "projectcalico.org/v3";

    public static void Write(TextWriter writer, ClusterPlan plan, ClusterGenerator.Counters counters)
    {
        YamlEmitter.WriteDocument(writer, Tier("security", 100, pass: false));
        YamlEmitter.WriteDocument(writer, Tier("platform", 200, pass: true));
        foreach (var policy in Global())
        {
            YamlEmitter.WriteDocument(writer, policy);
            counters.Policies++;
        }
        foreach (var ns in plan.Namespaces)
        {
            YamlEmitter.WriteDocument(writer, Namespaced(ns));
            counters.Policies++;
        }
    }

    private static YamlMap Tier(string name, int order, bool pass)
    {
        var spec = new YamlMap().Add("order", order);
        if (pass) spec.Add("defaultAction", "Pass");
        return new YamlMap().Add("apiVersion", Api).Add("kind", "Tier").Add("metadata", new YamlMap().Add("name", name)).Add("spec", spec);
    }

    private static IEnumerable<YamlMap> Global()
    {
        yield return GlobalPolicy("security.quarantine", "security", 10, new YamlMap()
            .Add("selector", "all()")
            .Add("namespaceSelector", "quarantine == 'true'")
            .Add("types", Sequence(YamlScalar.Of("Ingress"), YamlScalar.Of("Egress")))
            .Add("ingress", Sequence(new YamlMap().Add("action", "Deny")))
            .Add("egress", Sequence(new YamlMap().Add("action", "Deny"))));
        yield return GlobalPolicy("security.monitoring", "security", 20, new YamlMap()
            .Add("selector", "has(app)")
            .Add("ingress", Sequence(
                new YamlMap().Add("action", "Allow").Add("protocol", "TCP")
                    .Add("source", new YamlMap().Add("namespaceSelector", "projectcalico.org/name == 'monitoring'"))
                    .Add("destination", new YamlMap().Add("ports", Sequence(YamlScalar.Of("metrics"), YamlScalar.Of(9090)))),
                new YamlMap().Add("action", "Pass"))));
        yield return GlobalPolicy("platform.block-metadata", "platform", 100, new YamlMap()
            .Add("selector", "all()")
            .Add("types", Sequence(YamlScalar.Of("Egress")))
            .Add("egress", Sequence(new YamlMap().Add("action", "Deny")
                .Add("destination", new YamlMap().Add("nets", Sequence(YamlScalar.Of("169.254.169.254/32")))))));
        yield return GlobalPolicy("platform.dns", "platform", 200, new YamlMap()
            .Add("selector", "all()")
            .Add("types", Sequence(YamlScalar.Of("Egress")))
            .Add("egress", Sequence(new YamlMap().Add("action", "Allow").Add("protocol", "UDP")
                .Add("destination", new YamlMap()
                    .Add("namespaceSelector", "projectcalico.org/name == 'kube-system'")
                    .Add("selector", "k8s-app == 'kube-dns'")
                    .Add("ports", Sequence(YamlScalar.Of(53)))))));
    }

    private static YamlMap Namespaced(NamespacePlan ns) => new YamlMap()
        .Add("apiVersion", Api)
        .Add("kind", "NetworkPolicy")
        .Add("metadata", new YamlMap().Add("name", "calico-guard").Add("namespace", ns.Name))
        .Add("spec", new YamlMap()
            .Add("order", 500)
            .Add("selector", "has(app)")
            .Add("types", Sequence(YamlScalar.Of("Ingress")))
            .Add("ingress", Sequence(
                new YamlMap().Add("action", "Deny").Add("source", new YamlMap().Add("namespaceSelector", "quarantine == 'true'")),
                new YamlMap().Add("action", "Allow").Add("protocol", "TCP")
                    .Add("source", new YamlMap().Add("namespaceSelector", $"team == '{ns.Team}'").Add("selector", "tier in {'web', 'api'}"))
                    .Add("destination", new YamlMap().Add("ports", Sequence(YamlScalar.Of("http"), YamlScalar.Of("8000:8999")))))));

    private static YamlMap GlobalPolicy(string name, string tier, int order, YamlMap spec) => new YamlMap()
        .Add("apiVersion", Api)
        .Add("kind", "GlobalNetworkPolicy")
        .Add("metadata", new YamlMap().Add("name", name))
        .Add("spec", Placed(tier, order, spec));

    private static YamlMap Placed(string tier, int order, YamlMap spec)
    {
        var placed = new YamlMap().Add("tier", tier).Add("order", order);
        foreach (var (key, value) in spec.Entries) placed.Add(key, value);
        return placed;
    }

    private static YamlSequence Sequence(params YamlNode[] items) => YamlSequence.Of(items);
}
