using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using ModelLabels = PolicyLint.Analyzer.Model.Labels;
using ModelNamespace = PolicyLint.Analyzer.Model.Namespace;

namespace PolicyLint.Rules.Tests;

/// <summary>
/// Builds Clusters in code for rule tests, as the loader would: every object, rule, peer and
/// port gets its own line in <see cref="File"/>, namespaces that objects use exist implicitly,
/// and policyTypes are defaulted like the API server does when not given.
/// </summary>
public sealed class ClusterBuilder
{
    private readonly List<Namespace> _namespaces = [];
    private readonly List<Workload> _workloads = [];
    private readonly List<NetworkPolicy> _policies = [];
    private int _line;

    public ClusterBuilder(string file = "test.yaml") => File = file;

    public string File { get; }

    internal SourceSpan NextSpan(int column = 1) => new(File, ++_line, column);

    public ClusterBuilder Namespace(string name, params (string Key, string Value)[] labels)
    {
        var meta = Meta("Namespace", "", name, Labels.Of(labels).With(ModelNamespace.NameLabel, name));
        _namespaces.Add(new Namespace(meta, Declared: true));
        return this;
    }

    public ClusterBuilder Workload(string @namespace, string name, Action<WorkloadBuilder>? configure = null)
    {
        var builder = new WorkloadBuilder(this, @namespace, name);
        configure?.Invoke(builder);
        _workloads.Add(builder.Build());
        return this;
    }

    public ClusterBuilder Policy(string @namespace, string name, Action<PolicyBuilder> configure)
    {
        var builder = new PolicyBuilder(this, @namespace, name);
        configure(builder);
        _policies.Add(builder.Build());
        return this;
    }

    public Cluster Build()
    {
        var declared = _namespaces.Select(n => n.Name).ToHashSet();
        var implicitNames = _workloads.Select(w => w.Namespace).Concat(_policies.Select(p => p.Namespace))
            .Where(n => !declared.Contains(n)).Distinct().Order(StringComparer.Ordinal);
        var namespaces = _namespaces.Concat(implicitNames.Select(ModelNamespace.Implicit)).ToImmutableArray();
        return Cluster.Empty with
        {
            Namespaces = namespaces,
            Workloads = [.. _workloads],
            NetworkPolicies = [.. _policies],
        };
    }

    internal ObjectMeta Meta(string kind, string @namespace, string name, Labels? labels = null,
        IEnumerable<(string Key, string Value)>? annotations = null)
    {
        var span = NextSpan();
        var annotationList = (annotations ?? []).ToList();
        var annotationSpans = annotationList.ToImmutableSortedDictionary(a => a.Key, _ => NextSpan(5), StringComparer.Ordinal);
        return new ObjectMeta(new ObjectRef(kind, @namespace, name), labels ?? Labels.Empty, Labels.Of(annotationList.ToArray()), span)
        {
            AnnotationSpans = annotationSpans,
        };
    }

    public static LabelSelector Selector(SourceSpan span, params (string Key, string Value)[] labels) =>
        new(labels.Select(l => new LabelRequirement(l.Key, SelectorOperator.In, [l.Value], span, FromMatchLabels: true)).ToImmutableArray(), span);
}

public sealed class WorkloadBuilder(ClusterBuilder cluster, string @namespace, string name)
{
    private readonly List<ContainerPort> _ports = [];
    private readonly List<(string, string)> _annotations = [];
    private ModelLabels _labels = ModelLabels.Of(("app", name));
    private bool _hostNetwork;
    private string _kind = "Deployment";

    public WorkloadBuilder Labels(params (string Key, string Value)[] labels)
    {
        _labels = ModelLabels.Of(labels);
        return this;
    }

    public WorkloadBuilder Port(string? portName, int number, Protocol protocol = Protocol.TCP)
    {
        _ports.Add(new ContainerPort(portName, number, protocol, null, null, cluster.NextSpan(9)));
        return this;
    }

    public WorkloadBuilder HostNetwork()
    {
        _hostNetwork = true;
        return this;
    }

    public WorkloadBuilder Kind(string kind)
    {
        _kind = kind;
        return this;
    }

    public WorkloadBuilder Annotate(string key, string value)
    {
        _annotations.Add((key, value));
        return this;
    }

    internal Workload Build()
    {
        var meta = cluster.Meta(_kind, @namespace, name, annotations: _annotations);
        var podSpan = cluster.NextSpan(5);
        var container = new Container("main", [.. _ports], podSpan);
        var pod = new Pod(name, _labels, [container], _hostNetwork, [], podSpan);
        return new Workload(meta, _kind, [pod], 1);
    }
}

public sealed class PolicyBuilder(ClusterBuilder cluster, string @namespace, string name)
{
    private readonly List<(string, string)> _annotations = [];
    private readonly List<Func<int, NetworkPolicyRule>> _ingress = [];
    private readonly List<Func<int, NetworkPolicyRule>> _egress = [];
    private (string Key, string Value)[] _select = [];
    private PolicyDirections? _policyTypes;

    public PolicyBuilder Select(params (string Key, string Value)[] labels)
    {
        _select = labels;
        return this;
    }

    public PolicyBuilder PolicyTypes(PolicyDirections directions)
    {
        _policyTypes = directions;
        return this;
    }

    public PolicyBuilder Annotate(string key, string value)
    {
        _annotations.Add((key, value));
        return this;
    }

    public PolicyBuilder Ingress(Action<RuleBuilder>? configure = null) => AddRule(_ingress, PolicyDirections.Ingress, configure);

    public PolicyBuilder Egress(Action<RuleBuilder>? configure = null) => AddRule(_egress, PolicyDirections.Egress, configure);

    private PolicyBuilder AddRule(List<Func<int, NetworkPolicyRule>> rules, PolicyDirections direction, Action<RuleBuilder>? configure)
    {
        rules.Add(index =>
        {
            var builder = new RuleBuilder(cluster, direction, index);
            configure?.Invoke(builder);
            return builder.Build();
        });
        return this;
    }

    internal NetworkPolicy Build()
    {
        var meta = cluster.Meta("NetworkPolicy", @namespace, name, annotations: _annotations);
        var selector = ClusterBuilder.Selector(cluster.NextSpan(3), _select);
        var ingress = _ingress.Select((rule, i) => rule(i)).ToImmutableArray();
        var egress = _egress.Select((rule, i) => rule(i)).ToImmutableArray();
        var types = _policyTypes ?? NetworkPolicy.InferPolicyTypes(egress.Length > 0);
        return new NetworkPolicy(meta, selector, ingress, egress, types, _policyTypes is not null);
    }
}

public sealed class RuleBuilder(ClusterBuilder cluster, PolicyDirections direction, int index)
{
    private readonly SourceSpan _span = cluster.NextSpan(5);
    private readonly List<NetworkPolicyPeer> _peers = [];
    private readonly List<PolicyPort> _ports = [];

    public RuleBuilder Pods(params (string Key, string Value)[] labels) => Peer(labels, null);

    public RuleBuilder Namespaces(params (string Key, string Value)[] labels) => Peer(null, labels);

    public RuleBuilder Peer((string Key, string Value)[]? pods, (string Key, string Value)[]? namespaces)
    {
        var span = cluster.NextSpan(9);
        _peers.Add(new NetworkPolicyPeer(
            pods is null ? null : ClusterBuilder.Selector(span, pods),
            namespaces is null ? null : ClusterBuilder.Selector(span, namespaces),
            null,
            span));
        return this;
    }

    public RuleBuilder IpBlock(string cidr, params string[] except)
    {
        var span = cluster.NextSpan(9);
        var block = new IpBlock(new CidrText(cidr, span), except.Select(e => new CidrText(e, span)).ToImmutableArray(), span);
        _peers.Add(new NetworkPolicyPeer(null, null, block, span));
        return this;
    }

    public RuleBuilder Port(int number, Protocol protocol = Protocol.TCP) =>
        AddPort(new PolicyPort(protocol, PortRef.Of(number), null, cluster.NextSpan(9)));

    public RuleBuilder NamedPort(string name, Protocol protocol = Protocol.TCP) =>
        AddPort(new PolicyPort(protocol, PortRef.Of(name), null, cluster.NextSpan(9)));

    public RuleBuilder AllPortsOf(Protocol protocol) =>
        AddPort(new PolicyPort(protocol, null, null, cluster.NextSpan(9)));

    private RuleBuilder AddPort(PolicyPort port)
    {
        _ports.Add(port);
        return this;
    }

    internal NetworkPolicyRule Build() => new(direction, index, [.. _peers], [.. _ports], _span);
}
