using System.Collections.Immutable;
using PolicyLint.Analyzer.Core;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Smt;
using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// `diff`'s solver check at one size, for two one-object changes to the generated cluster:
/// one NetworkPolicy of one application namespace given an extra ingress rule (TCP 9999 from
/// every peer), and one AdminNetworkPolicy (added to both sides: subject the namespaces of one
/// team, ingress from every namespace on TCP 9999) whose action turns from Allow to Deny. Each
/// run asks the check as `diff` does (Z3, `AnalysisProfile.Default`, diff's 30 s limit per check,
/// readable witnesses) of the changed scopes (<see cref="ComparisonScope"/>) and of both whole
/// clusters, then runs the whole `diff` query (engines, connections, entry points,
/// dependencies and the scoped check) for the NetworkPolicy change. The answers (and the
/// scopes' sizes) are recorded, and must not differ between runs.
/// </summary>
internal sealed class DiffMeasurements(SizeProfile profile, ulong seed, int runs, TimeSpan budget, GenerationSummary summary, TextWriter console)
{
    public const string PolicyScoped = "diff solver check, one NetworkPolicy changed: changed scopes";
    public const string AdminScoped = "diff solver check, one AdminNetworkPolicy changed: changed scopes";
    public const string PolicyWhole = "diff solver check, one NetworkPolicy changed: whole clusters";
    public const string AdminWhole = "diff solver check, one AdminNetworkPolicy changed: whole clusters";
    public const string WholeQuery = "ConnectivityDiffQuery.Run, one NetworkPolicy changed (no lint findings)";

    /// <summary>The phases in the order one run performs them: the scoped checks first, so that a whole-cluster check past the budget leaves them measured.</summary>
    public static IReadOnlyList<string> Phases { get; } = [PolicyScoped, AdminScoped, WholeQuery, PolicyWhole, AdminWhole];

    private const uint DiffTimeLimitMilliseconds = 30_000;
    private static readonly SourceSpan Generated = new("bench-edit.yaml", 1, 1);

    private readonly List<Measurement> _measurements = [];
    private readonly List<string> _checks = [];
    private readonly PhaseRuns _runs = new(Phases, runs, budget, line => console.WriteLine($"[{profile.Name}] {line}"));

    public SizeResult Run()
    {
        var loadBefore = PhaseMeter.LoadAverage();
        string? stoppedBy = null;
        var scale = new Dictionary<string, double> { ["policies"] = summary.Policies, ["pods"] = summary.Pods };
        try
        {
            var (cluster, _) = BudgetedPhase.Measure("load", () => ClusterLoader.Load([summary.Directory]).Cluster, budget);
            var changes = Changes(cluster);
            for (var run = 1; run <= runs; run++) MeasureRun(changes, run);
        }
        catch (PhaseStoppedException e)
        {
            stoppedBy = e.Phase;
            Log($"{e.Phase}: n/a (not available: {e.Reason}; the run stopped here)");
        }
        _measurements.AddRange(_runs.Measurements(stoppedBy));
        _checks.AddRange(_runs.Answers(Phases));
        _checks.Add($"machine load average (1 min) at start {loadBefore:F1}, at end {PhaseMeter.LoadAverage():F1} on {Environment.ProcessorCount} cores");
        return new SizeResult(profile.Name, seed, runs, MachineInfo.Current(), ClusterCounts.From(summary), _checks, _measurements, scale, stoppedBy);
    }

    private sealed record Change(string Name, Cluster Before, Cluster After);

    private (Change Policy, Change Admin) Changes(Cluster cluster)
    {
        var namespaces = cluster.NetworkPolicies.Select(p => p.Namespace).Distinct().Order(StringComparer.Ordinal).ToList();
        var target = namespaces[namespaces.Count / 2];
        var policy = cluster.NetworkPolicies.First(p => p.Namespace == target && p.Isolates(PolicyDirections.Ingress));
        var opened = policy with { Ingress = [.. policy.Ingress, new NetworkPolicyRule(PolicyDirections.Ingress, policy.Ingress.Length, [], [Tcp9999], Generated)] };
        var edited = cluster with { NetworkPolicies = [.. cluster.NetworkPolicies.Select(p => ReferenceEquals(p, policy) ? opened : p)] };
        Log($"NetworkPolicy change: {policy.Namespace}/{policy.Name} gets an ingress rule from every peer on TCP 9999");

        var team = cluster.Namespaces.First(ns => ns.Name == target).Labels.TryGetValue("team", out var t) ? t : "none";
        var withAdmin = (AdminAction action) => cluster with { AdminPolicies = [.. cluster.AdminPolicies, Admin(team, action)] };
        Log($"AdminNetworkPolicy change: subject namespaces team={team}, ingress from every namespace on TCP 9999, Allow -> Deny");
        return (new Change("NetworkPolicy", cluster, edited), new Change("AdminNetworkPolicy", withAdmin(AdminAction.Allow), withAdmin(AdminAction.Deny)));
    }

    private static readonly PolicyPort Tcp9999 = new(Protocol.TCP, PortRef.Of(9999), null, Generated);

    private static AdminPolicy Admin(string team, AdminAction action) => new(
        new ObjectMeta(new ObjectRef("AdminNetworkPolicy", "", "bench-team-ingress"), Labels.Empty, Labels.Empty, Generated),
        PolicyTier.Admin,
        10,
        new NamespacesSelector(new LabelSelector([new LabelRequirement("team", SelectorOperator.In, [team], Generated, FromMatchLabels: true)], Generated), Generated),
        [new AdminRule(PolicyDirections.Ingress, 0, "r0", action, [new NamespacesSelector(LabelSelector.Everything, Generated)], [Tcp9999], Generated)],
        []);

    private void MeasureRun((Change Policy, Change Admin) changes, int run)
    {
        var options = new SmtOptions(AnalysisProfile.Default, TimeoutMilliseconds: DiffTimeLimitMilliseconds);
        foreach (var (phase, change) in new[] { (PolicyScoped, changes.Policy), (AdminScoped, changes.Admin) })
        {
            var scope = ComparisonScope.Of(change.After, change.Before);
            _runs.Record(phase, $"{Answer(_runs.Time(phase, run, () => Check(() => ComparisonScope.CheckEquivalence(change.After, change.Before, options))))}; "
                + $"namespaces changed {scope.Changed.Count:N0}, kept {scope.Kept.Count:N0}, left out {scope.LeftOut.Count:N0}; "
                + $"{scope.Restrict(change.After).NetworkPolicies.Length:N0} of {change.After.NetworkPolicies.Length:N0} NetworkPolicies encoded per side");
        }
        var diff = _runs.Time(WholeQuery, run, () => ConnectivityDiffQuery.Run(DiffSide.Of(changes.Policy.Before), DiffSide.Of(changes.Policy.After)));
        _runs.Record(WholeQuery, $"{diff.SummaryLine}; solver verdict {diff.BeyondManifests.Verdict}");
        foreach (var (phase, change) in new[] { (PolicyWhole, changes.Policy), (AdminWhole, changes.Admin) })
        {
            _runs.Record(phase, Answer(_runs.Time(phase, run, () => Check(() => PolicySolver.CheckEquivalence(change.After, change.Before, options)))));
        }
    }

    /// <summary>A check over diff's time limit is an answer too ("unavailable" in diff), and its time is what diff spends.</summary>
    private static (PolicySetEquivalence? Answer, string? Failure) Check(Func<PolicySetEquivalence> check)
    {
        try
        {
            return (check(), null);
        }
        catch (Exception e) when (e.GetType().Name == "Z3Exception")
        {
            return (null, e.Message);
        }
    }

    private static string Answer((PolicySetEquivalence? Answer, string? Failure) outcome) => outcome switch
    {
        ({ AreEquivalent: true }, _) => "equivalent",
        // The head is the first cluster of the check, as in diff.
        ({ } answer, _) => $"differs (example {(answer.AllowedAfter ? "allowed" : "denied")} before the change, {(answer.AllowedBefore ? "allowed" : "denied")} after)",
        _ => $"unavailable: {outcome.Failure}",
    };

    private void Log(string line) => console.WriteLine($"[{profile.Name}] {line}");
}
