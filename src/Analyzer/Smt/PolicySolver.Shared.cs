using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt.Native;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// The "allowed without it" encodings shared by every redundancy question of one encoding
/// (<see cref="SmtOptions"/> is not involved: <see cref="ScopedQuestions"/> asks for them).
/// Each rule and each policy gets a Boolean "keep" literal; what the other rules of a namespace
/// allow, whether the other policies isolate a pod, and what they allow together are built once,
/// with every contribution guarded by its literal, and defined at the solver's base level
/// (a fresh Boolean equal to the formula). A question then removes a rule or a policy by
/// assuming its literal false and every other one true: the formula is the same for every
/// question, so Z3 translates it once instead of once per question, and keeps what it learnt
/// about it. Under those assumptions each definition is exactly the formula without the rule or
/// policy, so the answers are those of the per-question formulas.
/// </summary>
public sealed partial class PolicySolver
{
    private readonly Dictionary<NetworkPolicy, Term> _keepPolicy = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(NetworkPolicy Policy, PolicyDirections Direction, int Index), Term> _keepRule = [];
    private readonly Dictionary<(string Namespace, PolicyDirections Direction), (Term Allows, List<Term> Keep)> _othersAllow = [];
    private readonly Dictionary<PolicyDirections, Term> _isolatedWithout = [];
    private Term? _allowedWithout;
    private Term? _allowedWith;

    /// <summary>Whether the shared definitions were built (<see cref="CreateIn"/> with sharing).</summary>
    private bool Shares => _allowedWithout is not null;

    /// <summary>Builds the definitions; called from Prepare, while only the root scope is open.</summary>
    private void PrepareShared()
    {
        var policies = _policies[0];
        for (var p = 0; p < policies.Length; p++)
        {
            var policy = policies[p];
            _keepPolicy[policy] = _z3.BoolConst($"keep!policy!{p}");
            foreach (var direction in Directions)
            {
                if (!policy.Isolates(direction)) continue;
                for (var i = 0; i < policy.Rules(direction).Length; i++)
                {
                    _keepRule[(policy, direction, i)] = _z3.BoolConst($"keep!rule!{p}!{direction}!{i}");
                }
            }
        }
        foreach (var group in policies.GroupBy(p => p.Namespace, StringComparer.Ordinal))
        {
            foreach (var direction in Directions)
            {
                var keep = new List<Term>();
                var allows = new List<Term>();
                foreach (var policy in group.Where(p => p.Isolates(direction)))
                {
                    for (var i = 0; i < policy.Rules(direction).Length; i++)
                    {
                        var literal = _keepRule[(policy, direction, i)];
                        keep.Add(literal);
                        allows.Add(_z3.And(literal, _semantics.RuleAllows(policy, direction, i, _connection, 0)));
                    }
                }
                _othersAllow[(group.Key, direction)] = (Define($"others!{group.Key}!{direction}", _z3.Or(allows)), keep);
            }
        }
        foreach (var direction in Directions)
        {
            _isolatedWithout[direction] = Define($"isolated!{direction}",
                _semantics.Isolated(policies, direction, PolicySemantics.Target(direction, _connection), _keepPolicy));
        }
        _allowedWith = Define("allowed", _allowed[0]);
        _allowedWithout = Define("allowed!kept", _semantics.Allowed(policies, _connection, 0, _keepPolicy));
    }

    /// <summary>A fresh Boolean equal to the formula, asserted at the base level.</summary>
    private Term Define(string name, Term formula)
    {
        var defined = _z3.BoolConst("def!" + name);
        _solver.Assert(_z3.Eq(defined, formula));
        return defined;
    }

    /// <summary>What the namespace's other rules of the direction allow, and the assumptions that remove exactly <paramref name="rule"/>.</summary>
    private (Term Allows, List<Term> Assumptions) OthersWithout(NetworkPolicyRuleRef rule)
    {
        var (allows, keep) = _othersAllow[(rule.Policy.Namespace, rule.Direction)];
        var removed = _keepRule[(rule.Policy, rule.Direction, rule.Index)];
        return (allows, [.. keep.Select(k => ReferenceEquals(k, removed) ? _z3.Not(k) : k)]);
    }

    /// <summary>The assumptions that remove exactly <paramref name="policy"/>.</summary>
    private List<Term> Without(NetworkPolicy policy) =>
        [.. _keepPolicy.Select(k => ReferenceEquals(k.Key, policy) ? _z3.Not(k.Value) : k.Value)];
}
