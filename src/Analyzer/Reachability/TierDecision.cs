using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// The decision for one subject, one direction and one peer, as the layers are walked:
/// Undecided shrinks as Admin rules decide parts of it (Allow, Deny, Pass); what was not
/// decided or was passed goes to the NetworkPolicy layer; when no NetworkPolicy isolates the
/// pod it goes on to the Baseline layer, and whatever is still undecided is allowed.
/// </summary>
internal struct TierDecision
{
    public ConnectionSet Allowed;
    public ConnectionSet Undecided;
    public ConnectionSet Passed;

    public static TierDecision Start => new() { Allowed = ConnectionSet.Empty, Undecided = ConnectionSet.All, Passed = ConnectionSet.Empty };

    /// <summary>Applies a cluster-policy rule; returns the part of <paramref name="matched"/> it decided.</summary>
    public ConnectionSet Apply(AdminAction action, ConnectionSet matched)
    {
        var taken = Undecided.Intersect(matched);
        if (taken.IsEmpty) return taken;
        Undecided = Undecided.Subtract(taken);
        if (action == AdminAction.Allow) Allowed = Allowed.Union(taken);
        else if (action == AdminAction.Pass) Passed = Passed.Union(taken);
        return taken;
    }

    /// <summary>The pod is isolated: NetworkPolicies allow <paramref name="allowedByPolicies"/> of what is left; the rest is denied.</summary>
    public void DecideByNetworkPolicies(ConnectionSet allowedByPolicies)
    {
        Allowed = Allowed.Union(Undecided.Union(Passed).Intersect(allowedByPolicies));
        Undecided = ConnectionSet.Empty;
        Passed = ConnectionSet.Empty;
    }

    /// <summary>No NetworkPolicy isolates the pod: passed traffic joins the undecided for the Baseline layer.</summary>
    public void EnterBaseline()
    {
        Undecided = Undecided.Union(Passed);
        Passed = ConnectionSet.Empty;
    }

    /// <summary>
    /// Nothing decided the rest: Kubernetes allows it. What a Baseline rule passed goes there
    /// too (ClusterNetworkPolicy: Pass "passes evaluation to the next tier", and after the
    /// Baseline tier comes the default allow).
    /// </summary>
    public void AllowUndecided()
    {
        Allowed = Allowed.Union(Undecided).Union(Passed);
        Undecided = ConnectionSet.Empty;
        Passed = ConnectionSet.Empty;
    }
}
