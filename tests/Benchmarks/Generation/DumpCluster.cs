using System.Text;

namespace PolicyLint.Benchmarks.Generation;

/// <summary>What a dump-shaped generation wrote, with the counts the loader must read back.</summary>
internal sealed record DumpSummary(
    string File,
    int Namespaces,
    int LiveReplicaSets,
    int ScaledDownReplicaSets,
    int StatefulSetPods,
    int StaticPods,
    int EndpointsServices,
    int EndpointSlices)
{
    public string Describe() =>
        $"{File}: {Namespaces} namespaces, {LiveReplicaSets} live and {ScaledDownReplicaSets} scaled-down ReplicaSets, " +
        $"{StatefulSetPods} StatefulSet pods, {StaticPods} static pods, {EndpointsServices} Services backed by Endpoints, " +
        $"{EndpointSlices} EndpointSlices";
}

/// <summary>
/// A cluster as <c>kubectl get -A -o yaml</c> prints it (one <c>kind: List</c>): per namespace a
/// Deployment with its live ReplicaSet and pods and an old ReplicaSet scaled to 0 (what every
/// rollout leaves behind), a StatefulSet with pods that carry the per-pod labels the controller
/// adds, and Services without selector backed by an Endpoints object (a known pod) or an
/// EndpointSlice (outside addresses); in kube-system the mirror pods of each node's static
/// control-plane pods, owned by the Node. Same namespace count and seed give the same bytes.
/// </summary>
internal static class DumpCluster
{
    public const string FileName = "dump.yaml";
    public const int PodsPerReplicaSet = 2;
    public const int PodsPerStatefulSet = 2;
    public static readonly string[] StaticComponents = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"];

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static DumpSummary Generate(int namespaces, int nodes, ulong seed, string directory)
    {
        Directory.CreateDirectory(directory);
        var random = new DeterministicRandom(seed);
        var items = new YamlSequence();
        var ips = 0;
        for (var node = 0; node < nodes; node++)
        {
            foreach (var component in StaticComponents) items.Add(StaticPod(component, NodeName(node), NodeIp(node)));
        }
        for (var n = 0; n < namespaces; n++)
        {
            var ns = $"app-{n:D4}";
            var liveHash = random.NameSuffix(10);
            var oldHash = random.NameSuffix(10);
            items.Add(Deployment(ns));
            items.Add(ReplicaSet(ns, liveHash, PodsPerReplicaSet));
            items.Add(ReplicaSet(ns, oldHash, 0));
            for (var p = 0; p < PodsPerReplicaSet; p++) items.Add(ReplicaSetPod(ns, liveHash, random.NameSuffix(5), PodIp(ips++)));
            items.Add(StatefulSet(ns));
            var primaryIp = "";
            for (var p = 0; p < PodsPerStatefulSet; p++)
            {
                var ip = PodIp(ips++);
                if (p == 0) primaryIp = ip;
                items.Add(StatefulSetPod(ns, p, ip));
            }
            items.Add(Service(ns, "web", selector: true, 80, 8080));
            items.Add(Service(ns, "db-primary", selector: false, 5432, 5432));
            items.Add(Endpoints(ns, "db-primary", primaryIp, 5432));
            items.Add(Service(ns, "billing-api", selector: false, 443, 443));
            items.Add(EndpointSlice(ns, "billing-api", random.NameSuffix(5), [$"203.0.113.{n % 250 + 1}"], 443));
        }
        var file = Path.Combine(directory, FileName);
        using (var writer = new StreamWriter(file, append: false, Utf8NoBom, bufferSize: 1 << 16) { NewLine = "\n" })
        {
            YamlEmitter.WriteDocument(writer, new YamlMap()
                .Add("apiVersion", "v1")
                .Add("kind", "List")
                .Add("metadata", new YamlMap().Add("resourceVersion", ""))
                .Add("items", items));
        }
        return new DumpSummary(file, namespaces, namespaces, namespaces, namespaces * PodsPerStatefulSet,
            nodes * StaticComponents.Length, namespaces, namespaces);
    }

    public static string NodeName(int node) => $"node-{node:D3}";

    private static string NodeIp(int node) => $"192.168.{node / 250}.{node % 250 + 1}";

    private static string PodIp(int ordinal) => $"10.{128 + (ordinal >> 16)}.{(ordinal >> 8) & 255}.{ordinal & 255}";

    private static YamlMap Owner(string kind, string name) => new YamlMap()
        .Add("apiVersion", kind == "Node" ? "v1" : "apps/v1")
        .Add("kind", kind)
        .Add("name", name)
        .Add("controller", true)
        .Add("blockOwnerDeletion", true);

    private static YamlMap Object(string apiVersion, string kind, YamlMap metadata, YamlMap spec) => new YamlMap()
        .Add("apiVersion", apiVersion).Add("kind", kind).Add("metadata", metadata).Add("spec", spec);

    private static YamlMap Containers(int port) => new YamlMap()
        .Add("containers", YamlSequence.Of(new YamlMap()
            .Add("name", "main")
            .Add("image", "registry.example.com/app:1.0")
            .Add("ports", YamlSequence.Of(new YamlMap().Add("name", "main").Add("containerPort", port).Add("protocol", "TCP")))));

    private static YamlMap Status(string ip) => new YamlMap()
        .Add("phase", "Running").Add("podIP", ip).Add("podIPs", YamlSequence.Of(new YamlMap().Add("ip", ip)));

    /// <summary>The mirror pod of a static pod: named after the node, owned by the Node, on the host network.</summary>
    private static YamlMap StaticPod(string component, string node, string nodeIp) =>
        Object("v1", "Pod",
            new YamlMap()
                .Add("name", $"{component}-{node}")
                .Add("namespace", "kube-system")
                .Add("labels", YamlMap.OfText([("component", component), ("tier", "control-plane")]))
                .Add("annotations", new YamlMap().Add("kubernetes.io/config.source", "file"))
                .Add("ownerReferences", YamlSequence.Of(Owner("Node", node))),
            Containers(component == "etcd" ? 2379 : 6443).Add("hostNetwork", true).Add("nodeName", node))
        .Add("status", Status(nodeIp));

    private static YamlMap Template(IEnumerable<(string, string)> labels, int port) => new YamlMap()
        .Add("metadata", new YamlMap().Add("labels", YamlMap.OfText(labels)))
        .Add("spec", Containers(port));

    private static YamlMap Deployment(string ns) =>
        Object("apps/v1", "Deployment",
            new YamlMap().Add("name", "web").Add("namespace", ns),
            new YamlMap()
                .Add("replicas", PodsPerReplicaSet)
                .Add("selector", new YamlMap().Add("matchLabels", YamlMap.OfText([("app", "web")])))
                .Add("template", Template([("app", "web")], 8080)));

    private static YamlMap ReplicaSet(string ns, string hash, int replicas) =>
        Object("apps/v1", "ReplicaSet",
            new YamlMap()
                .Add("name", $"web-{hash}")
                .Add("namespace", ns)
                .Add("labels", YamlMap.OfText([("app", "web"), ("pod-template-hash", hash)]))
                .Add("ownerReferences", YamlSequence.Of(Owner("Deployment", "web"))),
            new YamlMap()
                .Add("replicas", replicas)
                .Add("selector", new YamlMap().Add("matchLabels", YamlMap.OfText([("app", "web"), ("pod-template-hash", hash)])))
                .Add("template", Template([("app", "web"), ("pod-template-hash", hash)], 8080)));

    private static YamlMap ReplicaSetPod(string ns, string hash, string suffix, string ip) =>
        Object("v1", "Pod",
            new YamlMap()
                .Add("name", $"web-{hash}-{suffix}")
                .Add("namespace", ns)
                .Add("labels", YamlMap.OfText([("app", "web"), ("pod-template-hash", hash)]))
                .Add("ownerReferences", YamlSequence.Of(Owner("ReplicaSet", $"web-{hash}"))),
            Containers(8080))
        .Add("status", Status(ip));

    private static YamlMap StatefulSet(string ns) =>
        Object("apps/v1", "StatefulSet",
            new YamlMap().Add("name", "db").Add("namespace", ns),
            new YamlMap()
                .Add("replicas", PodsPerStatefulSet)
                .Add("serviceName", "db")
                .Add("selector", new YamlMap().Add("matchLabels", YamlMap.OfText([("app", "db")])))
                .Add("template", Template([("app", "db")], 5432)));

    /// <summary>A StatefulSet pod with the labels its controller adds to each pod.</summary>
    private static YamlMap StatefulSetPod(string ns, int ordinal, string ip) =>
        Object("v1", "Pod",
            new YamlMap()
                .Add("name", $"db-{ordinal}")
                .Add("namespace", ns)
                .Add("labels", YamlMap.OfText(
                [
                    ("app", "db"),
                    ("apps.kubernetes.io/pod-index", ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("controller-revision-hash", "db-5d8f7c9b6"),
                    ("statefulset.kubernetes.io/pod-name", $"db-{ordinal}"),
                ]))
                .Add("ownerReferences", YamlSequence.Of(Owner("StatefulSet", "db"))),
            Containers(5432))
        .Add("status", Status(ip));

    private static YamlMap Service(string ns, string name, bool selector, int port, int targetPort)
    {
        var spec = new YamlMap();
        if (selector) spec.Add("selector", YamlMap.OfText([("app", name)]));
        spec.Add("ports", YamlSequence.Of(new YamlMap().Add("port", port).Add("targetPort", targetPort).Add("protocol", "TCP")));
        return Object("v1", "Service", new YamlMap().Add("name", name).Add("namespace", ns), spec);
    }

    private static YamlMap Endpoints(string ns, string name, string ip, int port) => new YamlMap()
        .Add("apiVersion", "v1")
        .Add("kind", "Endpoints")
        .Add("metadata", new YamlMap().Add("name", name).Add("namespace", ns))
        .Add("subsets", YamlSequence.Of(new YamlMap()
            .Add("addresses", YamlSequence.Of(new YamlMap().Add("ip", ip)))
            .Add("ports", YamlSequence.Of(new YamlMap().Add("port", port).Add("protocol", "TCP")))));

    private static YamlMap EndpointSlice(string ns, string service, string suffix, IReadOnlyList<string> addresses, int port) => new YamlMap()
        .Add("apiVersion", "discovery.k8s.io/v1")
        .Add("kind", "EndpointSlice")
        .Add("metadata", new YamlMap()
            .Add("name", $"{service}-{suffix}")
            .Add("namespace", ns)
            .Add("labels", YamlMap.OfText([("kubernetes.io/service-name", service)])))
        .Add("addressType", "IPv4")
        .Add("endpoints", YamlSequence.Of(addresses.Select(a => (YamlNode)new YamlMap()
            .Add("addresses", YamlSequence.OfText(a))
            .Add("conditions", new YamlMap().Add("ready", true))).ToArray()))
        .Add("ports", YamlSequence.Of(new YamlMap().Add("port", port).Add("protocol", "TCP")));
}
