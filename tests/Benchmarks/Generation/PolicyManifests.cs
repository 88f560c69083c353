namespace PolicyLint.Benchmarks.Generation;

/// <summary>
/// NetworkPolicies as platform teams template them: per namespace a default deny, DNS egress,
/// ingress from the ingress controller's namespace and one allow-same-app per workload; then
/// cross-namespace, port-range, ipBlock, redundant and overlapping rules until the namespace's
/// planned count is reached.
/// </summary>
internal static class PolicyManifests
{
    private const int VariantCount = 10;
    private const int CopyVariant = 6;

    public static IReadOnlyList<YamlMap> ForNamespace(NamespacePlan ns, DeterministicRandom random, int ipBlockPercent = 0)
    {
        if (SystemWorkloads.IsSystem(ns.Name)) return [SystemPolicy(ns.Name)];
        var policies = TemplatedPolicies(ns, random);
        // drawn only for ipBlock-heavy profiles, so the other profiles' files stay byte-identical
        if (ipBlockPercent > 0)
        {
            for (var i = BasePolicyCount; i < policies.Count; i++)
            {
                if (random.Percent(ipBlockPercent)) policies[i] = RandomIpBlockPolicy(ns, ns.Workloads[random.Next(ns.Workloads.Count)].App, i, random);
            }
        }
        return policies;
    }

    private const int BasePolicyCount = 3;

    private static List<YamlMap> TemplatedPolicies(NamespacePlan ns, DeterministicRandom random)
    {
        var policies = new List<YamlMap>(ns.PolicyCount);
        policies.AddRange(BasePolicies(ns).Take(ns.PolicyCount));
        // After the base policies, allow-same-app and the other variants alternate, so that
        // small namespace budgets still get cross-namespace rules; the variant cycle starts at a
        // random point per namespace so every variant appears even in the small size.
        var offset = random.Next(VariantCount);
        var sameApp = 0;
        for (var i = 0; policies.Count < ns.PolicyCount; )
        {
            var index = offset + i;
            var copiesMissingOriginal = index % VariantCount == CopyVariant && sameApp == 0;
            if (sameApp < ns.Workloads.Count && (policies.Count % 2 == 0 || sameApp * 2 < i || copiesMissingOriginal))
            {
                var app = ns.Workloads[sameApp++].App;
                policies.Add(AllowSameApp(ns.Name, $"allow-same-app-{app}", app));
                continue;
            }
            i++;
            // A copy must repeat an allow-same-app that was written, or it would not be redundant.
            var target = index % VariantCount == CopyVariant
                ? ns.Workloads[index % sameApp]
                : ns.Workloads[(index / VariantCount + index) % ns.Workloads.Count];
            policies.Add(Variant(ns, target, index, random));
        }
        return policies;
    }

    private static IEnumerable<YamlMap> BasePolicies(NamespacePlan ns)
    {
        yield return Policy(ns.Name, "default-deny-all", Selector(), ["Ingress", "Egress"], ingress: new YamlSequence(), egress: new YamlSequence());
        yield return Policy(ns.Name, "allow-dns", Selector(), ["Egress"], ingress: null, egress: YamlSequence.Of(new YamlMap()
            .Add("to", YamlSequence.Of(new YamlMap()
                .Add("namespaceSelector", Selector(("kubernetes.io/metadata.name", ClusterPlanner.KubeSystem)))
                .Add("podSelector", Selector(("k8s-app", "kube-dns")))))
            .Add("ports", YamlSequence.Of(Port("UDP", 53), Port("TCP", 53)))));
        yield return Policy(ns.Name, "allow-from-ingress-namespace", Selector(("tier", "frontend")), ["Ingress"],
            ingress: YamlSequence.Of(new YamlMap()
                .Add("from", YamlSequence.Of(new YamlMap().Add("namespaceSelector", Selector(("kubernetes.io/metadata.name", ClusterPlanner.IngressNamespace)))))
                .Add("ports", YamlSequence.Of(NamedPort("http")))),
            egress: null);
    }

    /// <summary>
    /// An ingress or egress rule whose only peer is a random /8 to /16 block with one or two
    /// random excepts inside it, on the workload's HTTPS port: the shape of clusters that allow
    /// partner and office networks one policy at a time.
    /// </summary>
    private static YamlMap RandomIpBlockPolicy(NamespacePlan ns, string app, int index, DeterministicRandom random)
    {
        var prefix = 8 + random.Next(9);
        var network = RandomNetwork(random, prefix, within: 0, withinPrefix: 0);
        var excepts = Enumerable.Range(0, 1 + random.Next(2))
            .Select(_ => RandomNetwork(random, prefix + 1 + random.Next(8), network.Address, prefix))
            .Distinct()
            .Select(Cidr)
            .ToArray();
        var ingress = random.Percent(50);
        var rule = new YamlMap()
            .Add(ingress ? "from" : "to", YamlSequence.Of(IpBlock(Cidr(network), excepts)))
            .Add("ports", YamlSequence.Of(Port("TCP", 443)));
        var name = $"{(ingress ? "allow-network" : "egress-network")}-{app}-{index}";
        return ingress
            ? Policy(ns.Name, name, Selector(("app", app)), ["Ingress"], ingress: YamlSequence.Of(rule), egress: null)
            : Policy(ns.Name, name, Selector(("app", app)), ["Egress"], ingress: null, egress: YamlSequence.Of(rule));
    }

    /// <summary>A random network of the prefix length, inside <paramref name="within"/>/<paramref name="withinPrefix"/>; first octets 1 to 223.</summary>
    private static (uint Address, int Prefix) RandomNetwork(DeterministicRandom random, int prefix, uint within, int withinPrefix)
    {
        var address = withinPrefix == 0 ? (uint)(1 + random.Next(223)) << 24 | (uint)random.Next(1 << 24) : within | ((uint)random.Next(1 << 24) & (uint.MaxValue >> withinPrefix));
        return (address & (uint.MaxValue << (32 - prefix)), prefix);
    }

    private static string Cidr((uint Address, int Prefix) network) =>
        $"{network.Address >> 24}.{(network.Address >> 16) & 255}.{(network.Address >> 8) & 255}.{network.Address & 255}/{network.Prefix}";

    private static YamlMap AllowSameApp(string ns, string name, string app) =>
        Policy(ns, name, Selector(("app", app)), ["Ingress"],
            ingress: YamlSequence.Of(new YamlMap().Add("from", YamlSequence.Of(new YamlMap().Add("podSelector", Selector(("app", app)))))),
            egress: null);

    private static YamlMap Variant(NamespacePlan ns, WorkloadPlan target, int index, DeterministicRandom random)
    {
        var app = target.App;
        var name = $"{VariantName(index % VariantCount)}-{app}-{index / VariantCount}";
        var subject = Selector(("app", app));
        var firstPort = target.Ports[0];
        return (index % VariantCount) switch
        {
            0 => Policy(ns.Name, name, subject, ["Ingress"], egress: null, ingress: YamlSequence.Of(new YamlMap()
                .Add("from", YamlSequence.Of(new YamlMap()
                    .Add("namespaceSelector", Selector([("team", random.Pick(ClusterPlanner.Teams))], Expression("env", "In", "prod", "staging")))
                    .Add("podSelector", Selector([], Expression("tier", "In", "frontend", "api")))))
                .Add("ports", YamlSequence.Of(NamedPort(firstPort.Name, firstPort.Protocol))))),
            1 => Policy(ns.Name, name, subject, ["Ingress"], egress: null, ingress: YamlSequence.Of(new YamlMap()
                .Add("from", YamlSequence.Of(new YamlMap()
                    .Add("namespaceSelector", Selector(("kubernetes.io/metadata.name", ClusterPlanner.MonitoringNamespace)))
                    .Add("podSelector", Selector(("app", "prometheus")))))
                .Add("ports", YamlSequence.Of(NamedPort("metrics"))))),
            2 => Policy(ns.Name, name, subject, ["Ingress"], egress: null, ingress: YamlSequence.Of(new YamlMap()
                .Add("from", YamlSequence.Of(new YamlMap()
                    .Add("namespaceSelector", Selector([], Expression("env", "NotIn", "dev", "qa")))
                    .Add("podSelector", Selector([], Expression("app", "Exists")))))
                .Add("ports", YamlSequence.Of(Port("TCP", 8000).Add("endPort", 8100))))),
            3 => Policy(ns.Name, name, subject, ["Ingress"], egress: null, ingress: YamlSequence.Of(new YamlMap()
                .Add("from", YamlSequence.Of(new YamlMap()
                    .Add("namespaceSelector", Selector([], Expression("quarantine", "DoesNotExist")))))
                .Add("ports", YamlSequence.Of(Port("TCP", 8080))))),
            4 => Policy(ns.Name, name, subject, ["Egress"], ingress: null, egress: YamlSequence.Of(new YamlMap()
                .Add("to", YamlSequence.Of(
                    IpBlock("10.0.0.0/8", "10.96.0.0/12", "10.128.0.0/9"),
                    IpBlock("172.16.0.0/12", $"172.16.{index % 256}.0/24"),
                    IpBlock("fd00::/8", "fd00:dead::/32")))
                .Add("ports", YamlSequence.Of(Port("TCP", 443), Port("TCP", 8443))))),
            5 => Policy(ns.Name, name, subject, ["Egress"], ingress: null, egress: YamlSequence.Of(new YamlMap()
                .Add("to", YamlSequence.Of(new YamlMap()
                    .Add("namespaceSelector", Selector(("team", ns.Team)))
                    .Add("podSelector", Selector([], Expression("tier", "In", "db", "cache")))))
                .Add("ports", YamlSequence.Of(NamedPort("db"), Port("TCP", 6379))))),
            // An exact copy of allow-same-app under another name: redundant on purpose.
            CopyVariant => AllowSameApp(ns.Name, name, app),
            // Overlaps allow-same-app on a port range, and widens it to every namespace.
            7 => Policy(ns.Name, name, subject, ["Ingress"], egress: null, ingress: YamlSequence.Of(new YamlMap()
                .Add("from", YamlSequence.Of(new YamlMap()
                    .Add("namespaceSelector", Selector())
                    .Add("podSelector", Selector(("app", app)))))
                .Add("ports", YamlSequence.Of(Port("TCP", 8080).Add("endPort", 8090))))),
            // Egress rules without policyTypes: the API server also isolates ingress.
            8 => Policy(ns.Name, name, subject, policyTypes: null, ingress: null, egress: YamlSequence.Of(new YamlMap()
                .Add("to", YamlSequence.Of(IpBlock("0.0.0.0/0", "10.0.0.0/8", "169.254.169.254/32")))
                .Add("ports", YamlSequence.Of(Port("TCP", 30000).Add("endPort", 32767))))),
            _ => Policy(ns.Name, name, subject, ["Ingress"], egress: null, ingress: YamlSequence.Of(
                new YamlMap()
                    .Add("from", YamlSequence.Of(new YamlMap().Add("podSelector", Selector(("tier", "backend")))))
                    .Add("ports", YamlSequence.Of(Port("SCTP", 3868), Port("UDP", 7946))),
                new YamlMap()
                    .Add("from", YamlSequence.Of(new YamlMap()
                        .Add("namespaceSelector", Selector([], Expression("team", "In", TwoTeams(random)), Expression("env", "Exists"))))))),
        };
    }

    private static string[] TwoTeams(DeterministicRandom random)
    {
        var first = random.Next(ClusterPlanner.Teams.Length);
        var second = (first + 1 + random.Next(ClusterPlanner.Teams.Length - 1)) % ClusterPlanner.Teams.Length;
        return [ClusterPlanner.Teams[first], ClusterPlanner.Teams[second]];
    }

    private static string VariantName(int variant) => variant switch
    {
        0 => "allow-team",
        1 => "allow-scrape",
        2 => "allow-nondev",
        3 => "allow-unquarantined",
        4 => "egress-networks",
        5 => "egress-team-data",
        6 => "allow-same-app-copy",
        7 => "allow-any-ns-same-app",
        8 => "egress-nodeports",
        _ => "allow-backend-feeds",
    };

    private static YamlMap SystemPolicy(string ns) => ns switch
    {
        ClusterPlanner.KubeSystem => Policy(ns, "allow-dns-from-cluster", Selector(("k8s-app", "kube-dns")), ["Ingress"], egress: null,
            ingress: YamlSequence.Of(new YamlMap()
                .Add("from", YamlSequence.Of(new YamlMap().Add("namespaceSelector", Selector())))
                .Add("ports", YamlSequence.Of(Port("UDP", 53), Port("TCP", 53))))),
        ClusterPlanner.IngressNamespace => Policy(ns, "allow-web-from-anywhere", Selector(("app.kubernetes.io/name", "ingress-nginx")), ["Ingress"], egress: null,
            ingress: YamlSequence.Of(new YamlMap()
                .Add("from", YamlSequence.Of(IpBlock("0.0.0.0/0"), IpBlock("::/0")))
                .Add("ports", YamlSequence.Of(Port("TCP", 80), Port("TCP", 443))))),
        _ => Policy(ns, "prometheus-scrape", Selector(("app", "prometheus")), ["Egress"], ingress: null,
            egress: YamlSequence.Of(new YamlMap()
                .Add("to", YamlSequence.Of(new YamlMap().Add("namespaceSelector", Selector())))
                .Add("ports", YamlSequence.Of(NamedPort("metrics"), Port("TCP", 9090))))),
    };

    private static YamlMap Policy(string ns, string name, YamlMap podSelector, string[]? policyTypes, YamlSequence? ingress, YamlSequence? egress)
    {
        var spec = new YamlMap().Add("podSelector", podSelector);
        if (policyTypes is not null) spec.Add("policyTypes", YamlSequence.OfText(policyTypes));
        if (ingress is not null) spec.Add("ingress", ingress);
        if (egress is not null) spec.Add("egress", egress);
        return new YamlMap()
            .Add("apiVersion", "networking.k8s.io/v1")
            .Add("kind", "NetworkPolicy")
            .Add("metadata", new YamlMap().Add("name", name).Add("namespace", ns))
            .Add("spec", spec);
    }

    private static YamlMap Selector(params (string Key, string Value)[] matchLabels) => Selector(matchLabels, []);

    private static YamlMap Selector((string Key, string Value)[] matchLabels, params YamlMap[] expressions)
    {
        var selector = new YamlMap();
        if (matchLabels.Length > 0) selector.Add("matchLabels", YamlMap.OfText(matchLabels));
        if (expressions.Length > 0) selector.Add("matchExpressions", new YamlSequence(expressions.Cast<YamlNode>().ToList()));
        return selector;
    }

    private static YamlMap Expression(string key, string op, params string[] values)
    {
        var expression = new YamlMap().Add("key", key).Add("operator", op);
        if (values.Length > 0) expression.Add("values", YamlSequence.OfText(values));
        return expression;
    }

    private static YamlMap Port(string protocol, int port) => new YamlMap().Add("protocol", protocol).Add("port", port);

    private static YamlMap NamedPort(string name, string protocol = "TCP") => new YamlMap().Add("protocol", protocol).Add("port", name);

    private static YamlMap IpBlock(string cidr, params string[] except)
    {
        var block = new YamlMap().Add("cidr", cidr);
        if (except.Length > 0) block.Add("except", YamlSequence.OfText(except));
        return new YamlMap().Add("ipBlock", block);
    }
}
