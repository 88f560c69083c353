using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// The decisions of one class in one direction towards endpoints that the layer walk tells apart
/// only by which rules name them (the outside-address atoms: no labels, no namespace, no ports of
/// their own), learnt as a tree of the rules the walk asks about. The walk
/// (<see cref="ReachabilityEngine.Decide"/>) is a pure function of the answers to "does this rule
/// name the endpoint?", so two endpoints that give the same answers to the questions it asks get
/// the same decision: an endpoint follows the recorded questions down the tree (one bit test
/// each) and only an unseen combination of answers runs the walk. On an ipBlock-heavy cluster a
/// class meets thousands of atoms and a handful of combinations. Thread-safe (one lock: the
/// matrix's rows are computed in parallel and share a class's tree).
/// </summary>
internal sealed class MembershipDecisions(Func<CompiledRule, ulong[]> namedBy, Func<Func<CompiledRule, bool>, ConnectionSet> decide)
{
    /// <summary>A question (the rule, with its endpoints), or a decision once every question of a path is answered.</summary>
    private sealed class Node
    {
        public CompiledRule? Rule;
        public ulong[]? Named;
        public Node? IfNamed;
        public Node? IfNotNamed;
        public ConnectionSet? Decision;
    }

    private readonly Lock _lock = new();
    private Node _root = new();
    private bool _learning = true;

    /// <summary>The decision for the endpoint: from the tree when its answers were met before, else from the walk.</summary>
    public ConnectionSet For(int endpoint)
    {
        lock (_lock) return Find(endpoint);
    }

    private ConnectionSet Find(int endpoint)
    {
        var node = _root;
        while (node.Decision is null)
        {
            if (node.Named is null) return Learn(endpoint);
            var next = EndpointBits.Has(node.Named, endpoint) ? node.IfNamed : node.IfNotNamed;
            if (next is null) return Learn(endpoint);
            node = next;
        }
        return node.Decision;
    }

    private ConnectionSet Learn(int endpoint)
    {
        var asked = new List<(CompiledRule Rule, bool Named)>();
        var decision = decide(rule =>
        {
            var named = EndpointBits.Has(namedBy(rule), endpoint);
            asked.Add((rule, named));
            return named;
        });
        if (_learning) Record(asked, decision);
        return decision;
    }

    /// <summary>
    /// Adds one path. A path that disagrees with the tree (the walk asked other questions after
    /// the same answers) would mean the walk is not the pure function assumed: the tree is then
    /// dropped and every later endpoint walks, so an answer is never read from a wrong path.
    /// </summary>
    private void Record(List<(CompiledRule Rule, bool Named)> asked, ConnectionSet decision)
    {
        var node = _root;
        foreach (var (rule, named) in asked)
        {
            if (node.Decision is not null || (node.Rule is not null && !ReferenceEquals(node.Rule, rule)))
            {
                StopLearning();
                return;
            }
            if (node.Rule is null)
            {
                node.Rule = rule;
                node.Named = namedBy(rule);
            }
            node = named ? node.IfNamed ??= new Node() : node.IfNotNamed ??= new Node();
        }
        if (node.Rule is not null || (node.Decision is not null && !node.Decision.Equals(decision)))
        {
            StopLearning();
            return;
        }
        node.Decision = decision;
    }

    private void StopLearning()
    {
        _learning = false;
        _root = new Node();
    }
}
