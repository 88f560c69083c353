using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Tests.Reachability;
using static PolicyLint.Analyzer.Tests.Reachability.Sel;

namespace PolicyLint.Analyzer.Tests.Queries;

public class ConnectivityDiffQueryTests
{
    private static readonly ConnectivityDiffOptions WithoutSolver = new(CheckPodsBeyondManifests: false);

    private static ClusterFixture Shop() => new ClusterFixture()
        .Pod("shop", "web", ("app", "web"))
        .Pod("shop", "db", ("app", "db"));

    private static ConnectivityDiff Diff(Cluster before, Cluster after, ConnectivityDiffOptions? options = null) =>
        ConnectivityDiffQuery.Run(DiffSide.Of(before), DiffSide.Of(after), options ?? WithoutSolver);

    private static string Lines(ConnectivityDiff diff) => string.Join("\n", diff.Connections.Select(c =>
        $"{c.Kind} {c.Source} => {c.Destination} : {c.Before} -> {c.After}"));

    private static Cluster DbOnPorts(params PolicyPort[] ports) => Shop()
        .Policy("shop", "db", p => p.Select(("app", "db")).Ingress(from: [Pods(Labels(("app", "web")))], ports: ports))
        .Build();

    [Fact]
    public void The_same_cluster_twice_changes_nothing()
    {
        var diff = Diff(DbOnPorts(Tcp(5432)), DbOnPorts(Tcp(5432)));
        Assert.Empty(diff.Connections);
        Assert.False(diff.ConnectivityChanged);
        Assert.Equal("no connection changed", diff.SummaryLine);
    }

    [Fact]
    public void A_port_change_is_one_changed_pair_with_what_was_added_and_removed_within_it()
    {
        var diff = Diff(DbOnPorts(Tcp(5432), Tcp(9187)), DbOnPorts(Tcp(5432), Tcp(5433)));
        var change = Assert.Single(diff.Connections);
        Assert.Equal(ConnectionChangeKind.Changed, change.Kind);
        Assert.Equal("shop/web[Pod]", change.Source.Id);
        Assert.Equal("shop/db[Pod]", change.Destination.Id);
        Assert.Equal("TCP 5432,9187", change.Before.ToString());
        Assert.Equal("TCP 5432-5433", change.After.ToString());
        Assert.Equal("TCP 5433", change.Added.ToString());
        Assert.Equal("TCP 9187", change.Removed.ToString());
        Assert.True(diff.ConnectivityChanged);
    }

    [Fact]
    public void Pairs_that_appear_or_vanish_are_added_or_removed()
    {
        var open = Shop().Build();
        var closed = Shop().Policy("shop", "deny", p => p.Select(("app", "db")).Types(PolicyDirections.Ingress)).Build();
        var diff = Diff(open, closed);
        Assert.Equal(
            """
            Removed 0.0.0.0-255.255.255.255[External] => shop/db[Pod] : All Connections -> No Connections
            Removed shop/web[Pod] => shop/db[Pod] : All Connections -> No Connections
            """.ReplaceLineEndings("\n"),
            Lines(diff));
        Assert.Equal(
            """
            Added 0.0.0.0-255.255.255.255[External] => shop/db[Pod] : No Connections -> All Connections
            Added shop/web[Pod] => shop/db[Pod] : No Connections -> All Connections
            """.ReplaceLineEndings("\n"),
            Lines(Diff(closed, open)));
    }

    [Fact]
    public void Workloads_are_added_and_removed_by_id_and_their_connections_are_listed()
    {
        var before = Shop().Build();
        var after = Shop().Pod("shop", "worker", ("app", "worker")).Build();
        var diff = Diff(before, after);
        Assert.Equal(["shop/worker[Pod]"], diff.WorkloadsAdded.Select(w => w.Id));
        Assert.Empty(diff.WorkloadsRemoved);
        Assert.Contains(diff.Connections, c => c.Kind == ConnectionChangeKind.Added && c.Source.Id == "shop/worker[Pod]" && c.Destination.Id == "shop/db[Pod]");
        Assert.Equal(["shop/worker[Pod]"], Diff(after, before).WorkloadsRemoved.Select(w => w.Id));
    }

    [Fact]
    public void A_different_cut_of_the_same_addresses_is_no_change()
    {
        var before = Shop().Policy("shop", "web", p => p.Select(("app", "web")).Ingress(from: [Block("10.0.0.0/8")])).Build();
        var after = Shop().Policy("shop", "web", p => p.Select(("app", "web"))
            .Ingress(from: [Block("10.0.0.0/9"), Block("10.128.0.0/9"), Block("10.0.0.0/8", "10.1.0.0/16"), Block("10.1.0.0/16")])).Build();
        Assert.Empty(Diff(before, after).Connections);
    }

    [Fact]
    public void Outside_changes_are_compared_by_address_and_merged_per_change()
    {
        var before = Shop().Policy("shop", "web", p => p.Select(("app", "web")).Ingress(from: [Block("10.0.0.0/8")], ports: [Tcp(443)])).Build();
        var after = Shop().Policy("shop", "web", p => p.Select(("app", "web"))
            .Ingress(from: [Block("0.0.0.0/0", "10.1.0.0/16")], ports: [Tcp(443)])).Build();
        Assert.Equal(
            """
            Added 0.0.0.0-9.255.255.255,11.0.0.0-255.255.255.255[External] => shop/web[Pod] : No Connections -> TCP 443
            Removed 10.1.0.0-10.1.255.255[External] => shop/web[Pod] : TCP 443 -> No Connections
            """.ReplaceLineEndings("\n"),
            Lines(Diff(before, after)));
    }

    [Fact]
    public void Egress_changes_towards_the_outside_are_compared_by_address()
    {
        var before = Shop().Policy("shop", "web", p => p.Select(("app", "web")).Types(PolicyDirections.Egress)
            .Egress(to: [Block("192.168.0.0/16")], ports: [Tcp(80)])).Build();
        var after = Shop().Policy("shop", "web", p => p.Select(("app", "web")).Types(PolicyDirections.Egress)
            .Egress(to: [Block("192.168.0.0/16")], ports: [Tcp(80), Tcp(443)])).Build();
        Assert.Equal(
            "Changed shop/web[Pod] => 192.168.0.0-192.168.255.255[External] : TCP 80 -> TCP 80,443",
            Lines(Diff(before, after)));
    }

    [Fact]
    public void An_address_family_one_side_does_not_cut_is_asked_of_that_sides_engine()
    {
        // Before: web's egress is open, and no IPv6 block exists, so the before side lists no
        // IPv6 range. After: only 2001:db8::/32 is allowed. IPv6 must not look "added".
        var before = Shop().Build();
        var after = Shop().Policy("shop", "web", p => p.Select(("app", "web")).Types(PolicyDirections.Egress)
            .Egress(to: [Block("2001:db8::/32")])).Build();
        var web = Diff(before, after).Connections.Where(c => c.Source.Id == "shop/web[Pod]").ToList();
        Assert.All(web, c => Assert.Equal(ConnectionChangeKind.Removed, c.Kind));
        var outside = Assert.Single(web, c => c.Destination is ExternalPeer);
        var addresses = ((ExternalPeer)outside.Destination).Addresses;
        Assert.True(addresses.Contains("10.0.0.1"));
        Assert.True(addresses.Contains("2001:db9::1"));
        Assert.False(addresses.Contains("2001:db8::1"));
    }

    [Fact]
    public void Findings_are_matched_by_rule_object_and_message_not_by_position()
    {
        var policy = new ObjectRef("NetworkPolicy", "shop", "db");
        Diagnostic At(string file, int line, string message) => new("peer-selects-nothing", Severity.Warning, message, new SourceSpan(file, line, 1), policy);
        var before = new DiffSide(Shop().Build(), [At("a.yaml", 3, "same"), At("a.yaml", 9, "old")]);
        var after = new DiffSide(Shop().Build(), [At("moved/b.yaml", 40, "same"), At("b.yaml", 41, "new"), At("b.yaml", 42, "new")]);
        var diff = ConnectivityDiffQuery.Run(before, after, WithoutSolver);
        Assert.Equal(["b.yaml:41:1", "b.yaml:42:1"], diff.FindingsIntroduced.Select(f => f.Span.ToString()));
        Assert.Equal(["a.yaml:9:1"], diff.FindingsFixed.Select(f => f.Span.ToString()));
        Assert.False(diff.ConnectivityChanged);
        Assert.Equal("no connection changed; 2 findings introduced, 1 fixed", diff.SummaryLine);
    }

    [Fact]
    public void The_summary_line_counts_each_kind_of_change()
    {
        var before = Shop().Pod("shop", "old", ("app", "old")).Build();
        var after = Shop().Pod("shop", "new", ("app", "new"))
            .Policy("shop", "db", p => p.Select(("app", "db")).Ingress(from: [Pods(Labels(("app", "web")))], ports: [Tcp(5432)])).Build();
        var diff = Diff(before, after);
        Assert.Equal(
            $"{diff.ConnectionsAdded} connections added, {diff.ConnectionsRemoved} removed, 1 changed; 1 workload added, 1 removed",
            diff.SummaryLine);
        Assert.True(diff.ConnectionsAdded > 1 && diff.ConnectionsRemoved > 1);
        Assert.Equal(diff.Connections.Length, diff.ConnectionsAdded + diff.ConnectionsRemoved + diff.ConnectionsChanged);
    }

    [Fact]
    public void Changes_are_sorted_by_source_then_destination()
    {
        var diff = Diff(Shop().Build(), Shop().Policy("shop", "deny", p => p.Select(All).Types(PolicyDirections.Both)).Build());
        var keys = diff.Connections.Select(c => (c.Source.Id, c.Destination.Id)).ToList();
        Assert.Equal(keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal), keys);
        Assert.True(keys.Count >= 4);
    }

    [Fact]
    public void A_change_that_only_concerns_namespaces_not_in_the_input_is_found_by_the_solver()
    {
        var before = DbOnPorts(Tcp(5432));
        var after = Shop().Policy("shop", "db", p => p.Select(("app", "db"))
            .Ingress(from: [Pods(Labels(("app", "web"))), Namespaces(Labels(("team", "monitoring")))], ports: [Tcp(5432)])).Build();
        var diff = Diff(before, after, new ConnectivityDiffOptions());
        Assert.Empty(diff.Connections);
        Assert.Equal(BeyondManifestsVerdict.AffectsPodsBeyondManifests, diff.BeyondManifests.Verdict);
        var witness = diff.BeyondManifests.Witness!;
        Assert.Null(witness.Source.InputWorkload);
        Assert.Equal("monitoring", witness.Source.NamespaceLabels["team"]);
        Assert.Equal("shop/db[Pod]", witness.Destination.InputWorkload);
        Assert.False(diff.BeyondManifests.AllowedBefore);
        Assert.True(diff.BeyondManifests.AllowedAfter);
        Assert.True(diff.ConnectivityChanged);
        Assert.EndsWith("also affects pods not in the manifests", diff.SummaryLine);
    }

    [Fact]
    public void A_made_up_pod_in_a_known_namespace_counts_only_when_no_head_pod_looks_like_it()
    {
        Cluster AllowFrom(bool withWorker, params string[] apps)
        {
            var fixture = Shop();
            if (withWorker) fixture = fixture.Pod("shop", "worker", ("app", "worker"));
            return fixture.Policy("shop", "db", p => p.Select(("app", "db"))
                .Ingress(from: [Pods(Expr("app", SelectorOperator.In, apps))], ports: [Tcp(5432)])).Build();
        }
        var unknown = Diff(AllowFrom(false, "web"), AllowFrom(false, "web", "batch"), new ConnectivityDiffOptions());
        Assert.Empty(unknown.Connections);
        Assert.Equal(BeyondManifestsVerdict.AffectsPodsBeyondManifests, unknown.BeyondManifests.Verdict);
        Assert.Equal("batch", unknown.BeyondManifests.Witness!.Source.PodLabels["app"]);

        var known = Diff(AllowFrom(true, "web"), AllowFrom(true, "web", "worker"), new ConnectivityDiffOptions());
        Assert.NotEmpty(known.Connections);
        Assert.Equal(BeyondManifestsVerdict.DiffersWithinManifests, known.BeyondManifests.Verdict);
    }

    [Fact]
    public void The_solver_finds_equal_policies_equivalent()
    {
        var diff = Diff(DbOnPorts(Tcp(5432)), DbOnPorts(Tcp(5432)), new ConnectivityDiffOptions());
        Assert.Equal(BeyondManifestsVerdict.Equivalent, diff.BeyondManifests.Verdict);
        Assert.False(diff.ConnectivityChanged);
    }

    [Fact]
    public void The_solver_check_covers_cluster_policies()
    {
        var withAdmin = Shop().Admin("deny-db", 10, AdminNamespaces(All), a => a.IngressRule(AdminAction.Deny, [AdminNamespaces(All)])).Build();
        var without = Shop().Build();

        Assert.Equal(BeyondManifestsVerdict.Equivalent, Diff(withAdmin, withAdmin, new ConnectivityDiffOptions()).BeyondManifests.Verdict);
        var added = Diff(without, withAdmin, new ConnectivityDiffOptions()).BeyondManifests;
        Assert.NotEqual(BeyondManifestsVerdict.Skipped, added.Verdict);
        Assert.NotEqual(BeyondManifestsVerdict.Equivalent, added.Verdict);
        Assert.True(added.AllowedBefore);
        Assert.False(added.AllowedAfter);
    }
}
