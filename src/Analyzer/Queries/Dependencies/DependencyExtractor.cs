using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Queries.Dependencies;

/// <summary>
/// Reads every workload's declared dependencies from its containers (init containers too):
/// env values after the kubelet's <c>$(VAR)</c> expansion, ConfigMap keys through
/// configMapKeyRef and envFrom (ConfigMaps of the pod's own namespace; a missing one
/// contributes nothing), and command and args after expansion. docs/dependencies.md describes
/// the rules. A Service named twice by one container counts once, at its first declaration.
/// </summary>
public sealed class DependencyExtractor
{
    /// <summary>Well-known ports of URL schemes (IANA service names), used when the Service has that port.</summary>
    public static readonly ImmutableDictionary<string, int> SchemePorts = new Dictionary<string, int>
    {
        ["http"] = 80, ["ws"] = 80, ["https"] = 443, ["wss"] = 443, ["redis"] = 6379,
        ["postgres"] = 5432, ["postgresql"] = 5432, ["mysql"] = 3306, ["mongodb"] = 27017,
        ["amqp"] = 5672, ["kafka"] = 9092,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    private readonly Cluster _cluster;
    private readonly string _clusterDomain;
    private readonly Dictionary<(string Namespace, string Name), Service> _services = [];
    private readonly ILookup<string, Service> _servicesByNamespace;
    private readonly Dictionary<string, Dictionary<string, string>> _linksByNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Namespace, string Name), ConfigMap> _configMaps = [];
    private readonly HashSet<string> _namespaces;

    public DependencyExtractor(Cluster cluster, string clusterDomain = ServiceName.DefaultClusterDomain)
    {
        _cluster = cluster;
        _clusterDomain = clusterDomain.Trim('.');
        foreach (var service in cluster.Services) _services.TryAdd((service.Namespace, service.Name), service);
        _servicesByNamespace = cluster.Services.ToLookup(s => s.Namespace, StringComparer.Ordinal);
        foreach (var configMap in cluster.ConfigMaps) _configMaps.TryAdd((configMap.Namespace, configMap.Name), configMap);
        _namespaces = cluster.Namespaces.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
    }

    public static ImmutableArray<DeclaredDependency> Extract(Cluster cluster, string clusterDomain = ServiceName.DefaultClusterDomain) =>
        new DependencyExtractor(cluster, clusterDomain).Extract();

    public ImmutableArray<DeclaredDependency> Extract()
    {
        var all = ImmutableArray.CreateBuilder<DeclaredDependency>();
        foreach (var workload in _cluster.Workloads) all.AddRange(Of(workload));
        return all.ToImmutable();
    }

    /// <summary>The dependencies of one workload; pods of one workload declaring the same thing at the same place count once.</summary>
    public ImmutableArray<DeclaredDependency> Of(Workload workload)
    {
        var found = new List<DeclaredDependency>();
        var declaring = new Dictionary<(string Span, string Target, string Ports), (int Index, List<Pod> Pods)>();
        foreach (var pod in workload.Pods)
        {
            if (pod.Environment.Containers.IsEmpty) continue;
            var links = pod.Environment.EnableServiceLinks ? LinksOf(workload.Namespace) : [];
            foreach (var container in pod.Environment.Containers)
            {
                var perContainer = new HashSet<(string Target, string Ports, bool Dns)>();
                foreach (var declared in Declarations(workload.Namespace, container, links))
                {
                    foreach (var reference in ServiceReference.ParseAll(declared.Value))
                    {
                        if (Resolve(workload, declared.Declaration, reference) is not { } dependency) continue;
                        var ports = dependency.Service is null ? $"{dependency.Reference.Port}" : DeclaredDependency.PortsText(dependency.Ports);
                        if (!perContainer.Add((dependency.Name.ToString() + dependency.Name.Pod, ports, dependency.Name.NeedsDns))) continue;
                        var key = (dependency.Declaration.Span.ToString(), dependency.Name.ToString() + dependency.Name.Pod, ports);
                        if (declaring.TryGetValue(key, out var known))
                        {
                            if (!known.Pods.Contains(pod)) known.Pods.Add(pod);
                            continue;
                        }
                        declaring[key] = (found.Count, [pod]);
                        found.Add(dependency);
                    }
                }
            }
        }
        // Pods of one workload with the same spec declare it at the same place; the pods of a dump
        // each have their own spec, so a dependency belongs to the pods that declare it.
        foreach (var (index, pods) in declaring.Values)
        {
            if (pods.Count < workload.Pods.Length) found[index] = found[index] with { DeclaringPods = [.. pods] };
        }
        return [.. found];
    }

    /// <summary>The Service variables of a namespace's pods, made once per namespace (only read afterwards).</summary>
    private Dictionary<string, string> LinksOf(string @namespace)
    {
        if (!_linksByNamespace.TryGetValue(@namespace, out var links))
        {
            _linksByNamespace[@namespace] = links = ServiceLinks.For(_servicesByNamespace[@namespace]);
        }
        return links;
    }

    /// <summary>A declared text and the value the container sees (after expansion).</summary>
    private sealed record Declared(DependencyDeclaration Declaration, string Value);

    /// <summary>
    /// The container's values in the kubelet's order: envFrom, then env (each value expanded
    /// against the variables defined before it, then the Service variables), then command and
    /// args expanded against the whole environment.
    /// </summary>
    private IEnumerable<Declared> Declarations(string @namespace, ContainerEnvironment container, Dictionary<string, string> links)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Lookup(string name) => environment.TryGetValue(name, out var value) ? value : links.GetValueOrDefault(name);
        var declared = new List<Declared>();
        foreach (var source in container.EnvFrom)
        {
            if (!_configMaps.TryGetValue((@namespace, source.ConfigMap), out var configMap)) continue;
            foreach (var entry in configMap.Data)
            {
                environment[source.Prefix + entry.Key] = entry.Value;
                declared.Add(new Declared(new DependencyDeclaration(container.Container, $"ConfigMap {configMap.Meta.Ref.QualifiedName} key {entry.Key} (envFrom)", entry.Value, entry.Span), entry.Value));
            }
        }
        foreach (var variable in container.Env)
        {
            if (variable.Value is { } literal)
            {
                var value = KubeletExpansion.Expand(literal.Text, Lookup);
                environment[variable.Name] = value;
                declared.Add(new Declared(new DependencyDeclaration(container.Container, $"env {variable.Name}", literal.Text, literal.Span), value));
            }
            else if (variable.ConfigMapKey is { } key
                && _configMaps.TryGetValue((@namespace, key.ConfigMap), out var configMap)
                && configMap.Find(key.Key) is { } entry)
            {
                environment[variable.Name] = entry.Value;
                declared.Add(new Declared(new DependencyDeclaration(container.Container, $"env {variable.Name} from ConfigMap {configMap.Meta.Ref.QualifiedName} key {entry.Key}", entry.Value, entry.Span), entry.Value));
            }
            else
            {
                // From a Secret or a field: the value is not in the input; the name shadows a Service variable.
                environment.Remove(variable.Name);
            }
        }
        foreach (var (words, field) in new[] { (container.Command, "command"), (container.Args, "args") })
        {
            for (var i = 0; i < words.Length; i++)
            {
                var value = KubeletExpansion.Expand(words[i].Text, Lookup);
                declared.Add(new Declared(new DependencyDeclaration(container.Container, $"{field}[{i}]", words[i].Text, words[i].Span), value));
            }
        }
        return declared;
    }

    private DeclaredDependency? Resolve(Workload client, DependencyDeclaration declaration, ServiceReference reference)
    {
        var name = ServiceName.Interpret(reference, client.Namespace, _clusterDomain, _namespaces.Contains, (ns, n) => _services.ContainsKey((ns, n)));
        if (name is null) return null;
        // A $(X_SERVICE_HOST) only exists for Services of the pod's namespace; anything else never expands.
        var service = _services.GetValueOrDefault((name.Namespace, name.Service));
        if (service is null)
        {
            if (!name.ClearlyInCluster) return null;
            return new DeclaredDependency(client, declaration, reference, name, null, [], reference.Port is null ? PortChoice.EveryPort : PortChoice.Explicit);
        }
        var (ports, choice) = ChoosePorts(service, reference, name);
        return new DeclaredDependency(client, declaration, reference, name, service, ports, choice);
    }

    /// <summary>
    /// Explicit port; else the scheme's well-known port when the Service has it; else the
    /// Service's only port; else every port. For headless Services and pod names a written port
    /// is the pod's own port (DNS answers with pod addresses).
    /// </summary>
    public static (ImmutableArray<ServicePort> Ports, PortChoice Choice) ChoosePorts(Service service, ServiceReference reference, ServiceName name)
    {
        var direct = name.Form == NameForm.Pod || service.ClusterIP == "None";
        if (reference.Port is { } written)
        {
            if (direct)
            {
                var protocol = service.Ports.FirstOrDefault(p => p.TargetPort.Number == written || p.Port == written)?.Protocol ?? Protocol.TCP;
                return ([new ServicePort(null, written, PortRef.Of(written), null, protocol, service.Meta.Span)], PortChoice.Explicit);
            }
            ImmutableArray<ServicePort> matching = [.. service.Ports.Where(p => p.Port == written)];
            return matching.IsEmpty ? ([], PortChoice.NoSuchPort) : (matching, PortChoice.Explicit);
        }
        if (reference.Scheme is { } scheme && SchemePorts.TryGetValue(scheme, out var wellKnown))
        {
            ImmutableArray<ServicePort> matching = [.. service.Ports.Where(p => p.Port == wellKnown && p.Protocol == Protocol.TCP)];
            if (!matching.IsEmpty) return (matching, PortChoice.Scheme);
        }
        return service.Ports.Length == 1 ? (service.Ports, PortChoice.OnlyPort) : (service.Ports, PortChoice.EveryPort);
    }
}
