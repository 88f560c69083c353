using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// Everything read from the input, after defaulting. Namespaces includes every namespace that
/// any object lives in or that a policy names by kubernetes.io/metadata.name, declared or not.
/// </summary>
public sealed record Cluster(
    ImmutableArray<Namespace> Namespaces,
    ImmutableArray<Workload> Workloads,
    ImmutableArray<Service> Services,
    ImmutableArray<NetworkPolicy> NetworkPolicies,
    ImmutableArray<Ingress> Ingresses,
    ImmutableArray<Route> Routes,
    ImmutableArray<AdminPolicy> AdminPolicies)
{
    /// <summary>Never default: a cluster without AdminNetworkPolicies has an empty list, so nobody guards against default.</summary>
    public ImmutableArray<AdminPolicy> AdminPolicies { get; init => field = value.IsDefault ? [] : value; } =
        AdminPolicies.IsDefault ? [] : AdminPolicies;

    public static Cluster Empty { get; } = new([], [], [], [], [], [], []);

    /// <summary>Policy objects of kinds not modelled (Calico, Cilium, ...): read, reported, never analysed.</summary>
    public ImmutableArray<NotModelledPolicy> NotModelledPolicies { get; init; } = [];

    /// <summary>CiliumNetworkPolicies and CiliumClusterwideNetworkPolicies (docs/cilium.md).</summary>
    public ImmutableArray<CiliumPolicy> CiliumPolicies { get; init; } = [];

    /// <summary>Endpoints and EndpointSlices as read and validated (the backends of Services without a selector).</summary>
    public ImmutableArray<ServiceEndpoints> Endpoints { get; init; } = [];

    /// <summary>IngressClasses (cluster-scoped): they name the ingress controllers, see <see cref="IngressControllers"/>.</summary>
    public ImmutableArray<IngressClass> IngressClasses { get; init; } = [];

    /// <summary>The ConfigMaps of the input: pods read declared dependencies from them (docs/dependencies.md).</summary>
    public ImmutableArray<ConfigMap> ConfigMaps { get; init; } = [];

    /// <summary>Calico policies, tiers and the ServiceAccounts they select (docs/calico.md); <see cref="CalicoObjects.None"/> without them.</summary>
    public CalicoObjects Calico { get; init; } = CalicoObjects.None;

    public Namespace? FindNamespace(string name) => Namespaces.FirstOrDefault(n => n.Name == name);

    /// <summary>Every object, for rules that look at all of them (suppressions, duplicates).</summary>
    public IEnumerable<IManifestObject> Objects =>
        Namespaces.Where(n => n.Declared).Cast<IManifestObject>()
            .Concat(Workloads).Concat(Services).Concat(NetworkPolicies)
            .Concat(Ingresses).Concat(Routes).Concat(AdminPolicies).Concat(CiliumPolicies).Concat(Calico.Objects);
}
