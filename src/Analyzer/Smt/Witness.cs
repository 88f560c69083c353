using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Smt;

/// <summary>A container port a witness pod must have for a named rule port to resolve.</summary>
public sealed record WitnessContainerPort(string Name, Protocol Protocol, int Number)
{
    public override string ToString() => $"{Name}={Protocol}/{Number}";
}

/// <summary>
/// One end of a witness connection: a pod that could exist (or an input pod, then
/// InputWorkload names it), or an address outside the cluster. Label values no policy
/// mentions are shown as made-up values such as <c>other</c>; a namespace that is not in the
/// input gets a made-up name too (NamespaceInInput false). NamedPorts lists only the container
/// ports that matter to the policies; Addresses the pod's known IPs or the outside address.
/// </summary>
public sealed record WitnessEndpoint(
    bool IsPod,
    string? Namespace,
    bool NamespaceInInput,
    Labels NamespaceLabels,
    Labels PodLabels,
    ImmutableArray<WitnessContainerPort> NamedPorts,
    ImmutableArray<string> Addresses,
    string? InputWorkload)
{
    /// <summary>The pod uses the host network (only ever set where a ClusterNetworkPolicy makes it matter).</summary>
    public bool HostNetwork { get; init; }

    public override string ToString()
    {
        if (!IsPod) return $"address {string.Join(", ", Addresses)}";
        if (InputWorkload is not null) return InputWorkload;
        var text = $"a pod with labels {{{PodLabels}}}";
        text += NamespaceInInput
            ? $" in namespace {Namespace}"
            : $" in a namespace not in the input (e.g. {Namespace}, labels {{{NamespaceLabels}}})";
        if (!NamedPorts.IsDefaultOrEmpty) text += $", container ports {string.Join(", ", NamedPorts)}";
        if (!Addresses.IsDefaultOrEmpty) text += $", IP {string.Join(", ", Addresses)}";
        if (HostNetwork) text += ", on the host network";
        return text;
    }
}

/// <summary>A concrete connection found by a query: who, to whom, protocol and port.</summary>
public sealed record WitnessConnection(WitnessEndpoint Source, WitnessEndpoint Destination, Protocol Protocol, int Port)
{
    public override string ToString() => $"{Source} -> {Destination} on {Protocol}/{Port}";
}
