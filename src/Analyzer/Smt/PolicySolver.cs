using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt.Native;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// The SMT encoding of one cluster's NetworkPolicies (or of two clusters, for equivalence),
/// over one symbolic connection between any two possible endpoints. Built once; every query
/// runs incrementally on the same solver (push, assert, check, pop) and reuses the cached
/// terms of selectors and rules. Owns a Z3 context: dispose it, and use it from one thread.
/// <para>
/// Modelled: namespaces (declared ones keep their labels; any other namespace has free
/// labels), pod labels, named container ports, known pod IPs, outside IPv4/IPv6 addresses,
/// protocols and ports, NetworkPolicies as README.md "Semantics and profiles" states them, and the
/// AdminNetworkPolicy / BaselineAdminNetworkPolicy tiers around them. Not modelled here:
/// Services and Ingresses (the concrete engine covers them); hostNetwork pods are ordinary
/// pods; nodes peers match nothing. The two endpoints are two pods (traffic of a pod
/// to itself, always allowed, is never a witness, but two replicas of one workload can be).
/// </para>
/// </summary>
public sealed partial class PolicySolver : IDisposable
{
    private readonly Z3Context _z3;

    /// <summary>Set when the context is borrowed (<see cref="CreateIn"/>): the terms this encoding made, dropped on Dispose.</summary>
    private readonly TermScope? _borrowedScope;
    private readonly Z3Solver _solver;
    private readonly Vocabulary _vocabulary;
    private readonly PolicySemantics _semantics;
    private readonly WitnessReader _witnesses;
    private readonly SymbolicConnection _connection;
    private readonly ImmutableArray<Cluster> _worlds;
    private readonly ImmutableArray<InputPodClass> _inputPods;
    private readonly IReadOnlyDictionary<Pod, InputPodClass> _podClasses;
    private readonly ImmutableArray<ImmutableArray<NetworkPolicy>> _policies;

    /// <summary>Per world: the connection is allowed by all of that world's policies.</summary>
    private readonly List<Term> _allowed = [];

    private PolicySolver(ImmutableArray<Cluster> worlds, SmtOptions options, Z3Context? borrowed = null, bool share = false, bool inputPods = true)
    {
        EncodesInputPods = inputPods;
        Options = options;
        ReadableWitnesses = options.ReadableWitnesses;
        _worlds = worlds;
        _policies = [.. worlds.Select(w => w.NetworkPolicies.IsDefault ? [] : w.NetworkPolicies)];
        _vocabulary = Vocabulary.Build(
            worlds,
            options.ExtraNamespaceSelectors.IsDefault ? [] : options.ExtraNamespaceSelectors,
            options.ExtraPodSelectors.IsDefault ? [] : options.ExtraPodSelectors,
            mergeNamespaces: options.MergeIndistinguishablePods);
        (_inputPods, _podClasses) = inputPods
            ? InputPodClass.Classify(worlds, _vocabulary, options.MergeIndistinguishablePods)
            : ([], new Dictionary<Pod, InputPodClass>());
        _z3 = borrowed ?? new Z3Context(options.TimeoutMilliseconds);
        _borrowedScope = borrowed?.OpenScope();
        try
        {
            _solver = _z3.CreateSolver();
            var classWidth = BitsFor(_inputPods.Length + 1);
            _connection = new SymbolicConnection(
                new SymbolicEndpoint(_z3, "src", _vocabulary, classWidth),
                new SymbolicEndpoint(_z3, "dst", _vocabulary, classWidth),
                _z3.BitVectorConst("protocol", SymbolicEndpoint.ProtocolWidth),
                _z3.BitVectorConst("port", SymbolicEndpoint.PortWidth));
            _semantics = new PolicySemantics(_z3, _vocabulary, options.Profile, worlds);
            _witnesses = new WitnessReader(_vocabulary, worlds, _inputPods);
            foreach (var constraint in _semantics.WellFormed(_connection, _inputPods)) _solver.Assert(constraint);
            Prepare();
            if (share) PrepareShared();
        }
        catch
        {
            _solver?.Dispose();
            Release();
            throw;
        }
    }

    /// <summary>Encodes the NetworkPolicies of <paramref name="cluster"/>.</summary>
    public static PolicySolver Create(Cluster cluster, SmtOptions? options = null) =>
        new([cluster], options ?? SmtOptions.Default);

    /// <summary>
    /// Encodes <paramref name="cluster"/> in a context the caller owns (made with the options'
    /// time limit), so that one thread asking scope after scope creates one Z3 context, not one
    /// per scope. Dispose releases the encoding's terms and solver and leaves the context open.
    /// With <paramref name="share"/>, the redundancy questions share one "allowed without it"
    /// encoding (PolicySolver.Shared.cs): worth it when most rules and policies are asked about.
    /// </summary>
    /// <para>
    /// Without <paramref name="inputPods"/>, the input pods are not classified nor encoded: the
    /// encoding answers questions about every possible pod only (their answers do not depend on
    /// the input pods, which are some of the possible pods), at a fraction of the cost on large
    /// inputs; a question about the input pods throws.
    /// </para>
    internal static PolicySolver CreateIn(Z3Context context, Cluster cluster, SmtOptions options, bool share = false, bool inputPods = true) =>
        new([cluster], options, context, share, inputPods);

    /// <summary>Whether the input pods are encoded (see <see cref="CreateIn"/>).</summary>
    internal bool EncodesInputPods { get; }

    /// <summary>
    /// Encodes two clusters' NetworkPolicies over one shared vocabulary, for
    /// <see cref="CheckEquivalence"/>. The pods of <paramref name="before"/> are the input pods.
    /// </summary>
    public static PolicySolver CreateComparison(Cluster before, Cluster after, SmtOptions? options = null) =>
        new([before, after], options ?? SmtOptions.Default);

    public SmtOptions Options { get; }

    /// <summary>
    /// Starts as <see cref="SmtOptions.ReadableWitnesses"/>; scoped questions turn it on only
    /// for the questions whose witness is printed (see <see cref="ScopedQuestions"/>).
    /// </summary>
    internal bool ReadableWitnesses { get; set; }

    /// <summary>The (first) cluster encoded.</summary>
    public Cluster Cluster => _worlds[0];

    public void Dispose()
    {
        _solver.Dispose();
        Release();
    }

    private void Release()
    {
        if (_borrowedScope is { } scope) scope.Dispose();
        else _z3.Dispose();
    }

    /// <summary>
    /// Builds the terms every query shares (selectors, rules, per-policy isolation, whole
    /// policy sets) while only the root scope is open, so they live as long as the encoding.
    /// </summary>
    private void Prepare()
    {
        for (var world = 0; world < _worlds.Length; world++)
        {
            foreach (var policy in _policies[world])
            {
                _semantics.Selects(policy, _connection.Source);
                _semantics.Selects(policy, _connection.Destination);
                foreach (var direction in Directions)
                {
                    for (var i = 0; i < policy.Rules(direction).Length; i++)
                    {
                        _semantics.RuleAllows(policy, direction, i, _connection, world);
                    }
                }
            }
            foreach (var e in new[] { _connection.Source, _connection.Destination })
            {
                foreach (var key in _vocabulary.NamespaceLabels.Keys) _semantics.NamespaceLabel(e, world, key);
            }
            _allowed.Add(_semantics.Allowed(_policies[world], _connection, world));
        }
    }

    private static readonly PolicyDirections[] Directions = [PolicyDirections.Ingress, PolicyDirections.Egress];

    /// <summary>
    /// Checks the constraints (on top of the well-formedness ones) in a pushed frame. When
    /// satisfiable, reads a witness from a model that keeps as many of the
    /// <see cref="Preferences"/> as it can (greedily, in order), so witnesses name input pods
    /// where possible and stay short otherwise. That costs a few more checks per query; with
    /// <see cref="SmtOptions.ReadableWitnesses"/> off, the first model is taken as it is.
    /// </summary>
    private T? Solve<T>(IReadOnlyList<Term> constraints, Func<Z3Model, T> read, IReadOnlyList<Term>? assumptions = null) where T : class
    {
        _solver.Push();
        try
        {
            foreach (var constraint in constraints) _solver.Assert(constraint);
            if (!Decide(assumptions is null ? _solver.Check() : _solver.Check(assumptions))) return null;
            var kept = new List<Term>(assumptions ?? []);
            foreach (var preference in ReadableWitnesses ? Preferences() : [])
            {
                kept.Add(preference);
                if (!Decide(_solver.Check(kept))) kept.RemoveAt(kept.Count - 1);
            }
            Decide(_solver.Check(kept));
            using var model = _solver.Model();
            return read(model);
        }
        finally
        {
            _solver.Pop();
        }
    }

    /// <summary>Satisfiability only, no witness.</summary>
    private bool IsSatisfiable(IReadOnlyList<Term> constraints, IReadOnlyList<Term>? assumptions = null)
    {
        _solver.Push();
        try
        {
            foreach (var constraint in constraints) _solver.Assert(constraint);
            return Decide(assumptions is null ? _solver.Check() : _solver.Check(assumptions));
        }
        finally
        {
            _solver.Pop();
        }
    }

    /// <summary>
    /// What makes a witness easy to read, most important first: endpoints that are input pods,
    /// made-up pods without IPs or named container ports, TCP, port 80.
    /// </summary>
    private IEnumerable<Term> Preferences()
    {
        var ends = new[] { _connection.Destination, _connection.Source };
        foreach (var e in ends) yield return _z3.Implies(e.IsPod, e.Restricted);
        foreach (var e in ends) yield return _z3.Implies(e.IsPod, Plain(e));
        yield return _z3.Eq(_connection.Protocol, _semantics.ProtocolTerm(Protocol.TCP));
        yield return _z3.Eq(_connection.Port, _semantics.PortTerm(80));
    }

    /// <summary>A pod made up by the solver has no known IP and no named container ports.</summary>
    private Term Plain(SymbolicEndpoint e) => _z3.Implies(_z3.Not(e.Restricted), _z3.And([.. PlainAttributes(e)]));

    private IEnumerable<Term> PlainAttributes(SymbolicEndpoint e)
    {
        yield return _z3.Not(e.HasIp4);
        yield return _z3.Not(e.HasIp6);
        foreach (var port in e.NamedPorts.Values) yield return _z3.Not(port.Present);
    }

    /// <summary>Restricts an endpoint to the input pods when the scope says so (outside addresses stay free).</summary>
    private Term InScope(SymbolicEndpoint e, PodScope scope) => scope switch
    {
        PodScope.InputPods when !EncodesInputPods => throw new InvalidOperationException("This encoding has no input pods."),
        PodScope.InputPods => _z3.Implies(e.IsPod, e.Restricted),
        _ => _z3.True,
    };

    private Term InScope(PodScope scope) =>
        _z3.And(InScope(_connection.Source, scope), InScope(_connection.Destination, scope));

    private static bool Decide(SolverResult result) => result switch
    {
        SolverResult.Satisfiable => true,
        SolverResult.Unsatisfiable => false,
        _ => throw new Z3Exception("Z3 could not decide the query (time limit or resource limit reached)."),
    };

    private static uint BitsFor(int count)
    {
        uint bits = 1;
        while ((1L << (int)bits) < count) bits++;
        return bits;
    }
}
