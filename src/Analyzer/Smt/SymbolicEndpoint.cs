using System.Collections.Immutable;
using PolicyLint.Analyzer.Smt.Native;

namespace PolicyLint.Analyzer.Smt;

/// <summary>The container port a symbolic pod may have under one name: whether, which protocol, which number.</summary>
internal sealed record SymbolicNamedPort(Term Present, Term Protocol, Term Number);

/// <summary>
/// One end of a symbolic connection: either a pod (IsPod) with a namespace, namespace labels,
/// pod labels, named container ports and possibly known IPs, or an address outside the
/// cluster (exactly one of Ip4 / Ip6). Namespace labels of namespaces in the input are fixed
/// per cluster ("world"), see <see cref="PolicySemantics.NamespaceLabel"/>; FreeNamespaceLabels
/// are the labels of a namespace no cluster declares.
/// </summary>
internal sealed class SymbolicEndpoint
{
    public const uint ProtocolWidth = 2;
    public const uint PortWidth = 16;

    public SymbolicEndpoint(Z3Context z3, string role, Vocabulary vocabulary, uint podClassWidth)
    {
        Role = role;
        IsPod = z3.BoolConst(role + ".isPod");
        Namespace = z3.BitVectorConst(role + ".namespace", vocabulary.NamespaceNames.Width);
        FreeNamespaceLabels = vocabulary.NamespaceLabels.ToImmutableSortedDictionary(
            p => p.Key, p => z3.BitVectorConst($"{role}.nsLabel[{p.Key}]", p.Value.Width), StringComparer.Ordinal);
        PodLabels = vocabulary.PodLabels.ToImmutableSortedDictionary(
            p => p.Key, p => z3.BitVectorConst($"{role}.label[{p.Key}]", p.Value.Width), StringComparer.Ordinal);
        NamedPorts = vocabulary.PortNames.ToImmutableSortedDictionary(
            name => name,
            name => new SymbolicNamedPort(
                z3.BoolConst($"{role}.port[{name}].present"),
                z3.BitVectorConst($"{role}.port[{name}].protocol", ProtocolWidth),
                z3.BitVectorConst($"{role}.port[{name}].number", PortWidth)),
            StringComparer.Ordinal);
        _hostNetwork = new Lazy<Term>(() => z3.BoolConst(role + ".hostNetwork"), LazyThreadSafetyMode.None);
        HasIp4 = z3.BoolConst(role + ".hasIp4");
        Ip4 = z3.BitVectorConst(role + ".ip4", 32);
        HasIp6 = z3.BoolConst(role + ".hasIp6");
        Ip6 = z3.BitVectorConst(role + ".ip6", 128);
        Restricted = z3.BoolConst(role + ".isInputPod");
        PodClass = z3.BitVectorConst(role + ".inputPodClass", podClassWidth);
        PodClassWidth = podClassWidth;
    }

    public string Role { get; }
    public Term IsPod { get; }

    /// <summary>Index into the namespace-name domain (the kubernetes.io/metadata.name label).</summary>
    public Term Namespace { get; }
    public ImmutableSortedDictionary<string, Term> FreeNamespaceLabels { get; }
    public ImmutableSortedDictionary<string, Term> PodLabels { get; }
    public ImmutableSortedDictionary<string, SymbolicNamedPort> NamedPorts { get; }
    private readonly Lazy<Term> _hostNetwork;

    /// <summary>
    /// The pod uses the host network (ClusterNetworkPolicy subjects and pod peers leave it out).
    /// Made only when a ClusterNetworkPolicy asks, so that other encodings are unchanged.
    /// </summary>
    public Term HostNetwork => _hostNetwork.Value;

    public bool HostNetworkUsed => _hostNetwork.IsValueCreated;
    public Term HasIp4 { get; }
    public Term Ip4 { get; }
    public Term HasIp6 { get; }
    public Term Ip6 { get; }

    /// <summary>When true (and IsPod), the pod is one of the input pods, the one numbered PodClass.</summary>
    public Term Restricted { get; }
    public Term PodClass { get; }
    public uint PodClassWidth { get; }
}

/// <summary>A symbolic connection: source, destination, protocol (0 TCP, 1 UDP, 2 SCTP) and port.</summary>
internal sealed record SymbolicConnection(SymbolicEndpoint Source, SymbolicEndpoint Destination, Term Protocol, Term Port);
