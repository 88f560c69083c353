using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Tests.Reachability;

/// <summary>
/// A fluent builder of model clusters for engine tests, so a test states only what matters:
/// <c>new ClusterFixture().Pod("ns", "web", ("app", "web")).Policy("ns", "p", p => p.Select(("app", "web")).Ingress())</c>.
/// Namespaces that are used but not declared exist implicitly, as the loader makes them.
/// </summary>
public sealed class ClusterFixture
{
    private readonly List<Namespace> _namespaces = [];
    private readonly List<Workload> _workloads = [];
    private readonly List<NetworkPolicy> _policies = [];
    private readonly List<AdminPolicy> _adminPolicies = [];
    private readonly List<Service> _services = [];
    private readonly List<Ingress> _ingresses = [];
    private readonly List<Route> _routes = [];

    public static SourceSpan Span(int line) => new("test.yaml", line, 1);

    public ClusterFixture Namespace(string name, params (string Key, string Value)[] labels)
    {
        var all = Labels.Of(labels).With(PolicyLint.Analyzer.Model.Namespace.NameLabel, name);
        _namespaces.Add(new Namespace(new ObjectMeta(new ObjectRef("Namespace", "", name), all, Labels.Empty, Span(1)), true));
        return this;
    }

    /// <summary>A bare Pod workload with labels.</summary>
    public ClusterFixture Pod(string ns, string name, params (string Key, string Value)[] labels) =>
        Pod(ns, name, p => p.Labels(labels));

    public ClusterFixture Pod(string ns, string name, Action<PodFixture> configure) =>
        Workload(ns, name, "Pod", configure);

    /// <summary>A controller workload (Deployment, ...) with one pod template, or several pods when configured more than once.</summary>
    public ClusterFixture Workload(string ns, string name, string kind, params Action<PodFixture>[] pods)
    {
        var built = pods.Select((configure, i) =>
        {
            var pod = new PodFixture($"{name}-{i}");
            configure(pod);
            return pod.Build();
        }).ToImmutableArray();
        _workloads.Add(new Workload(Meta(kind, ns, name), kind, built, 1));
        return this;
    }

    public ClusterFixture Policy(string ns, string name, Action<PolicyFixture> configure)
    {
        var policy = new PolicyFixture(Meta("NetworkPolicy", ns, name));
        configure(policy);
        _policies.Add(policy.Build());
        return this;
    }

    public ClusterFixture Admin(string name, int priority, AdminSelector subject, Action<AdminFixture> configure) =>
        AddAdmin(name, PolicyTier.Admin, priority, subject, configure);

    public ClusterFixture Baseline(AdminSelector subject, Action<AdminFixture> configure) =>
        AddAdmin("default", PolicyTier.Baseline, 0, subject, configure);

    private ClusterFixture AddAdmin(string name, PolicyTier tier, int priority, AdminSelector subject, Action<AdminFixture> configure)
    {
        var kind = tier == PolicyTier.Admin ? "AdminNetworkPolicy" : "BaselineAdminNetworkPolicy";
        var fixture = new AdminFixture();
        configure(fixture);
        _adminPolicies.Add(new AdminPolicy(Meta(kind, "", name), tier, priority, subject, fixture.Ingress.ToImmutableArray(), fixture.Egress.ToImmutableArray()));
        return this;
    }

    public ClusterFixture Service(string ns, string name, (string Key, string Value)[] selector, params ServicePort[] ports)
    {
        _services.Add(new Service(Meta("Service", ns, name), ServiceType.ClusterIP, Labels.Of(selector), [.. ports], [], [], ExternalTrafficPolicy.Cluster, null, null));
        return this;
    }

    public static ServicePort ServicePort(int port, PortRef? targetPort = null, string? name = null, Protocol protocol = Protocol.TCP) =>
        new(name, port, targetPort ?? PortRef.Of(port), null, protocol, Span(1));

    public ClusterFixture Ingress(string ns, string name, string service, PortRef? port)
    {
        var backend = new ServiceBackend(service, port, Span(1));
        _ingresses.Add(new Ingress(Meta("Ingress", ns, name), null, backend, [], []));
        return this;
    }

    public ClusterFixture Route(string ns, string name, string service, PortRef? targetPort)
    {
        _routes.Add(new Route(Meta("Route", ns, name), null, null, [new ServiceBackend(service, null, Span(1))], targetPort, false));
        return this;
    }

    public Cluster Build()
    {
        var names = _namespaces.Select(n => n.Name).ToHashSet();
        var namespaces = _namespaces.ToList();
        foreach (var ns in _workloads.Select(w => w.Namespace).Concat(_policies.Select(p => p.Namespace)).Concat(_services.Select(s => s.Namespace)))
        {
            if (names.Add(ns)) namespaces.Add(PolicyLint.Analyzer.Model.Namespace.Implicit(ns));
        }
        return new Cluster([.. namespaces], [.. _workloads], [.. _services], [.. _policies], [.. _ingresses], [.. _routes], [.. _adminPolicies]);
    }

    private static ObjectMeta Meta(string kind, string ns, string name) =>
        new(new ObjectRef(kind, ns, name), Labels.Empty, Labels.Empty, Span(1));
}

public sealed class PodFixture(string name)
{
    private Labels _labels = PolicyLint.Analyzer.Model.Labels.Empty;
    private readonly List<ContainerPort> _ports = [];
    private readonly List<string> _ips = [];
    private bool _hostNetwork;

    public PodFixture Labels(params (string Key, string Value)[] labels)
    {
        _labels = PolicyLint.Analyzer.Model.Labels.Of(labels);
        return this;
    }

    public PodFixture Port(string? portName, int number, Protocol protocol = Protocol.TCP)
    {
        _ports.Add(new ContainerPort(portName, number, protocol, null, null, ClusterFixture.Span(1)));
        return this;
    }

    public PodFixture Ip(string ip)
    {
        _ips.Add(ip);
        return this;
    }

    public PodFixture HostNetwork()
    {
        _hostNetwork = true;
        return this;
    }

    public Pod Build() => new(name, _labels, [new Container("main", [.. _ports], ClusterFixture.Span(1))], _hostNetwork, [.. _ips], ClusterFixture.Span(1));
}

public sealed class PolicyFixture(ObjectMeta meta)
{
    private LabelSelector _podSelector = LabelSelector.Everything;
    private readonly List<NetworkPolicyRule> _ingress = [];
    private readonly List<NetworkPolicyRule> _egress = [];
    private PolicyDirections? _types;

    public PolicyFixture Select(params (string Key, string Value)[] labels)
    {
        _podSelector = Sel.Labels(labels);
        return this;
    }

    public PolicyFixture Select(LabelSelector selector)
    {
        _podSelector = selector;
        return this;
    }

    /// <summary>Declares policyTypes; when never called, the API server's defaulting applies.</summary>
    public PolicyFixture Types(PolicyDirections types)
    {
        _types = types;
        return this;
    }

    /// <summary>An ingress rule; no peers = from any, no ports = any port.</summary>
    public PolicyFixture Ingress(NetworkPolicyPeer[]? from = null, PolicyPort[]? ports = null)
    {
        _ingress.Add(new NetworkPolicyRule(PolicyDirections.Ingress, _ingress.Count, [.. from ?? []], [.. ports ?? []], ClusterFixture.Span(10 + _ingress.Count)));
        return this;
    }

    public PolicyFixture Egress(NetworkPolicyPeer[]? to = null, PolicyPort[]? ports = null)
    {
        _egress.Add(new NetworkPolicyRule(PolicyDirections.Egress, _egress.Count, [.. to ?? []], [.. ports ?? []], ClusterFixture.Span(20 + _egress.Count)));
        return this;
    }

    public NetworkPolicy Build() => new(
        meta, _podSelector, [.. _ingress], [.. _egress],
        _types ?? NetworkPolicy.InferPolicyTypes(_egress.Count > 0), _types is not null);
}

public sealed class AdminFixture
{
    public List<AdminRule> Ingress { get; } = [];
    public List<AdminRule> Egress { get; } = [];

    public AdminFixture IngressRule(AdminAction action, AdminSelector[] from, params PolicyPort[] ports)
    {
        Ingress.Add(new AdminRule(PolicyDirections.Ingress, Ingress.Count, $"in-{Ingress.Count}", action, [.. from], [.. ports], ClusterFixture.Span(30 + Ingress.Count)));
        return this;
    }

    public AdminFixture EgressRule(AdminAction action, AdminSelector[] to, params PolicyPort[] ports)
    {
        Egress.Add(new AdminRule(PolicyDirections.Egress, Egress.Count, $"out-{Egress.Count}", action, [.. to], [.. ports], ClusterFixture.Span(40 + Egress.Count)));
        return this;
    }
}

/// <summary>Short constructors for selectors, peers and ports.</summary>
public static class Sel
{
    public static LabelSelector Labels(params (string Key, string Value)[] labels) =>
        new([.. labels.Select(l => new LabelRequirement(l.Key, SelectorOperator.In, [l.Value], SourceSpan.None, true))], SourceSpan.None);

    public static LabelSelector Expr(string key, SelectorOperator op, params string[] values) =>
        new([new LabelRequirement(key, op, [.. values], SourceSpan.None)], SourceSpan.None);

    public static LabelSelector All => LabelSelector.Everything;

    public static NetworkPolicyPeer Pods(LabelSelector pods) => new(pods, null, null, SourceSpan.None);

    public static NetworkPolicyPeer Namespaces(LabelSelector namespaces) => new(null, namespaces, null, SourceSpan.None);

    public static NetworkPolicyPeer PodsIn(LabelSelector namespaces, LabelSelector pods) => new(pods, namespaces, null, SourceSpan.None);

    public static NetworkPolicyPeer Block(string cidr, params string[] except) =>
        new(null, null, new IpBlock(new CidrText(cidr, SourceSpan.None), [.. except.Select(e => new CidrText(e, SourceSpan.None))], SourceSpan.None), SourceSpan.None);

    public static PolicyPort Tcp(int port, int? endPort = null) => new(Protocol.TCP, PortRef.Of(port), endPort, SourceSpan.None);

    public static PolicyPort Udp(int port) => new(Protocol.UDP, PortRef.Of(port), null, SourceSpan.None);

    public static PolicyPort Sctp(int port) => new(Protocol.SCTP, PortRef.Of(port), null, SourceSpan.None);

    public static PolicyPort Named(string name, Protocol protocol = Protocol.TCP) => new(protocol, PortRef.Of(name), null, SourceSpan.None);

    public static PolicyPort AllOf(Protocol protocol) => new(protocol, null, null, SourceSpan.None);

    public static AdminSelector AdminNamespaces(LabelSelector namespaces) => new NamespacesSelector(namespaces, SourceSpan.None);

    public static AdminSelector AdminPods(LabelSelector namespaces, LabelSelector pods) => new PodsSelector(namespaces, pods, SourceSpan.None);

    public static AdminSelector Networks(params string[] cidrs) =>
        new NetworksSelector([.. cidrs.Select(c => new CidrText(c, SourceSpan.None))], SourceSpan.None);
}
