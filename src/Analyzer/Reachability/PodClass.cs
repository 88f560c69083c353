using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// Pods that no policy, Service or ipBlock can tell apart: same namespace, same values for
/// every label key any selector mentions, same named container ports, and (profile Default)
/// the same ipBlock-relevant address ranges. Every selector is evaluated once per class.
/// Representative is one of its pods (all answer every question the same way).
/// PortProfile numbers the distinct sets of named container ports: classes with the same
/// profile resolve every named port alike.
/// </summary>
internal sealed record PodClass(
    int Index,
    string Namespace,
    Labels NamespaceLabels,
    Pod Representative,
    bool IsIngressController,
    int PortProfile)
{
    public Labels Labels => Representative.Labels;

    /// <summary>The numbers of the representative's container ports named <paramref name="name"/> with the protocol.</summary>
    public ImmutableArray<int> ResolveNamedPort(string name, Protocol protocol) =>
        [.. ResolveNamedPort(name).Where(p => p.Protocol == protocol).Select(p => p.Number)];

    /// <summary>The representative's container ports named <paramref name="name"/>, each with its protocol.</summary>
    public IEnumerable<(Protocol Protocol, int Number)> ResolveNamedPort(string name)
    {
        foreach (var container in Representative.Containers)
        {
            foreach (var port in container.Ports)
            {
                if (port.Name == name) yield return (port.Protocol, port.Number);
            }
        }
    }
}
