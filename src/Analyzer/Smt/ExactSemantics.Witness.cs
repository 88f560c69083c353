using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Smt;

internal sealed partial class ExactSemantics
{
    private HashSet<string>? _declaredNames;

    /// <summary>
    /// One connection of <paramref name="connections"/> that is in the <see cref="Universe"/>, read
    /// back through the dimensions as <see cref="WitnessReader"/> reads a model. The point is
    /// the least of the first cube (in the union's order, each split by the universe's kinds of
    /// ends, pods first) whose pods can go without IPs and named container ports, else of the
    /// first cube; port 80 when the cube allows it (what the solver's readable witnesses
    /// prefer too). Label values no policy mentions become made-up values, a namespace no policy
    /// names and no manifest declares gets a made-up name no declared namespace has, a declared
    /// namespace shows its labels. Null when the union has no connection.
    /// </summary>
    public WitnessConnection? Witness(CubeUnion connections)
    {
        var inUniverse = connections.Cubes.SelectMany(c => Universe.Cubes.Select(c.Intersect)).OfType<Cube>();
        Cube? first = null;
        foreach (var cube in inUniverse)
        {
            if (Plain(cube) is { } plain) return Witness(ReadablePoint(plain));
            first ??= cube;
        }
        return first is null ? null : Witness(ReadablePoint(first));
    }

    /// <summary>The cube's connections whose pods have no known IP and (the destination) no named container port; null when none.</summary>
    private Cube? Plain(Cube cube)
    {
        // The universe's cubes fix each end's kind: IsPod has one value.
        Cube? plain = cube;
        foreach (var e in new[] { _source, _destination })
        {
            if (cube[e.IsPod][0].Start == 1) plain = plain?.Restrict(e.HasIp4, [Zero])?.Restrict(e.HasIp6, [Zero]);
        }
        if (cube[_destination.IsPod][0].Start != 1) return plain;
        foreach (var dimension in _namedPorts.Values) plain = plain?.Restrict(dimension, [Zero]);
        return plain;
    }

    private static UInt128[] ReadablePoint(Cube cube)
    {
        var point = cube.LeastPoint();
        if (IntervalList.Contains(cube[Port], (UInt128)80)) point[Port] = 80;
        return point;
    }

    private WitnessConnection Witness(UInt128[] point)
    {
        var source = WitnessEnd(point, _source, null);
        var destination = WitnessEnd(point, _destination, null);
        if (source is { IsPod: true, NamespaceInInput: false } && destination is { IsPod: true, NamespaceInInput: false }
            && source.Namespace == destination.Namespace && !source.NamespaceLabels.Equals(destination.NamespaceLabels))
        {
            // Two namespaces no policy names with different labels are two namespaces: two names (as WitnessReader.Connection).
            destination = WitnessEnd(point, _destination, source.Namespace);
        }
        return new WitnessConnection(source, destination, PolicySemantics.ProtocolOf((ulong)point[Protocol]), (int)point[Port]);
    }

    /// <param name="alsoTaken">A name the made-up namespace must not get, besides the declared ones.</param>
    private WitnessEndpoint WitnessEnd(UInt128[] point, Endpoint e, string? alsoTaken)
    {
        var addresses = Addresses(point, e);
        if (point[e.IsPod] == 0) return new WitnessEndpoint(false, null, false, Labels.Empty, Labels.Empty, [], addresses, null);
        var name = NamespaceName((int)point[e.Namespace], alsoTaken);
        var declared = _declared.ByName.TryGetValue(name, out var declaredLabels);
        return new WitnessEndpoint(
            true,
            name,
            declared,
            declared ? declaredLabels! : FreeNamespaceLabels(point, e, name),
            Labels.Of(e.PodLabels.Select(l => (l.Key, Value: _vocabulary.PodLabels[l.Key].ValueOf((int)point[l.Value], NoNames)))
                .Where(l => l.Value is not null).Select(l => new KeyValuePair<string, string>(l.Key, l.Value!))),
            ReferenceEquals(e, _destination) ? NamedPorts(point) : [],
            addresses,
            null);
    }

    /// <summary>A class of declared namespaces no policy names is one of them; index 1 ("any other name") a name no declared namespace has.</summary>
    private string NamespaceName(int index, string? alsoTaken)
    {
        if (_classNames.TryGetValue(index, out var name)) return name;
        _declaredNames ??= new HashSet<string>(_declared.ByName.Keys, StringComparer.Ordinal);
        var taken = alsoTaken is null ? _declaredNames : new HashSet<string>(_declaredNames, StringComparer.Ordinal) { alsoTaken };
        return _vocabulary.NamespaceNames.ValueOf(index, taken)!;
    }

    /// <summary>A namespace no manifest declares: its name label and the free label dimensions.</summary>
    private Labels FreeNamespaceLabels(UInt128[] point, Endpoint e, string name)
    {
        var labels = new List<KeyValuePair<string, string>> { new(Namespace.NameLabel, name) };
        foreach (var (key, dimension) in e.NamespaceLabels)
        {
            if (key == Namespace.NameLabel) continue;
            if (_vocabulary.NamespaceLabels[key].ValueOf((int)point[dimension], NoNames) is { } value) labels.Add(new(key, value));
        }
        return Labels.Of(labels);
    }

    /// <summary>A named-port dimension at 1..3 is a container port of that name, protocol TCP, UDP or SCTP, whose number is the connection's port.</summary>
    private ImmutableArray<WitnessContainerPort> NamedPorts(UInt128[] point) =>
    [
        .. _namedPorts.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Where(p => point[p.Value] > 0)
            .Select(p => new WitnessContainerPort(p.Key, PolicySemantics.ProtocolOf((ulong)point[p.Value] - 1), (int)point[Port])),
    ];

    private static ImmutableArray<string> Addresses(UInt128[] point, Endpoint e)
    {
        var addresses = ImmutableArray.CreateBuilder<string>();
        if (point[e.HasIp4] == 1) addresses.Add(AddressRange.ToText(false, point[e.Ip4]));
        if (point[e.HasIp6] == 1) addresses.Add(AddressRange.ToText(true, point[e.Ip6]));
        return addresses.ToImmutable();
    }

    private static readonly HashSet<string> NoNames = [];
}
