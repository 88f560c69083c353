using System.Collections.Immutable;
using PolicyLint.Analyzer.Queries.Dependencies;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries.Dependencies;

/// <summary>
/// Checks declared dependencies against the policies with the reachability engine.
/// <para>
/// Policies apply to pod traffic after the Service address is translated, so a dependency on a
/// Service port holds when the client may reach every backend on the port's protocol and
/// target port (a named targetPort resolved per backend); one refusing backend is enough for
/// some requests to fail. A dependency written as a name also needs the cluster DNS: the
/// client must reach a backend of kube-system/kube-dns (or, without that Service, a kube-system
/// pod labelled k8s-app=kube-dns) on UDP 53 and on TCP 53. When the input has no cluster DNS
/// that part is not checked. A $(X_SERVICE_HOST) is an IP and needs no DNS. ExternalName
/// Services lead out of the cluster and are never blocked here.
/// </para>
/// </summary>
public sealed class DependencyCheck
{
    private const int DnsPort = 53;
    private readonly ReachabilityEngine _engine;
    private readonly ServiceCatalog _catalog;
    private readonly Lazy<ImmutableArray<Workload>> _dns;
    private readonly Dictionary<string, string?> _dnsByClient = new(StringComparer.Ordinal);

    public DependencyCheck(ReachabilityEngine engine, ServiceCatalog catalog)
    {
        _engine = engine;
        _catalog = catalog;
        _dns = new Lazy<ImmutableArray<Workload>>(() => DnsServers(catalog));
    }

    /// <summary>Extracts and checks every dependency of the engine's cluster.</summary>
    public static ImmutableArray<DependencyVerdict> Run(ReachabilityEngine engine, string clusterDomain = ServiceName.DefaultClusterDomain) =>
        Run(DependencyExtractor.Extract(engine.Cluster, clusterDomain), () => engine);

    /// <summary>Checks dependencies already extracted; the engine is asked for (and so built) only when there are some.</summary>
    public static ImmutableArray<DependencyVerdict> Run(ImmutableArray<DeclaredDependency> dependencies, Func<ReachabilityEngine> engine)
    {
        if (dependencies.IsEmpty) return [];
        var built = engine();
        var check = new DependencyCheck(built, new ServiceCatalog(built.Cluster));
        return [.. dependencies.Select(check.Check)];
    }

    public DependencyVerdict Check(DeclaredDependency dependency)
    {
        if (dependency.Service is not { } service)
        {
            return new DependencyVerdict(dependency, DependencyStatus.Unresolved,
                [$"no Service {dependency.Name} in the input"]);
        }
        if (service.Type == ServiceType.ExternalName)
        {
            return new DependencyVerdict(dependency, DependencyStatus.External,
                [$"ExternalName Service {dependency.Name} points outside the cluster to {service.ExternalName ?? "(no externalName)"}: the client needs DNS and egress to that host's addresses"]);
        }
        if (dependency.PortChoice == PortChoice.NoSuchPort)
        {
            var ports = service.Ports.IsEmpty ? "none" : DeclaredDependency.PortsText(service.Ports);
            return new DependencyVerdict(dependency, DependencyStatus.Unresolved,
                [$"Service {dependency.Name} has no port {dependency.Reference.Port} (its ports: {ports})"]);
        }
        var backends = _catalog.Backends(service).Where(b => b.Id != dependency.Client.Id).ToList();
        if (backends.Count == 0)
        {
            return new DependencyVerdict(dependency, DependencyStatus.NoBackends,
                [$"Service {dependency.Name} selects no other workload of the input"]);
        }
        var reasons = new List<string>();
        var client = new WorkloadPeer(dependency.Client);
        foreach (var port in dependency.Ports) reasons.AddRange(PortReasons(dependency, client, service, port, backends));
        if (dependency.Name.NeedsDns && DnsReason(dependency.Client, client) is { } dns) reasons.Add(dns);
        return new DependencyVerdict(dependency, reasons.Count == 0 ? DependencyStatus.Reachable : DependencyStatus.Blocked, [.. reasons]);
    }

    private IEnumerable<string> PortReasons(DeclaredDependency dependency, WorkloadPeer client, Service service, ServicePort port, List<Workload> backends)
    {
        var portText = dependency.Ports.Length > 1 ? $"on {port.Port}/{port.Protocol}: " : "";
        var egressRefused = new List<(Workload Backend, PairExplanation Pair)>();
        var ingressRefused = new List<(Workload Backend, PairExplanation Pair)>();
        var resolved = 0;
        foreach (var backend in backends)
        {
            var targets = dependency.ToPodsDirectly && dependency.Reference.Port is not null
                ? [port.Port]
                : ServiceCatalog.TargetPorts(service, backend, port);
            if (targets.IsEmpty) continue;
            resolved++;
            var pair = Explain(client, backend);
            if (ServiceQuery.Accepts(pair.Allowed, port.Protocol, targets)) continue;
            if (!ServiceQuery.Accepts(pair.Egress.Allowed, port.Protocol, targets)) egressRefused.Add((backend, pair));
            else ingressRefused.Add((backend, pair));
        }
        if (egressRefused.Count > 0)
        {
            var (_, pair) = egressRefused[0];
            var some = egressRefused.Count == resolved ? "" : $" to {egressRefused.Count} of {resolved} backends";
            yield return $"{portText}the client's egress{some} refuses it ({Why(pair.Egress)})";
        }
        if (ingressRefused.Count > 0)
        {
            var named = string.Join(", ", ingressRefused.Take(3).Select(r => $"{r.Backend.Meta.Ref} ({Why(r.Pair.Ingress)})"));
            var more = ingressRefused.Count > 3 ? $" and {ingressRefused.Count - 3} more" : "";
            var count = ingressRefused.Count == resolved
                ? (resolved == 1 ? "its backend refuses" : $"all {resolved} backends refuse")
                : $"{ingressRefused.Count} of {resolved} backends refuse";
            yield return $"{portText}{count} it at ingress: {named}{more}";
        }
    }

    /// <summary>Asked once per client: whether some DNS backend accepts it on UDP 53 and some on TCP 53.</summary>
    private string? DnsReason(Workload workload, WorkloadPeer client)
    {
        if (_dnsByClient.TryGetValue(workload.Id, out var known)) return known;
        var reason = AskDns(workload, client);
        _dnsByClient[workload.Id] = reason;
        return reason;
    }

    private string? AskDns(Workload workload, WorkloadPeer client)
    {
        var servers = _dns.Value.Where(s => s.Id != workload.Id).ToList();
        if (servers.Count == 0) return null;
        bool udp = false, tcp = false;
        PairExplanation? refused = null;
        foreach (var server in servers)
        {
            var pair = Explain(client, server);
            var serverUdp = pair.Allowed.Contains(Protocol.UDP, DnsPort);
            var serverTcp = pair.Allowed.Contains(Protocol.TCP, DnsPort);
            udp |= serverUdp;
            tcp |= serverTcp;
            if (!(serverUdp && serverTcp)) refused ??= pair;
            if (udp && tcp) return null;
        }
        var missing = new List<string>();
        if (!udp) missing.Add("UDP 53");
        if (!tcp) missing.Add("TCP 53");
        var side = refused!.Egress.Allowed.Contains(Protocol.UDP, DnsPort) || refused.Egress.Allowed.Contains(Protocol.TCP, DnsPort)
            ? $"the cluster DNS ({refused.Destination}) refuses it at ingress ({Why(refused.Ingress)})"
            : $"the client's egress refuses it ({Why(refused.Egress)})";
        return $"the name needs the cluster DNS on UDP 53 and TCP 53, and {string.Join(" and ", missing)} is refused: {side}";
    }

    /// <summary>Not cached: a client rarely names one backend twice, and explanations are large.</summary>
    private PairExplanation Explain(WorkloadPeer client, Workload server) => _engine.Explain(client, new WorkloadPeer(server));

    /// <summary>Why one direction refuses: the deciding deny of a cluster policy, or the isolating NetworkPolicies.</summary>
    public static string Why(DirectionVerdict verdict)
    {
        if (verdict.Rules.FirstOrDefault(r => r.Action == AdminAction.Deny && !r.Decided.IsEmpty) is { } deny) return $"denied by {deny.Rule}";
        if (!verdict.Isolated) return "not admitted by the cluster policies";
        var policies = Listed(verdict.IsolatingPolicies.Select(p => p.ToString()).ToList());
        return verdict.Allowed.IsEmpty
            ? $"isolated by {policies}, no rule admits it"
            : $"isolated by {policies}, whose rules admit only {verdict.Allowed}";
    }

    /// <summary>"A", "A and B", "A, B and C", "A, B, C and 2 more".</summary>
    private static string Listed(List<string> names)
    {
        if (names.Count <= 1) return names.FirstOrDefault() ?? "";
        var shown = names.Take(3).ToList();
        var last = names.Count > 3 ? $"{names.Count - 3} more" : shown[^1];
        var first = names.Count > 3 ? shown : shown.Take(shown.Count - 1).ToList();
        return $"{string.Join(", ", first)} and {last}";
    }

    /// <summary>The kube-dns Service's backends; without that Service, the kube-system pods labelled k8s-app=kube-dns.</summary>
    internal static ImmutableArray<Workload> DnsServers(ServiceCatalog catalog)
    {
        if (catalog.Find("kube-system", "kube-dns") is { } service && !catalog.Backends(service).IsEmpty) return catalog.Backends(service);
        return [.. catalog.Cluster.Workloads.Where(w => w.Namespace == "kube-system"
            && w.Pods.Any(p => p.Labels.TryGetValue("k8s-app", out var app) && app == "kube-dns"))];
    }
}
