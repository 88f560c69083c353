using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Rules.Configuration;
using PolicyLint.Rules.Exposure;
using static PolicyLint.Rules.Tests.Exposure.ExposureManifests;

namespace PolicyLint.Rules.Tests.Exposure;

/// <summary>
/// Kubernetes: "By default, pods are non-isolated; they accept traffic from any source"
/// (https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation),
/// so a pod no ingress policy selects is an entry from the internet; a data store a hop away
/// from it is within the default 2 hops.
/// </summary>
public class SensitiveReachableFromInternetRuleTests
{
    private static readonly SensitiveReachableFromInternetRule Rule = new();

    private static IReadOnlyList<Analyzer.Core.Diagnostic> Analyze(Cluster cluster, SensitiveWorkloads? sensitive = null)
    {
        var context = new LintContext(cluster, [], AnalysisProfile.Default) { Sensitive = sensitive ?? SensitiveWorkloads.Default };
        return [.. Rule.Analyze(context)];
    }

    /// <summary>web is open to everyone; postgres admits web on 5432; api admits nobody.</summary>
    private static Cluster Shop(string postgresClient = "{podSelector: {matchLabels: {app: web}}}") => Load(
        Deployment("web"),
        Deployment("api"),
        DenyIngress("api"),
        Deployment("postgres", "[{containerPort: 5432}]"),
        DenyIngress("postgres"),
        AllowFrom("postgres", postgresClient, 5432));

    [Fact]
    public void Fires_for_a_data_store_one_hop_from_an_open_workload_and_shows_the_path()
    {
        var finding = Assert.Single(Analyze(Shop()));

        Assert.Equal("sensitive-reachable-from-internet", finding.RuleId);
        Assert.Equal("a/postgres[Deployment] is sensitive (app in (postgres,postgresql,mysql,mariadb,mongo,mongodb,redis,memcached,cassandra," +
            "elasticsearch,opensearch,etcd,couchdb,cockroachdb,clickhouse,neo4j,influxdb,minio,kafka,zookeeper,rabbitmq,vault)) and 1 hop from the " +
            "internet (1 shortest path): entered at a/web[Deployment] through pod ingress from outside addresses 0.0.0.0/0 (All Connections), " +
            "then a/web[Deployment] -> a/postgres[Deployment] (TCP 5432); isolate it and the workloads on the way, or list every path with " +
            "'policylint paths {internet} a/postgres[Deployment]'", finding.Message);
    }

    [Fact]
    public void Does_not_fire_when_only_a_closed_workload_may_reach_the_data_store()
    {
        // near miss: postgres admits api, and api admits nobody, so no entry leads to postgres
        Assert.Empty(Analyze(Shop("{podSelector: {matchLabels: {app: api}}}")));
    }

    [Fact]
    public void Does_not_fire_beyond_the_configured_hops()
    {
        // near miss: the path is 1 hop; with hops 0 only data stores reached directly count
        Assert.Empty(Analyze(Shop(), new SensitiveWorkloads(SensitiveWorkloads.Default.Selectors, 0)));
    }

    [Fact]
    public void A_data_store_reached_directly_from_outside_is_directly_reachable()
    {
        var finding = Assert.Single(Analyze(Load(Deployment("redis", "[{containerPort: 6379}]")), new SensitiveWorkloads(["app=redis"], 0)));

        Assert.StartsWith("a/redis[Deployment] is sensitive (app=redis) and directly reachable from the internet (1 shortest path): " +
            "entered at a/redis[Deployment] through pod ingress from outside addresses 0.0.0.0/0 (All Connections);", finding.Message);
    }

    /// <summary>web is open to everyone; "orders" (no data-store label) runs <paramref name="image"/> and admits web.</summary>
    private static Cluster ByImage(string image) => Load(
        Deployment("web"),
        $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: orders, namespace: a}
        spec:
          selector: {matchLabels: {app: orders}}
          template:
            metadata: {labels: {app: orders}}
            spec: {containers: [{name: sidecar, image: "envoyproxy/envoy:v1.31"}, {name: main, image: "{{{image}}}", ports: [{containerPort: 5432}]}]}

        """,
        DenyIngress("orders"),
        AllowFrom("orders", "{podSelector: {matchLabels: {app: web}}}", 5432));

    [Theory]
    [InlineData("docker.io/bitnami/postgresql:16")]
    [InlineData("postgres")]
    [InlineData("registry.example.com:5000/team/Redis:7.2@sha256:0123456789abcdef")]
    [InlineData("cockroachdb/cockroach:v24.1.0")]
    public void Fires_for_a_workload_whose_image_is_a_data_store_whatever_its_labels(string image)
    {
        // the issue: "documented defaults (common data-store labels and images)"
        var finding = Assert.Single(Analyze(ByImage(image)));

        Assert.StartsWith($"a/orders[Deployment] is sensitive (image {image}) and 1 hop from the internet", finding.Message);
    }

    [Theory]
    [InlineData("docker.io/bitnami/postgres-exporter:0.15")]  // near miss: another repository whose name starts like one
    [InlineData("postgres/app:1.0")]                          // near miss: a path component, not the repository name
    [InlineData("shop/orders:5.0.2")]
    public void Does_not_fire_for_images_that_are_not_data_stores(string image) => Assert.Empty(Analyze(ByImage(image)));

    [Fact]
    public void Configured_images_replace_the_built_in_list()
    {
        Assert.Empty(Analyze(ByImage("postgres:16"), new SensitiveWorkloads([], 2, ["mysql"])));
        var finding = Assert.Single(Analyze(ByImage("shop/orders:5.0.2"), new SensitiveWorkloads([], 2, ["orders"])));
        Assert.StartsWith("a/orders[Deployment] is sensitive (image shop/orders:5.0.2)", finding.Message);
    }

    [Theory]
    [InlineData("postgres", "postgres")]
    [InlineData("docker.io/bitnami/postgresql:16", "postgresql")]
    [InlineData("localhost:5000/redis", "redis")]
    [InlineData("redis@sha256:abc", "redis")]
    [InlineData("ghcr.io/a/b/valkey:8.0@sha256:abc", "valkey")]
    public void The_repository_name_drops_registry_path_tag_and_digest(string image, string name) =>
        Assert.Equal(name, SensitiveWorkloads.RepositoryName(image));

    [Fact]
    public void Configured_selectors_replace_the_built_in_list()
    {
        Assert.Empty(Analyze(Shop(), new SensitiveWorkloads(["tier=db"], 2)));
        var finding = Assert.Single(Analyze(Shop(), new SensitiveWorkloads(["app in (api, postgres)"], 2)));
        Assert.StartsWith("a/postgres[Deployment] is sensitive (app in (api, postgres))", finding.Message);
    }

    [Fact]
    public void The_linter_takes_the_selectors_and_hops_from_the_configuration()
    {
        var config = LintConfigParser.Parse("sensitive:\n  selectors: [\"app=web\"]\n  hops: 0\n", "/repo/.policylint.yaml", "/repo", RuleRegistry.Ids).Config!;

        var findings = Linter.Lint(Shop(), [], new LintOptions(config, "/repo")).Active.Where(f => f.RuleId == Rule.Id).ToList();

        // web is itself an entry; postgres (1 hop) is no longer sensitive
        Assert.StartsWith("a/web[Deployment] is sensitive (app=web) and directly reachable", Assert.Single(findings).Diagnostic.Message);
    }
}
