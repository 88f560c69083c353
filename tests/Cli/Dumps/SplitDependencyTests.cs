namespace PolicyLint.Cli.Tests.Dumps;

/// <summary>
/// Declared dependencies and the cluster DNS per part of a split owner (docs/split-workloads.md,
/// docs/dependencies.md), on testdata/split/deps.yaml: pg-0 (role=primary) may reach the DNS and
/// Service api, pg-1 (role=replica) only Service reports; each pod declares its own dependencies
/// in its own spec. The owner-level answer ("some pod of pg reaches some pod") would find nothing
/// blocked. Kubernetes, "Network Policies": "Each NetworkPolicy includes a podSelector which
/// selects the grouping of pods to which the policy applies", and "By default, a pod is
/// non-isolated for egress ... if any NetworkPolicy both selects the pod and has "Egress" in its
/// policyTypes, we say that the pod is isolated for egress", so each pod's own labels decide what
/// it may reach. "Service": "The set of Pods targeted by a Service is usually determined by a
/// selector", so the backends of pg-primary are the role=primary pods only.
/// </summary>
public class SplitDependencyTests
{
    private const string Dump = "testdata/split/deps.yaml";

    private static List<string> Findings(string rule) =>
        [.. CliRun.Of("lint", Dump).Out.Split('\n').Where(l => l.TrimEnd().EndsWith(rule, StringComparison.Ordinal))];

    [Fact]
    public void Dns_egress_blocked_fires_for_the_part_that_cannot_reach_dns_and_names_its_pods()
    {
        var findings = Findings("dns-egress-blocked");

        var finding = Assert.Single(findings);
        Assert.Contains("StatefulSet db/pg (pod pg-1) is isolated for egress and no egress rule allows it to reach Pod kube-system/coredns on UDP or TCP 53", finding);
        Assert.DoesNotContain("pg-0", finding);
    }

    [Fact]
    public void A_dependency_is_blocked_when_some_part_that_declares_it_is_blocked()
    {
        var findings = Findings("dependency-blocked").Where(f => f.Contains("env API_URL", StringComparison.Ordinal)).ToList();

        // pg-0 declares API_URL too and reaches api and the DNS: only pg-1's declaration is blocked.
        var finding = Assert.Single(findings);
        Assert.Contains("for pod pg-1: the client's egress refuses it (isolated by NetworkPolicy db/replica-egress, no rule admits it)", finding);
        Assert.Contains("for pod pg-1: the name needs the cluster DNS", finding);
        Assert.DoesNotContain("pod pg-0", finding);
    }

    [Fact]
    public void Only_the_pods_that_declare_a_dependency_need_it()
    {
        var finding = Assert.Single(Findings("dependency-blocked"), f => f.Contains("env REPORT_URL", StringComparison.Ordinal));

        // pg-1 alone declares REPORT_URL: it reaches reports on 9000 but not the DNS; pg-0, whose
        // egress refuses reports, does not declare it and is not named.
        Assert.Contains("for pod pg-1: the name needs the cluster DNS on UDP 53 and TCP 53", finding);
        Assert.DoesNotContain("refuses it (isolated by NetworkPolicy db/primary-egress", finding);
        Assert.DoesNotContain("pod pg-0", finding);
    }

    [Fact]
    public void The_backends_of_a_service_are_the_parts_holding_selected_pods()
    {
        var finding = Assert.Single(Findings("dependency-blocked"), f => f.Contains("env PG_URL", StringComparison.Ordinal));

        // pg-1 admits web, but pg-primary selects role=primary only: its one backend pg-0 refuses it.
        Assert.Contains("its backend refuses it at ingress: db/pg-0[Pod] (isolated by NetworkPolicy db/primary-from-api, no rule admits it)", finding);
    }

    [Fact]
    public void The_report_lists_each_declaration_with_its_own_verdict()
    {
        var lines = CliRun.Of("report", Dump).Out.Split('\n').Select(l => l.TrimEnd()).ToList();
        var section = lines.SkipWhile(l => l != "dependencies (declared in the manifests)").ToList();

        Assert.Contains("    -> Service db/api port 8080/TCP  reachable", section);
        Assert.Contains("    -> Service db/api port 8080/TCP  blocked", section);
        Assert.Contains("       for pod pg-1: the client's egress refuses it (isolated by NetworkPolicy db/replica-egress, no rule admits it)", section);
    }

    // testdata/split/dump.yaml: pg-primary-from-api admits app=api to role=primary (pg-0) only;
    // pg-replication admits only app=pg to both. "If a pod is isolated for ingress, the only
    // allowed connections into the pod are those from ... (ingress rules of) NetworkPolicies
    // that select the pod" (Kubernetes, "Network Policies"), so no app=api pod can reach pg-1.
    [Fact]
    public void Any_pod_asks_about_the_named_pod_only()
    {
        var replica = CliRun.Of("can-reach", "--any-pod", ";app=api", "db/pg-1", "testdata/split/dump.yaml", "--port", "5432");
        var primary = CliRun.Of("can-reach", "--any-pod", ";app=api", "db/pg-0[Pod]", "testdata/split/dump.yaml", "--port", "5432");
        var owner = CliRun.Of("can-reach", "--any-pod", ";app=api", "db/pg", "testdata/split/dump.yaml", "--port", "5432");

        Assert.Equal(1, replica.ExitCode);
        Assert.StartsWith("no: no pod in any namespace with labels matching app=api could reach db/pg-1[Pod] on TCP 5432", replica.Out);
        Assert.Equal(0, primary.ExitCode);
        Assert.Contains("  to: db/pg-0[Pod] on TCP 5432", primary.Out);
        Assert.Equal(0, owner.ExitCode);
        Assert.StartsWith("yes: some pod in any namespace with labels matching app=api could reach db/pg[StatefulSet] on TCP 5432", owner.Out);
    }
}
