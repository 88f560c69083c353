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
/// <para>
/// When policies tell the pods of the client apart (docs/split-workloads.md), the check holds for
/// every part that holds a pod declaring the dependency, and a blocked part is named by its pods;
/// a split backend (or DNS server) is its parts that hold a selected pod.
/// </para>
/// </summary>
public sealed class DependencyCheck
{
    private const int DnsPort = 53;
    private readonly ReachabilityEngine _engine;
    private readonly ReachabilityMatrix? _matrix;
    private readonly ServiceCatalog _catalog;
    private readonly Lazy<ImmutableArray<WorkloadPeer>> _dns;
    private readonly Dictionary<string, string?> _dnsByClient = new(StringComparer.Ordinal);

    /// <summary>
    /// With <paramref name="matrix"/> (a report computed it), what a pair allows is read from it
    /// and the engine explains only the refused pairs (the matrix's answer is the engine's).
    /// </summary>
    public DependencyCheck(ReachabilityEngine engine, ServiceCatalog catalog, ReachabilityMatrix? matrix = null)
    {
        _engine = engine;
        _matrix = matrix;
        _catalog = catalog;
        _dns = new Lazy<ImmutableArray<WorkloadPeer>>(() => DnsPeers(catalog));
    }

    /// <summary>Extracts and checks every dependency of the engine's cluster.</summary>
    public static ImmutableArray<DependencyVerdict> Run(ReachabilityEngine engine, string clusterDomain = ServiceName.DefaultClusterDomain) =>
        Run(DependencyExtractor.Extract(engine.Cluster, clusterDomain), () => engine);

    /// <summary>Checks dependencies already extracted; the engine is asked for (and so built) only when there are some.</summary>
    public static ImmutableArray<DependencyVerdict> Run(ImmutableArray<DeclaredDependency> dependencies, Func<ReachabilityEngine> engine)
    {
        if (dependencies.IsEmpty) return [];
        var built = engine();
        return Run(dependencies, new DependencyCheck(built, new ServiceCatalog(built.Cluster)));
    }

    /// <summary>Checks dependencies with what a report already has: its engine, its Service catalog and its matrix.</summary>
    public static ImmutableArray<DependencyVerdict> Run(
        ImmutableArray<DeclaredDependency> dependencies, ReachabilityEngine engine, ServiceCatalog catalog, ReachabilityMatrix matrix) =>
        dependencies.IsEmpty ? [] : Run(dependencies, new DependencyCheck(engine, catalog, matrix));

    private static ImmutableArray<DependencyVerdict> Run(ImmutableArray<DeclaredDependency> dependencies, DependencyCheck check) =>
        [.. dependencies.Select(check.Check)];

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
        var clients = Clients(dependency);
        var backends = Backends(service).ToList();
        var backendsOf = clients.ToDictionary(c => c, c => backends.Where(b => b.Id != c.Id).ToList());
        if (backendsOf.Values.All(b => b.Count == 0))
        {
            return new DependencyVerdict(dependency, DependencyStatus.NoBackends,
                [$"Service {dependency.Name} selects no other workload of the input"]);
        }
        var reasons = new List<string>();
        foreach (var client in clients)
        {
            var own = new List<string>();
            var answers = new PairAnswers(this, client);
            foreach (var port in dependency.Ports) own.AddRange(PortReasons(dependency, answers, service, port, backendsOf[client]));
            if (dependency.Name.NeedsDns && DnsReason(client) is { } dns) own.Add(dns);
            reasons.AddRange(client.IsPart ? own.Select(r => $"for {PodsText(client)}: {r}") : own);
        }
        return new DependencyVerdict(dependency, reasons.Count == 0 ? DependencyStatus.Reachable : DependencyStatus.Blocked, [.. reasons]);
    }

    /// <summary>
    /// The peers that need the connection: the client workload, or, when policies tell its pods
    /// apart, each part holding a pod that declares the dependency (docs/split-workloads.md).
    /// </summary>
    private List<WorkloadPeer> Clients(DeclaredDependency dependency)
    {
        var parts = _engine.PeersOf(dependency.Client);
        if (parts.Length <= 1) return [new WorkloadPeer(dependency.Client)];
        List<WorkloadPeer> declaring = [.. parts.Where(p => p.Pods.Any(dependency.DeclaredBy))];
        return declaring.Count > 0 ? declaring : [.. parts];
    }

    /// <summary>The Service's backends as peers: a split backend is its parts that hold a selected pod.</summary>
    private IEnumerable<Backend> Backends(Service service)
    {
        foreach (var workload in _catalog.Backends(service))
        {
            var parts = _engine.PeersOf(workload);
            if (parts.Length <= 1)
            {
                yield return new Backend(new WorkloadPeer(workload), workload.Meta.Ref.ToString(), workload.Pods);
                continue;
            }
            foreach (var part in parts)
            {
                var served = part.Pods.Where(p => _catalog.Serves(service, p)).ToList();
                if (served.Count > 0) yield return new Backend(part, part.Id, served);
            }
        }
    }

    /// <summary>One backend peer, its name for messages and the pods of it the Service selects.</summary>
    private sealed record Backend(WorkloadPeer Peer, string Name, IEnumerable<Pod> Pods)
    {
        public string Id => Peer.Id;
    }

    /// <summary>"pod pg-1" or "pods pg-1, pg-2".</summary>
    private static string PodsText(WorkloadPeer part) =>
        part.Pods.Length == 1 ? $"pod {part.Pods[0].Name}" : $"pods {string.Join(", ", part.Pods.Select(p => p.Name))}";

    /// <summary>
    /// What one client may send to each backend, asked once per backend for all the ports of a
    /// dependency (a Service's every port asks the same pairs): read from the matrix when there is
    /// one, explained by the engine when refused or without a matrix.
    /// </summary>
    private sealed class PairAnswers(DependencyCheck check, WorkloadPeer client)
    {
        private readonly Dictionary<string, ConnectionSet> _allowed = new(StringComparer.Ordinal);
        private readonly Dictionary<string, PairExplanation> _explained = new(StringComparer.Ordinal);

        public ConnectionSet Allowed(WorkloadPeer backend)
        {
            if (check._matrix is null) return Explain(backend).Allowed;
            if (!_allowed.TryGetValue(backend.Id, out var allowed)) _allowed[backend.Id] = allowed = check._matrix.Connections(client, backend);
            return allowed;
        }

        public PairExplanation Explain(WorkloadPeer backend)
        {
            if (!_explained.TryGetValue(backend.Id, out var pair)) _explained[backend.Id] = pair = check._engine.Explain(client, backend);
            return pair;
        }
    }

    private IEnumerable<string> PortReasons(DeclaredDependency dependency, PairAnswers answers, Service service, ServicePort port, List<Backend> backends)
    {
        var portText = dependency.Ports.Length > 1 ? $"on {port.Port}/{port.Protocol}: " : "";
        var egressRefused = new List<(Backend Backend, PairExplanation Pair)>();
        var ingressRefused = new List<(Backend Backend, PairExplanation Pair)>();
        var resolved = 0;
        foreach (var backend in backends)
        {
            var targets = dependency.ToPodsDirectly && dependency.Reference.Port is not null
                ? [port.Port]
                : ServiceCatalog.TargetPorts(service, backend.Pods, port);
            if (targets.IsEmpty) continue;
            resolved++;
            if (ServiceQuery.Accepts(answers.Allowed(backend.Peer), port.Protocol, targets)) continue;
            var pair = answers.Explain(backend.Peer);
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
            var named = string.Join(", ", ingressRefused.Take(3).Select(r => $"{r.Backend.Name} ({Why(r.Pair.Ingress)})"));
            var more = ingressRefused.Count > 3 ? $" and {ingressRefused.Count - 3} more" : "";
            var count = ingressRefused.Count == resolved
                ? (resolved == 1 ? "its backend refuses" : $"all {resolved} backends refuse")
                : $"{ingressRefused.Count} of {resolved} backends refuse";
            yield return $"{portText}{count} it at ingress: {named}{more}";
        }
    }

    /// <summary>Asked once per client peer: whether some DNS backend accepts it on UDP 53 and some on TCP 53.</summary>
    private string? DnsReason(WorkloadPeer client)
    {
        if (_dnsByClient.TryGetValue(client.Id, out var known)) return known;
        var reason = AskDns(client);
        _dnsByClient[client.Id] = reason;
        return reason;
    }

    private string? AskDns(WorkloadPeer client)
    {
        var servers = _dns.Value.Where(s => s.Id != client.Id).ToList();
        if (servers.Count == 0) return null;
        bool udp = false, tcp = false;
        PairExplanation? refused = null;
        foreach (var server in servers)
        {
            var pair = _matrix is null ? _engine.Explain(client, server) : null;
            var allowed = pair?.Allowed ?? _matrix!.Connections(client, server);
            var serverUdp = allowed.Contains(Protocol.UDP, DnsPort);
            var serverTcp = allowed.Contains(Protocol.TCP, DnsPort);
            udp |= serverUdp;
            tcp |= serverTcp;
            if (!(serverUdp && serverTcp)) refused ??= pair ?? _engine.Explain(client, server);
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

    /// <summary>The DNS servers as peers: a split server workload is its parts that hold a DNS pod.</summary>
    private ImmutableArray<WorkloadPeer> DnsPeers(ServiceCatalog catalog)
    {
        var service = catalog.Find("kube-system", "kube-dns");
        bool Serves(Pod pod) => service is not null && !catalog.Backends(service).IsEmpty
            ? catalog.Serves(service, pod)
            : pod.Labels.TryGetValue("k8s-app", out var app) && app == "kube-dns";
        return [.. DnsServers(catalog).SelectMany(w => _engine.PeersOf(w) is { Length: > 1 } parts
            ? parts.Where(p => p.Pods.Any(Serves))
            : [new WorkloadPeer(w)])];
    }

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
