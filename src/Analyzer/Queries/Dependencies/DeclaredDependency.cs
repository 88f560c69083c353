using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Queries.Dependencies;

/// <summary>
/// Where a dependency is declared: the container, what holds it (<c>env ORDERS_URL</c>,
/// <c>ConfigMap shop/settings key DB_URL</c>, <c>args[1]</c>), the text as written and where
/// that text stands.
/// </summary>
public sealed record DependencyDeclaration(string Container, string Origin, string Text, SourceSpan Span)
{
    /// <summary>For messages: <c>container web, env ORDERS_URL = http://orders.shop:8080</c>.</summary>
    public string Described => $"{(Container.Length == 0 ? "" : $"container {Container}, ")}{Origin} = {Text}";

    /// <summary>Where it is declared, for people: <c>container web, env ORDERS_URL = … at file:line:col</c>.</summary>
    public string Located => $"{Described} at {Span}";

    public override string ToString() => $"{Origin} = {Text}";
}

/// <summary>How the port of a dependency was chosen (docs/dependencies.md, "Port").</summary>
public enum PortChoice
{
    /// <summary>Written in the value.</summary>
    Explicit,

    /// <summary>The scheme's well-known port, which the Service has.</summary>
    Scheme,

    /// <summary>The Service's only port.</summary>
    OnlyPort,

    /// <summary>Nothing says which: every port of the Service is needed.</summary>
    EveryPort,

    /// <summary>The written port is not a port of the Service.</summary>
    NoSuchPort,
}

/// <summary>
/// One connection a workload's manifests say it needs: to the Service <see cref="Name"/>
/// names, on <see cref="Ports"/> (the Service ports, or for headless Services and pod names
/// with a written port the pod port itself). Service is null when the input has no such
/// Service (the dependency is unresolved).
/// </summary>
public sealed record DeclaredDependency(
    Workload Client,
    DependencyDeclaration Declaration,
    ServiceReference Reference,
    ServiceName Name,
    Service? Service,
    ImmutableArray<ServicePort> Ports,
    PortChoice PortChoice)
{
    /// <summary>
    /// The pods whose spec declares it (in a dump each pod has its own spec); default for every pod
    /// of the client. Only these pods need the connection (docs/split-workloads.md).
    /// </summary>
    public ImmutableArray<Pod> DeclaringPods { get; init; }

    /// <summary>Whether <paramref name="pod"/> declares the dependency.</summary>
    public bool DeclaredBy(Pod pod) => DeclaringPods.IsDefault || DeclaringPods.Contains(pod);

    /// <summary>Headless Services and pod names: DNS answers with pod addresses, the port is not translated.</summary>
    public bool ToPodsDirectly => Name.Form == NameForm.Pod || Service?.ClusterIP == "None";

    /// <summary>The Service and port(s), for messages: <c>Service shop/orders port 8080/TCP</c>.</summary>
    public string TargetText
    {
        get
        {
            var service = $"Service {Name}";
            if (Name.Pod is { } pod) service = $"pod {pod} of {service}";
            return PortChoice switch
            {
                PortChoice.EveryPort when Ports.Length > 1 => $"{service} on every port ({PortsText(Ports)}; the value names none)",
                PortChoice.NoSuchPort or PortChoice.Explicit when Service is null => $"{service} port {Reference.Port}",
                _ when Ports.IsEmpty => service,
                _ => $"{service} port {PortsText(Ports)}",
            };
        }
    }

    public static string PortsText(IEnumerable<ServicePort> ports) =>
        string.Join(", ", ports.Select(p => $"{p.Port}/{p.Protocol}"));
}
