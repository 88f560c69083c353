using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Smt;
using PolicyLint.Analyzer.Smt.Native;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// Asks the SMT solver whether both sides' NetworkPolicies allow the same connections for
/// every pod that could exist, not only the manifests' pods ("not in the manifests" means not
/// one of the head's pods; namespace labels in the witness are the head's). Each side is
/// encoded with every tier the solver models: its AdminNetworkPolicies, NetworkPolicies and
/// BaselineAdminNetworkPolicy. Only the namespaces and cluster-scoped policies the change
/// touches are encoded (<see cref="ComparisonScope"/>, which says why that is enough).
/// </summary>
internal static class DiffBeyondManifests
{
    public static BeyondManifestsCheck Check(Cluster before, Cluster after, ConnectivityDiffOptions options)
    {
        if (!options.CheckPodsBeyondManifests)
        {
            return new BeyondManifestsCheck(BeyondManifestsVerdict.Skipped, Reason: BeyondManifestsCheck.TurnedOff);
        }
        if (!before.CiliumPolicies.IsDefaultOrEmpty || !after.CiliumPolicies.IsDefaultOrEmpty)
        {
            // The solver does not encode Cilium rules: an answer without them could claim an
            // equivalence the Cilium policies break.
            return new BeyondManifestsCheck(BeyondManifestsVerdict.Skipped, Reason: "the solver does not encode Cilium policies (docs/cilium.md)");
        }
        if (before.Calico.Present || after.Calico.Present)
        {
            return new BeyondManifestsCheck(BeyondManifestsVerdict.Skipped, Reason: "the solver does not encode Calico policies (docs/calico.md)");
        }
        try
        {
            var smtOptions = new SmtOptions(options.Profile, TimeoutMilliseconds: options.SmtTimeoutMilliseconds);
            // The head goes first: the solver names its pods as input workloads, so a made-up pod
            // in the witness is one the new manifests do not have.
            var equivalence = options.AskOnlyChangedScopes
                ? ComparisonScope.CheckEquivalence(after, before, smtOptions)
                : PolicySolver.CheckEquivalence(after, before, smtOptions, PodScope.AnyPod);
            return Verdict(after, equivalence with { AllowedBefore = equivalence.AllowedAfter, AllowedAfter = equivalence.AllowedBefore });
        }
        catch (Exception e) when (e is Z3Exception or DllNotFoundException)
        {
            return new BeyondManifestsCheck(BeyondManifestsVerdict.Unavailable, Reason: e.Message);
        }
    }

    private static BeyondManifestsCheck Verdict(Cluster head, PolicySetEquivalence equivalence)
    {
        if (equivalence.AreEquivalent || equivalence.Witness is not { } witness)
        {
            return new BeyondManifestsCheck(BeyondManifestsVerdict.Equivalent);
        }
        var verdict = IsBeyondManifests(head, witness.Source) || IsBeyondManifests(head, witness.Destination)
            ? BeyondManifestsVerdict.AffectsPodsBeyondManifests
            : BeyondManifestsVerdict.DiffersWithinManifests;
        return new BeyondManifestsCheck(verdict, witness, equivalence.AllowedBefore, equivalence.AllowedAfter);
    }

    /// <summary>
    /// A pod the solver made up that also differs from every pod of the head. The solver may
    /// leave a pod unrestricted yet give it an input pod's namespace and labels (it shows only
    /// the label keys policies mention), so a made-up pod counts as beyond the manifests only
    /// when no head pod in its namespace carries all of its labels: we would rather miss a case
    /// than claim one that is not there.
    /// </summary>
    private static bool IsBeyondManifests(Cluster head, WitnessEndpoint endpoint) =>
        endpoint.IsPod && endpoint.InputWorkload is null && !LooksLikeHeadPod(head, endpoint);

    private static bool LooksLikeHeadPod(Cluster head, WitnessEndpoint endpoint)
    {
        foreach (var workload in head.Workloads)
        {
            if (workload.Namespace != endpoint.Namespace) continue;
            foreach (var pod in workload.Pods)
            {
                if (endpoint.PodLabels.All(label => pod.Labels.TryGetValue(label.Key, out var value) && value == label.Value)) return true;
            }
        }
        return false;
    }
}
