using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Smt;
using static PolicyLint.Analyzer.Tests.Smt.SmtCluster;

namespace PolicyLint.Analyzer.Tests.Smt;

/// <summary>
/// diff's solver check asked of the changed scope only (ComparisonScope) against the same check
/// asked of both whole clusters: on random changes to random clusters of three namespaces (one
/// namespace's NetworkPolicies replaced, one namespace's labels changed or its Namespace object
/// removed (as the loader reads that: implicit, or gone when nothing refers to it), the cluster-scoped policies replaced, the workloads replaced; baselines kept in a
/// quarter of the cases), both must find a difference or both none, and the scoped example must
/// be a real difference of the whole clusters. 150 random changes by default; set POLICYLINT_PROPERTY_CASES for more.
/// </summary>
[Collection(SolverHeavyCollection.Name)]
public sealed class ComparisonScopeTests
{
    private static int CaseCount =>
        int.TryParse(Environment.GetEnvironmentVariable("POLICYLINT_PROPERTY_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : 150;

    [Fact]
    public void Scoped_and_whole_cluster_comparisons_agree_on_random_changes()
    {
        Prop.ForAll(Arb.From(Changes()), c => Agrees(c))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(CaseCount).WithQuietOnSuccess(true));
    }

    /// <summary>
    /// Kubernetes: namespaceSelector "selects particular namespaces for which all Pods should be
    /// allowed as ingress sources". prod's policy does not change, but dev's new label makes it
    /// admit dev's pods: prod is changed, although none of its objects are.
    /// </summary>
    [Fact]
    public void A_namespace_label_change_changes_the_namespaces_whose_policies_select_it()
    {
        const string FromTeamC = "podSelector: {}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: c}}}]}]";
        var before = WithPolicies(Policy("from-c", "prod", FromTeamC));
        var after = Load(Base.Replace("{name: dev, labels: {team: b}}", "{name: dev, labels: {team: c}}", StringComparison.Ordinal), Policy("from-c", "prod", FromTeamC));

        var scope = ComparisonScope.Of(before, after);

        Assert.Equal(["dev", "prod"], scope.Changed);
        var difference = ComparisonScope.CheckEquivalence(after, before, SmtOptions.Default);
        Assert.False(difference.AreEquivalent);
        Assert.Equal("dev", difference.Witness!.Source.Namespace);
        Assert.Equal("prod", difference.Witness.Destination.Namespace);
    }

    /// <summary>One namespace's policy changes: the other namespace's policies are left out, and its pods are not asked about.</summary>
    [Fact]
    public void A_policy_change_in_one_namespace_leaves_the_others_out()
    {
        const string DenyAll = "podSelector: {}\npolicyTypes: [Ingress]";
        var before = WithPolicies(Policy("deny", "prod", DenyAll), Policy("deny", "dev", DenyAll));
        var after = WithPolicies(Policy("deny", "prod", "podSelector: {}\ningress: [{ports: [{port: 8080}]}]"), Policy("deny", "dev", DenyAll));

        var scope = ComparisonScope.Of(before, after);

        Assert.Equal(["prod"], scope.Changed);
        Assert.Equal(["dev"], scope.LeftOut);
        Assert.DoesNotContain(scope.Restrict(after).NetworkPolicies, p => p.Namespace == "dev");
        var difference = ComparisonScope.CheckEquivalence(after, before, SmtOptions.Default);
        Assert.False(difference.AreEquivalent);
        Assert.Equal("prod", difference.Witness!.Destination.Namespace);
        Assert.NotEqual("dev", difference.Witness.Source.Namespace);
    }

    /// <summary>Moving a policy (another file, another line) changes nothing: no solver question at all.</summary>
    [Fact]
    public void A_moved_policy_is_no_change()
    {
        const string Text = "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{podSelector: {}}]}]";
        var before = WithPolicies(Policy("web", "prod", Text));
        var after = Load(Base, "# moved\n" + Policy("web", "prod", Text));
        Assert.NotEqual(before.NetworkPolicies[0].Meta.Span, after.NetworkPolicies[0].Meta.Span);

        var scope = ComparisonScope.Of(before, after);

        Assert.True(scope.NothingChanged);
        Assert.True(ComparisonScope.CheckEquivalence(after, before, SmtOptions.Default).AreEquivalent);
    }

    /// <summary>
    /// An AdminNetworkPolicy's subject "selects the pods to which the policy applies"
    /// (network-policy-api): a changed ANP whose subject selects team=b changes dev only.
    /// </summary>
    [Fact]
    public void A_changed_admin_policy_changes_the_namespaces_its_subject_selects()
    {
        static string Anp(string action) =>
            Admin("dev-in", 10, $"subject: {{namespaces: {{matchLabels: {{team: b}}}}}}\ningress: [{{name: r, action: {action}, from: [{{namespaces: {{}}}}]}}]");
        var before = Load(Base, Anp("Allow"));
        var after = Load(Base, Anp("Deny"));

        var scope = ComparisonScope.Of(before, after);

        Assert.True(scope.ClusterScopedPoliciesChanged);
        Assert.Equal(["dev"], scope.Changed);
        Assert.False(ComparisonScope.CheckEquivalence(after, before, SmtOptions.Default).AreEquivalent);
    }

    /// <summary>
    /// Two namespaces that no policy names are one class to the solver ("other"); a witness whose
    /// two ends sit in such namespaces with different labels must name two namespaces, or a reader
    /// (and this file's random test, which builds the witness back into pods) would put both ends
    /// in one namespace with two sets of labels. Found by the random test with seed
    /// (3484606802454086000, 8285466084671612373, 47).
    /// </summary>
    [Fact]
    public void A_witness_in_two_unnamed_namespaces_with_different_labels_names_two_namespaces()
    {
        var before = Load(Base);
        var after = Load(Base, Admin("stage-from-test", 10, "subject: {namespaces: {matchLabels: {env: stage}}}\ningress: [{name: r, action: Deny, from: [{namespaces: {matchLabels: {env: test}}}]}]"));

        var witness = ComparisonScope.CheckEquivalence(after, before, new SmtOptions(ReadableWitnesses: true)).Witness!;

        Assert.Equal("test", witness.Source.NamespaceLabels["env"]);
        Assert.Equal("stage", witness.Destination.NamespaceLabels["env"]);
        Assert.False(witness.Source.NamespaceInInput || witness.Destination.NamespaceInInput);
        Assert.NotEqual(witness.Source.Namespace, witness.Destination.Namespace);
        Assert.Equal(witness.Destination.Namespace, witness.Destination.NamespaceLabels[Namespace.NameLabel]);
    }

    /// <summary>
    /// Both find a difference or both none (so diff's verdict is <c>equivalent</c> in both or in
    /// neither), and the scoped witness, made into real pods, is a connection the whole clusters
    /// disagree on. Which example each returns may differ, and with it whether the example is a
    /// pod of the manifests: the scoped check never picks a pod of a left-out namespace, and a
    /// made-up pod counts as one of the manifests when a head pod carries the labels it shows
    /// (DiffBeyondManifests). Both examples are real differences.
    /// </summary>
    public static bool Agrees(RandomChange change)
    {
        var options = new SmtOptions(change.Profile, ReadableWitnesses: true);
        var whole = PolicySolver.CheckEquivalence(change.After, change.Before, options);
        var scoped = ComparisonScope.CheckEquivalence(change.After, change.Before, options);
        Same(change, "equivalent", whole.AreEquivalent, scoped.AreEquivalent);
        if (!scoped.AreEquivalent) IsRealDifference(change, scoped, options);
        var diffOptions = new ConnectivityDiffOptions(change.Profile);
        var wholeDiff = ConnectivityDiffQuery.Run(DiffSide.Of(change.Before), DiffSide.Of(change.After), diffOptions with { AskOnlyChangedScopes = false });
        var scopedDiff = ConnectivityDiffQuery.Run(DiffSide.Of(change.Before), DiffSide.Of(change.After), diffOptions);
        Same(change, "verdict equivalent", wholeDiff.BeyondManifests.Verdict == BeyondManifestsVerdict.Equivalent, scopedDiff.BeyondManifests.Verdict == BeyondManifestsVerdict.Equivalent);
        return true;
    }

    /// <summary>
    /// The witness's pods become workloads of both clusters (a made-up namespace becomes a
    /// declared one, with the witness's labels, where a cluster lacks it), and each whole
    /// cluster's encoding is asked about that one connection.
    /// </summary>
    private static void IsRealDifference(RandomChange change, PolicySetEquivalence scoped, SmtOptions options)
    {
        var witness = scoped.Witness!;
        var head = WithWitness(change.After, change.After, witness);
        var @base = WithWitness(change.Before, change.After, witness);
        using var headEncoding = PolicySolver.Create(head.Cluster, options);
        using var baseEncoding = PolicySolver.Create(@base.Cluster, options);
        Same(change, $"{witness} allowed by the head", scoped.AllowedBefore, headEncoding.IsAllowed(head.Source, head.Destination, witness.Protocol, witness.Port));
        Same(change, $"{witness} allowed by the base", scoped.AllowedAfter, baseEncoding.IsAllowed(@base.Source, @base.Destination, witness.Protocol, witness.Port));
    }

    /// <summary>Input pods are the head's (the first cluster of the check): copied, under a new name, into <paramref name="cluster"/>.</summary>
    private static (Cluster Cluster, ConcreteEndpoint Source, ConcreteEndpoint Destination) WithWitness(Cluster cluster, Cluster head, WitnessConnection witness)
    {
        var span = new SourceSpan("witness.yaml", 1, 1);
        var namespaces = cluster.Namespaces.ToList();
        var workloads = cluster.Workloads.ToList();
        ConcreteEndpoint Endpoint(WitnessEndpoint end, string name)
        {
            if (!end.IsPod) return new AddressEndpoint(end.Addresses[0]);
            var pod = end.InputWorkload is { } id
                ? Input(id)
                : new Pod(name, end.PodLabels, [new Container("c", [.. end.NamedPorts.Select(p => new ContainerPort(p.Name, p.Number, p.Protocol, null, null, span))], span)],
                    end.HostNetwork, end.Addresses.IsDefault ? [] : end.Addresses, span);
            var ns = end.InputWorkload is { } inputId ? inputId.Split('/')[0] : end.Namespace!;
            if (namespaces.All(n => n.Name != ns))
            {
                namespaces.Add(new Namespace(new ObjectMeta(new ObjectRef("Namespace", "", ns), end.NamespaceLabels, Labels.Empty, span), Declared: true));
            }
            var workload = new Workload(new ObjectMeta(new ObjectRef("Pod", ns, name), pod.Labels, Labels.Empty, span), "Pod", [pod with { Name = name }], 1);
            workloads.Add(workload);
            return new PodEndpoint(workload);
        }
        // A witness's input pod class may stand for several workloads the policies cannot tell
        // apart ("ns0/w0[Pod], ns0/w1[Pod]", WitnessReader): any one of them is the witness.
        Pod Input(string ids) => head.Workloads.FirstOrDefault(w => w.Id == ids.Split(", ")[0])?.Pods[0]
            ?? throw new Xunit.Sdk.XunitException($"the witness names {ids}, which the head does not have");
        var source = Endpoint(witness.Source, "witness-source");
        var destination = Endpoint(witness.Destination, "witness-destination");
        return (cluster with { Namespaces = [.. namespaces], Workloads = [.. workloads] }, source, destination);
    }

    private static void Same<T>(RandomChange change, string what, T whole, T scoped)
    {
        if (!EqualityComparer<T>.Default.Equals(whole, scoped))
        {
            throw new Xunit.Sdk.XunitException($"{what}: whole clusters say {whole}, scoped says {scoped}\n{change}");
        }
    }

    /// <summary>A random cluster and a random change to it, spliced in from a second random cluster.</summary>
    private static Gen<RandomChange> Changes() =>
        from before in RandomClusters.Case()
        from other in RandomClusters.Case()
        from keepBaselines in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
        from policiesOf in Gen.Elements<string?>([null, .. RandomClusters.NamespaceNames])
        from relabelled in Gen.Elements<string?>([null, null, .. RandomClusters.NamespaceNames])
        from dropNamespace in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from clusterScoped in Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true)))
        from workloads in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select Splice(before, other, keepBaselines, policiesOf, relabelled, dropNamespace, clusterScoped, workloads);

    private static RandomChange Splice(
        RandomCase before, RandomCase other, bool keepBaselines, string? policiesOf, string? relabelled, bool dropNamespace, bool clusterScoped, bool workloads)
    {
        ImmutableArray<AdminPolicy> Admin(Cluster c) => keepBaselines ? c.AdminPolicies : [.. c.AdminPolicies.Where(p => p.Tier == PolicyTier.Admin)];
        var baseCluster = before.Cluster with { AdminPolicies = Admin(before.Cluster) };
        var policies = policiesOf is null
            ? baseCluster.NetworkPolicies
            : [.. baseCluster.NetworkPolicies.Where(p => p.Namespace != policiesOf), .. other.Cluster.NetworkPolicies.Where(p => p.Namespace == policiesOf)];
        var namespaces = baseCluster.Namespaces
            .Select(ns => ns.Name == relabelled ? other.Cluster.Namespaces.First(o => o.Name == ns.Name) : ns);
        var after = baseCluster with
        {
            NetworkPolicies = policies,
            Namespaces = [.. namespaces],
            AdminPolicies = clusterScoped ? Admin(other.Cluster) : baseCluster.AdminPolicies,
            Workloads = workloads ? other.Cluster.Workloads : baseCluster.Workloads,
        };
        return new RandomChange(baseCluster, dropNamespace && relabelled is not null ? WithoutNamespaceObject(after, relabelled) : after, before.Profile);
    }

    /// <summary>
    /// The Namespace object removed, as the loader would read the input without it: a namespace
    /// that objects live in or that a policy names stays, implicit (its name label only); one
    /// nothing refers to is gone (its labels are then free, to the solver).
    /// </summary>
    private static Cluster WithoutNamespaceObject(Cluster cluster, string name)
    {
        var referenced = cluster.Workloads.Any(w => w.Namespace == name)
            || cluster.NetworkPolicies.Any(p => p.Namespace == name || PolicyScope.NamedNamespaces(p).Contains(name))
            || cluster.AdminPolicies.Any(p => PolicyScope.NamedNamespaces(p).Contains(name));
        return cluster with
        {
            Namespaces = [.. cluster.Namespaces.Where(ns => ns.Name != name), .. referenced ? [Namespace.Implicit(name)] : Array.Empty<Namespace>()],
        };
    }
}

/// <summary>Two clusters, before and after a change, and the profile to compare them with.</summary>
public sealed record RandomChange(Cluster Before, Cluster After, AnalysisProfile Profile)
{
    public override string ToString() =>
        $"--- before\n{new RandomCase(Before, Profile)}\n--- after\n{new RandomCase(After, Profile)}\n--- scope {ComparisonScope.Of(Before, After)}";
}
