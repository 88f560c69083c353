using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries;

/// <summary>How traffic from outside the cluster gets in.</summary>
public enum EntryPointKind
{
    /// <summary>A node port of a NodePort or LoadBalancer Service, on every node.</summary>
    NodePort,

    /// <summary>The load balancer address of a LoadBalancer Service.</summary>
    LoadBalancer,

    /// <summary>An address listed in a Service's externalIPs.</summary>
    ExternalIP,

    /// <summary>A container's hostPort, on the node that runs the pod.</summary>
    HostPort,

    /// <summary>An Ingress backend, through the ingress controller.</summary>
    Ingress,

    /// <summary>An OpenShift Route backend, through the router.</summary>
    Route,
}

/// <summary>Which source address the backends' policies see for traffic through an entry point.</summary>
public enum SourceAddress
{
    /// <summary>externalTrafficPolicy: Cluster: the client's address is rewritten (SNAT) to the address of the node that forwarded it.</summary>
    Node,

    /// <summary>externalTrafficPolicy: Local: the client's address is kept.</summary>
    Client,

    /// <summary>The ingress controller's pod: Ingress and Route traffic.</summary>
    IngressController,

    /// <summary>hostPort: the node forwards the port to the pod whatever the policies say.</summary>
    Unfiltered,
}

/// <summary>How open an entry point is, least open first, so a greater value is more open.</summary>
public enum Openness
{
    /// <summary>No backend accepts traffic from outside through it.</summary>
    Closed,

    /// <summary>Some outside addresses get through, not all of the internet (or only when the node's address is in an admitted range).</summary>
    SomeAddresses,

    /// <summary>Every internet address gets through to at least one backend.</summary>
    Internet,

    /// <summary>Policies do not apply (hostPort): anything that reaches the node gets through.</summary>
    Unfiltered,
}

/// <summary>
/// One backend behind an entry point: Admitted is the set of source addresses, as the policies
/// see them (node addresses under SNAT, client addresses otherwise), that the backend accepts on
/// its target port; Accepts says whether anything at all gets through (for the ingress
/// controller, hostPorts and unresolved ports Admitted is empty and Accepts alone tells).
/// </summary>
public sealed record ExposedBackend(ServiceBackendTarget Target, IpSet Admitted, bool Accepts);

/// <summary>
/// A way in from outside the cluster: its kind, the object and exact span that opens it (the
/// Service port, the hostPort field, the Ingress backend), where it listens (Via: "every node",
/// "the load balancer", an external IP, or an Ingress host and path), the port there (null
/// when the cluster allocates it, e.g. an unset nodePort), which source address the policies
/// see, the Clients that may send to it at all (the internet, or loadBalancerSourceRanges), the
/// source addresses Considered as the policies see them (any node address under SNAT, else the
/// clients; within the outside address space the engine distinguishes), and the backends with what each admits. Service and ServicePort are null for hostPorts.
/// </summary>
public sealed record EntryPoint(
    EntryPointKind Kind,
    ObjectRef Object,
    SourceSpan Span,
    string Via,
    Protocol Protocol,
    int? Port,
    SourceAddress SourceSeen,
    IpSet Clients,
    IpSet Considered,
    Service? Service,
    ServicePort? ServicePort,
    ImmutableArray<ExposedBackend> Backends,
    Openness Openness)
{
    public bool IsExposed => Openness != Openness.Closed;

    /// <summary>The union of what the backends admit (source addresses as the policies see them).</summary>
    public IpSet Admitted => Backends.Aggregate(IpSet.Empty, (set, b) => set.Union(b.Admitted));

    public int AcceptingBackends => Backends.Count(b => b.Accepts);

    /// <summary><c>30080/TCP</c>, or <c>(allocated)/TCP</c> for a node port the cluster picks.</summary>
    public string PortText => $"{(Port is { } p ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(allocated)")}/{Protocol}";
}
