using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt.Native;

namespace PolicyLint.Analyzer.Smt;

/// <summary>Turns a model of the symbolic connection into a witness a person can read.</summary>
internal sealed class WitnessReader
{
    private readonly Vocabulary _vocabulary;
    private readonly ImmutableArray<Cluster> _worlds;
    private readonly ImmutableArray<InputPodClass> _inputPods;
    private readonly HashSet<string> _knownNamespaceNames;

    public WitnessReader(Vocabulary vocabulary, ImmutableArray<Cluster> worlds, ImmutableArray<InputPodClass> inputPods)
    {
        _vocabulary = vocabulary;
        _worlds = worlds;
        _inputPods = inputPods;
        _knownNamespaceNames = new HashSet<string>(worlds.SelectMany(w => w.Namespaces).Select(n => n.Name), StringComparer.Ordinal);
    }

    public WitnessConnection Connection(Z3Model model, SymbolicConnection c, int world)
    {
        var source = Endpoint(model, c.Source, world);
        var destination = Endpoint(model, c.Destination, world);
        if (InSameMadeUpNamespaceWithOtherLabels(source, destination))
        {
            // Both ends sit in namespaces no policy names ("other", one class for all of them).
            // With different labels they are two namespaces, so they need two names.
            destination = Endpoint(model, c.Destination, world, [.. _knownNamespaceNames, source.Namespace!]);
        }
        return new WitnessConnection(
            source, destination, PolicySemantics.ProtocolOf(model.EvaluateUInt64(c.Protocol)), (int)model.EvaluateUInt64(c.Port));
    }

    private static bool InSameMadeUpNamespaceWithOtherLabels(WitnessEndpoint source, WitnessEndpoint destination) =>
        source is { IsPod: true, NamespaceInInput: false } && destination is { IsPod: true, NamespaceInInput: false }
        && source.Namespace == destination.Namespace && !source.NamespaceLabels.Equals(destination.NamespaceLabels);

    public WitnessEndpoint Endpoint(Z3Model model, SymbolicEndpoint e, int world) => Endpoint(model, e, world, _knownNamespaceNames);

    /// <param name="takenNames">Names a made-up namespace must not get.</param>
    private WitnessEndpoint Endpoint(Z3Model model, SymbolicEndpoint e, int world, HashSet<string> takenNames)
    {
        var addresses = Addresses(model, e);
        if (!model.EvaluateBool(e.IsPod))
        {
            return new WitnessEndpoint(false, null, false, Labels.Empty, Labels.Empty, [], addresses, null);
        }
        var inputWorkload = model.EvaluateBool(e.Restricted) ? InputWorkload(model, e) : null;
        var nameIndex = (int)model.EvaluateUInt64(e.Namespace);
        var ns = _vocabulary.NamespaceNames.ValueOf(nameIndex, takenNames)!;
        var declared = _worlds[world].FindNamespace(ns);
        var namespaceLabels = declared?.Labels ?? FreeNamespaceLabels(model, e, ns);
        return new WitnessEndpoint(
            true,
            ns,
            declared is not null,
            namespaceLabels,
            PodLabels(model, e),
            NamedPorts(model, e),
            addresses,
            inputWorkload) { HostNetwork = e.HostNetworkUsed && model.EvaluateBool(e.HostNetwork) };
    }

    private string? InputWorkload(Z3Model model, SymbolicEndpoint e)
    {
        var index = (int)model.EvaluateUInt64(e.PodClass);
        return index < _inputPods.Length ? string.Join(", ", _inputPods[index].Workloads.Select(w => w.Id)) : null;
    }

    private Labels FreeNamespaceLabels(Z3Model model, SymbolicEndpoint e, string name)
    {
        var labels = new List<KeyValuePair<string, string>> { new(Namespace.NameLabel, name) };
        foreach (var (key, term) in e.FreeNamespaceLabels)
        {
            var value = _vocabulary.NamespaceLabels[key].ValueOf((int)model.EvaluateUInt64(term), EmptySet);
            if (value is not null) labels.Add(new(key, value));
        }
        return Labels.Of(labels);
    }

    private Labels PodLabels(Z3Model model, SymbolicEndpoint e)
    {
        var labels = new List<KeyValuePair<string, string>>();
        foreach (var (key, term) in e.PodLabels)
        {
            var value = _vocabulary.PodLabels[key].ValueOf((int)model.EvaluateUInt64(term), EmptySet);
            if (value is not null) labels.Add(new(key, value));
        }
        return Labels.Of(labels);
    }

    private static ImmutableArray<WitnessContainerPort> NamedPorts(Z3Model model, SymbolicEndpoint e)
    {
        var ports = ImmutableArray.CreateBuilder<WitnessContainerPort>();
        foreach (var (name, port) in e.NamedPorts)
        {
            if (!model.EvaluateBool(port.Present)) continue;
            ports.Add(new WitnessContainerPort(
                name, PolicySemantics.ProtocolOf(model.EvaluateUInt64(port.Protocol)), (int)model.EvaluateUInt64(port.Number)));
        }
        return ports.ToImmutable();
    }

    private static ImmutableArray<string> Addresses(Z3Model model, SymbolicEndpoint e)
    {
        var addresses = ImmutableArray.CreateBuilder<string>();
        if (model.EvaluateBool(e.HasIp4)) addresses.Add(AddressRange.ToText(false, model.EvaluateBitVector(e.Ip4)));
        if (model.EvaluateBool(e.HasIp6)) addresses.Add(AddressRange.ToText(true, model.EvaluateBitVector(e.Ip6)));
        return addresses.ToImmutable();
    }

    private static readonly HashSet<string> EmptySet = [];
}
