using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Receives objects from the manifest reader, builds and validates each one at once (so its
/// node tree can be dropped), and at the end assembles the <see cref="Cluster"/>: pods grouped
/// into workloads, implicit namespaces added, duplicates reported.
/// </summary>
/// <remarks>
/// Workload grouping, matching the reference tool on kubectl dumps: a pod whose ownerReferences
/// name a controller (controller: true) belongs to the workload named after that owner, with
/// the owner's kind ("Pod" when the reference has none); a pod without one is its own workload.
/// When the input holds a whole chain (Deployment, its ReplicaSets, their Pods), the most
/// concrete level wins so no pod is counted twice: a controller owned by another controller in
/// the input replaces its owner (a ReplicaSet replaces its Deployment, a Job its CronJob), and
/// pods in the input replace their controller's template (the workload keeps the controller's
/// metadata, its Pods are the real pods and Replicas their count).
/// </remarks>
internal sealed partial class ClusterBuilder : IManifestSink
{
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly VisitBudget _budget;
    private readonly ObjectReader _reader;
    private readonly Dictionary<(string Kind, string Namespace, string Name), (SourceSpan Span, string View)> _seen = [];
    private readonly RepeatedObjects _repeated = new();
    private string _view = "";
    private readonly SortedDictionary<string, int> _skippedKinds = new(StringComparer.Ordinal);

    private readonly List<Namespace> _namespaces = [];
    private readonly List<PodDraft> _pods = [];
    private readonly List<ControllerDraft> _controllers = [];
    private readonly List<Service> _services = [];
    private readonly List<NetworkPolicy> _networkPolicies = [];
    private readonly List<Ingress> _ingresses = [];
    private readonly List<Route> _routes = [];
    private readonly List<AdminPolicy> _adminPolicies = [];
    private readonly List<NotModelledPolicy> _notModelled = [];
    private readonly List<CiliumPolicy> _ciliumPolicies = [];
    private readonly List<ServiceEndpoints> _endpoints = [];
    private readonly List<ConfigMap> _configMaps = [];
    private readonly List<IngressClass> _ingressClasses = [];

    private readonly string _defaultNamespace;
    private readonly bool _lenientNames;
    private string? _abandonedFile;

    /// <param name="budget">Charged for every node read; the manifest reader widens it as input is read.</param>
    /// <param name="options">The namespace of objects that name none, and the name checking (see <see cref="LoadOptions"/>).</param>
    public ClusterBuilder(VisitBudget budget, LoadOptions options)
    {
        _budget = budget;
        _defaultNamespace = options.DefaultNamespace ?? Namespace.Default;
        _lenientNames = options.LenientNames;
        _reader = new ObjectReader(_diagnostics, _budget);
    }

    public void Accept(ManifestObject manifest)
    {
        if (manifest.File == _abandonedFile) return;
        _budget.Reset();
        _view = manifest.ViewOrFolder;
        try
        {
            Build(manifest);
        }
        catch (VisitBudgetExceededException e)
        {
            var rest = e.PerObject ? "" : " (the rest of this file is skipped)";
            _diagnostics.Add(new Diagnostic(RuleIds.InvalidYaml, Severity.Error, $"{_reader.Object}: {e.Message}{rest}", e.Node.Span, _reader.Object));
            if (!e.PerObject) _abandonedFile = manifest.File;
        }
    }

    private void Build(ManifestObject manifest)
    {
        var kind = manifest.Kind;
        var root = manifest.Root;
        if (BuildCalico(manifest)) return;
        if (PolicyKindsNotModelled.Contains(manifest.ApiVersion, kind, out var clusterScoped))
        {
            if (Meta(manifest, clusterScoped) is { } policyMeta) NotModelled(new NotModelledPolicy(policyMeta.Ref, manifest.ApiVersion, policyMeta.Span));
            return;
        }
        switch (kind)
        {
            case "Namespace":
                if (Meta(manifest, clusterScoped: true) is { } nsMeta && Register(nsMeta))
                {
                    var labels = nsMeta.Labels.With(Namespace.NameLabel, nsMeta.Name);
                    _namespaces.Add(new Namespace(nsMeta with { Labels = labels }, Declared: true));
                }
                break;
            case "Pod":
                if (Meta(manifest, false) is { } podMeta)
                {
                    var pod = PodReader.ReadPodObject(_reader, podMeta, root);
                    if (Register(podMeta)) _pods.Add(pod);
                }
                break;
            case "Service":
                AddIfNew(manifest, false, _services, (r, meta) => ServiceReader.Read(r, meta, root));
                break;
            case "NetworkPolicy":
                AddIfNew(manifest, false, _networkPolicies, (r, meta) => NetworkPolicyReader.Read(r, meta, root));
                break;
            case "Endpoints":
                AddIfNew(manifest, false, _endpoints, (r, meta) => EndpointsReader.ReadEndpoints(r, meta, root));
                break;
            case "EndpointSlice":
                AddIfNew(manifest, false, _endpoints, (r, meta) => EndpointsReader.ReadEndpointSlice(r, meta, root));
                break;
            case "Ingress":
                AddIfNew(manifest, false, _ingresses, (r, meta) => IngressReader.Read(r, meta, root));
                break;
            case "IngressClass":
                AddIfNew(manifest, true, _ingressClasses, (r, meta) => IngressClassReader.Read(r, meta, root));
                break;
            case "Route":
                AddIfNew(manifest, false, _routes, (r, meta) => RouteReader.Read(r, meta, root));
                break;
            case "ServiceAccount":
                AddIfNew(manifest, false, _serviceAccounts, (_, meta) => new ServiceAccount(meta));
                break;
            case "ConfigMap":
                AddIfNew(manifest, false, _configMaps, (r, meta) => ConfigMapReader.Read(r, meta, root));
                break;
            case "AdminNetworkPolicy" or "BaselineAdminNetworkPolicy":
                AddIfNew(manifest, true, _adminPolicies, (r, meta) => AdminPolicyReader.Read(r, meta, root));
                break;
            case ClusterNetworkPolicyKind.Kind when PolicyKindsNotModelled.Group(manifest.ApiVersion) == ClusterNetworkPolicyKind.Group:
                AddIfNew(manifest, true, _adminPolicies, (r, meta) => ClusterNetworkPolicyReader.Read(r, meta, root));
                break;
            case CiliumPolicy.NamespacedKind or CiliumPolicy.ClusterwideKind when PolicyKindsNotModelled.Group(manifest.ApiVersion) == CiliumPolicy.Group:
                var clusterwide = kind == CiliumPolicy.ClusterwideKind;
                AddIfNew(manifest, clusterwide, _ciliumPolicies, (r, meta) => CiliumPolicyReader.Read(r, meta, root, clusterwide));
                break;
            default:
                if (ControllerReader.IsController(kind))
                {
                    AddIfNew(manifest, false, _controllers, (r, meta) => ControllerReader.Read(r, meta, root));
                }
                else
                {
                    _skippedKinds[kind] = _skippedKinds.GetValueOrDefault(kind) + 1;
                }
                break;
        }
    }

    private void NotModelled(NotModelledPolicy policy)
    {
        _notModelled.Add(policy);
        _diagnostics.Add(new Diagnostic(RuleIds.PolicyKindNotModelled, Severity.Warning, PolicyKindsNotModelled.Message(policy), policy.Span, policy.Ref));
    }

    private void AddIfNew<T>(ManifestObject manifest, bool clusterScoped, List<T> into, Func<ObjectReader, ObjectMeta, T?> read)
        where T : class
    {
        if (Meta(manifest, clusterScoped) is not { } meta) return;
        var built = read(_reader, meta);
        if (Register(meta) && built is not null) into.Add(built);
    }

    private ObjectMeta? Meta(ManifestObject manifest, bool clusterScoped) => MetadataReader.Read(_reader, manifest, clusterScoped, _defaultNamespace, _lenientNames);

    /// <summary>
    /// False when an object of the same kind, namespace and name came before; the first one is
    /// kept. Within one view that is a duplicate-object error; from another view (an overlay, a
    /// release bundle next to its sources) it is the same object seen again, noted once per pair of views.
    /// </summary>
    private bool Register(ObjectMeta meta)
    {
        var key = (meta.Ref.Kind, meta.Namespace, meta.Name);
        if (_seen.TryGetValue(key, out var seen) && seen.View != _view)
        {
            _repeated.Add(_view, seen.View, meta);
            return false;
        }
        if (seen.Span is { } first)
        {
            _diagnostics.Add(new Diagnostic(RuleIds.DuplicateObject, Severity.Error,
                $"{meta.Ref}: defined twice, first at {first} and again here (kind, namespace and name must be unique; this one is ignored)",
                meta.Span, meta.Ref));
            return false;
        }
        _seen.Add(key, (meta.Span, _view));
        return true;
    }

    public LoadedCluster Finish(IReadOnlyList<Diagnostic> readerDiagnostics, IReadOnlyList<string> files)
    {
        var workloads = WorkloadGrouping.Group(_controllers, _pods);
        var namespaces = WithImplicitNamespaces(workloads);
        var cluster = new Cluster(namespaces, workloads, [.. _services], [.. _networkPolicies], [.. _ingresses], [.. _routes], [.. _adminPolicies])
        {
            NotModelledPolicies = [.. _notModelled],
            CiliumPolicies = [.. _ciliumPolicies],
            Endpoints = [.. _endpoints],
            ConfigMaps = [.. _configMaps],
            IngressClasses = [.. _ingressClasses],
            Calico = CalicoObjects(),
        };
        var diagnostics = readerDiagnostics.Concat(_diagnostics).Concat(_repeated.Notes())
            .Select((diagnostic, index) => (diagnostic, index))
            .OrderBy(d => d.diagnostic.Span)
            .ThenBy(d => d.index)
            .Select(d => d.diagnostic)
            .ToImmutableArray();
        return new LoadedCluster(cluster, diagnostics, _skippedKinds.ToImmutableSortedDictionary(StringComparer.Ordinal), [.. files]);
    }

    private ImmutableArray<Namespace> WithImplicitNamespaces(ImmutableArray<Workload> workloads)
    {
        var byName = new Dictionary<string, Namespace>(StringComparer.Ordinal);
        foreach (var ns in _namespaces) byName.TryAdd(ns.Name, ns);
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in workloads) referenced.Add(w.Namespace);
        foreach (var s in _services) referenced.Add(s.Namespace);
        foreach (var p in _networkPolicies)
        {
            referenced.Add(p.Namespace);
            foreach (var rule in p.Ingress.Concat(p.Egress))
            {
                foreach (var peer in rule.Peers) AddNamedNamespaces(peer.NamespaceSelector, referenced);
            }
        }
        foreach (var i in _ingresses) referenced.Add(i.Meta.Namespace);
        foreach (var c in _calicoPolicies) referenced.Add(c.Namespace);
        foreach (var r in _routes) referenced.Add(r.Meta.Namespace);
        foreach (var a in _adminPolicies)
        {
            AddNamedNamespaces(a.Subject, referenced);
            foreach (var rule in a.Ingress.Concat(a.Egress))
            {
                foreach (var peer in rule.Peers) AddNamedNamespaces(peer, referenced);
            }
        }
        foreach (var c in _ciliumPolicies)
        {
            if (!c.Clusterwide) referenced.Add(c.Namespace);
            foreach (var rule in c.Rules.SelectMany(r => r.Ingress.Concat(r.Egress).Concat(r.IngressDeny).Concat(r.EgressDeny)))
            {
                foreach (var peer in rule.Endpoints) AddNamedNamespaces(peer.Namespaces, referenced);
            }
        }
        foreach (var name in referenced)
        {
            if (name.Length > 0 && !byName.ContainsKey(name)) byName.Add(name, Namespace.Implicit(name));
        }
        return [.. byName.Values.OrderBy(n => n.Name, StringComparer.Ordinal)];
    }

    private static void AddNamedNamespaces(AdminSelector selector, HashSet<string> into)
    {
        switch (selector)
        {
            case NamespacesSelector ns: AddNamedNamespaces(ns.Namespaces, into); break;
            case PodsSelector pods: AddNamedNamespaces(pods.Namespaces, into); break;
        }
    }

    /// <summary>Namespaces a selector names through kubernetes.io/metadata.name (matchLabels or In).</summary>
    private static void AddNamedNamespaces(LabelSelector? selector, HashSet<string> into)
    {
        if (selector is null) return;
        foreach (var requirement in selector.Requirements)
        {
            if (requirement.Key != Namespace.NameLabel || requirement.Operator != SelectorOperator.In) continue;
            foreach (var value in requirement.Values)
            {
                if (LabelSyntax.IsDnsLabel(value)) into.Add(value);
            }
        }
    }
}
