using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt.Native;

namespace PolicyLint.Analyzer.Smt;

public sealed partial class PolicySolver
{
    /// <summary>Does the first cluster's policy set allow this concrete connection?</summary>
    public bool IsAllowed(ConcreteEndpoint source, ConcreteEndpoint destination, Protocol protocol, int port)
    {
        var disagreement = FirstDisagreement(source, destination, [new ExpectedConnection(protocol, port, false)]);
        return disagreement is not null;
    }

    /// <summary>
    /// Cross-checks another engine in one solver call: the first expectation (by protocol and
    /// port) on which this encoding disagrees, or null when it agrees on all of them.
    /// </summary>
    public ExpectedConnection? FirstDisagreement(ConcreteEndpoint source, ConcreteEndpoint destination, IReadOnlyList<ExpectedConnection> expected)
    {
        using var terms = _z3.OpenScope();
        var differs = new List<Term>(expected.Count);
        foreach (var e in expected)
        {
            if (e.Port is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(expected), e.Port, "ports are 1..65535");
            differs.Add(_z3.And(
                _z3.Eq(_connection.Protocol, _semantics.ProtocolTerm(e.Protocol)),
                _z3.Eq(_connection.Port, _semantics.PortTerm(e.Port)),
                e.Allowed ? _z3.Not(_allowed[0]) : _allowed[0]));
        }
        var found = Solve(
            [Is(_connection.Source, source), Is(_connection.Destination, destination), _z3.Or(differs)],
            m => new ExpectedConnection(
                PolicySemantics.ProtocolOf(m.EvaluateUInt64(_connection.Protocol)),
                (int)m.EvaluateUInt64(_connection.Port),
                !m.EvaluateBool(_allowed[0])));
        return found is null ? null : expected.First(e => e.Protocol == found.Protocol && e.Port == found.Port);
    }

    private Term Is(SymbolicEndpoint e, ConcreteEndpoint concrete)
    {
        switch (concrete)
        {
            case PodEndpoint { Workload: var workload, Pod: var pod }:
                pod ??= workload.Pods.IsDefaultOrEmpty ? null : workload.Pods[0];
                if (pod is null || !_podClasses.TryGetValue(pod, out var podClass))
                {
                    throw new ArgumentException($"{workload.Id} has no such pod in the encoded cluster.", nameof(concrete));
                }
                return _semantics.IsInputPod(e, podClass);
            case AddressEndpoint { Address: var address }:
                if (!AddressRange.TryParseAddress(address, out var isV6, out var value))
                {
                    throw new ArgumentException($"'{address}' is not an IP address.", nameof(concrete));
                }
                return _semantics.IsAddress(e, isV6, value);
            default:
                throw new ArgumentException("Unknown endpoint kind.", nameof(concrete));
        }
    }
}
