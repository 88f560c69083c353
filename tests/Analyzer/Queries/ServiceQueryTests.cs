using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using static PolicyLint.Analyzer.Tests.Queries.ExposureYaml;

namespace PolicyLint.Analyzer.Tests.Queries;

public class ServiceQueryTests
{
    private const string FromFrontend = "from: [{podSelector: {matchLabels: {app: frontend}}}]\n";

    private static (ReachabilityEngine Engine, ServiceCatalog Catalog) Build(params string[] documents)
    {
        var cluster = Load(documents);
        return (ReachabilityEngine.Build(cluster), new ServiceCatalog(cluster));
    }

    private static ServiceAccess Ask(ReachabilityEngine engine, ServiceCatalog catalog, string source, string ns, string service, int port = 0)
    {
        var s = catalog.Find(ns, service)!;
        return ServiceQuery.CanReach(engine, catalog, engine.FindPeer(source)!, s, s.Ports[port]);
    }

    [Fact]
    public void Policies_apply_to_the_translated_target_port_not_the_service_port()
    {
        var (engine, catalog) = Build(
            Deployment("a", "frontend"), Deployment("a", "api"),
            Service("a", "api", "api", "    - port: 80\n      targetPort: http\n"),
            IngressPolicy("a", "api", FromFrontend, "      ports: [{port: 80}]\n"));

        var access = Ask(engine, catalog, "a/frontend[Deployment]", "a", "api");

        Assert.False(access.Reachable);
        Assert.Equal(BackendCoverage.None, access.Coverage);
        Assert.Equal(new[] { 8080 }, access.Backends[0].Target.TargetPorts.ToArray());
    }

    [Fact]
    public void A_rule_on_the_target_port_admits_the_client_and_no_one_else()
    {
        var (engine, catalog) = Build(
            Deployment("a", "frontend"), Deployment("a", "other"), Deployment("a", "api"),
            Service("a", "api", "api", "    - port: 80\n      targetPort: http\n"),
            IngressPolicy("a", "api", FromFrontend, "      ports: [{port: 8080}]\n"));

        Assert.Equal(BackendCoverage.All, Ask(engine, catalog, "a/frontend[Deployment]", "a", "api").Coverage);
        Assert.Equal(BackendCoverage.None, Ask(engine, catalog, "a/other[Deployment]", "a", "api").Coverage);
    }

    [Fact]
    public void Some_backends_accept_when_only_one_of_two_is_isolated()
    {
        const string canary = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api-canary, namespace: a}
            spec:
              selector: {matchLabels: {track: canary}}
              template:
                metadata: {labels: {app: api, track: canary}}
                spec: {containers: [{name: main, ports: [{containerPort: 8080}]}]}

            """;
        var (engine, catalog) = Build(
            Deployment("a", "frontend"), Deployment("a", "api"), canary,
            Service("a", "api", "api", "    - port: 80\n      targetPort: 8080\n"),
            IngressPolicy("a", "api-canary").Replace("app: api-canary", "track: canary"));
        Assert.Equal(2, catalog.Backends(catalog.Find("a", "api")!).Length);

        var access = Ask(engine, catalog, "a/frontend[Deployment]", "a", "api");

        Assert.Equal(BackendCoverage.Some, access.Coverage);
        Assert.True(access.Reachable);
        Assert.Equal(["a/api[Deployment]"], access.Backends.Where(b => b.Accepts).Select(b => b.BackendId));
    }

    [Fact]
    public void An_unresolved_named_target_port_accepts_nothing_even_without_policies()
    {
        var (engine, catalog) = Build(
            Deployment("a", "frontend"), Deployment("a", "api"),
            Service("a", "api", "api", "    - port: 443\n      targetPort: https\n"));

        var access = Ask(engine, catalog, "a/frontend[Deployment]", "a", "api");

        Assert.False(access.Backends[0].Target.Resolved);
        Assert.False(access.Reachable);
    }

    [Fact]
    public void The_view_lists_clients_that_some_backend_accepts_and_leaves_out_the_others()
    {
        var cluster = Load(
            Deployment("a", "frontend"), Deployment("a", "other"), Deployment("a", "api"),
            Service("a", "api", "api", "    - port: 80\n      targetPort: http\n"),
            IngressPolicy("a", "api", FromFrontend, "      ports: [{port: 8080}]\n"));
        var engine = ReachabilityEngine.Build(cluster);

        var views = ServiceQuery.View(new ServiceCatalog(cluster), ConnectivityQuery.Run(engine));

        var view = Assert.Single(views);
        var client = Assert.Single(view.Clients);
        Assert.Equal("a/frontend[Deployment]", client.Source.Id);
        Assert.Equal(BackendCoverage.All, client.Coverage);
    }

    [Fact]
    public void The_view_checks_the_protocol_of_the_service_port()
    {
        var cluster = Load(
            Deployment("a", "frontend"), Deployment("a", "dns", "            - containerPort: 53\n              protocol: UDP\n"),
            Service("a", "dns", "dns", "    - port: 53\n      protocol: UDP\n"),
            IngressPolicy("a", "dns", FromFrontend, "      ports: [{port: 53, protocol: TCP}]\n"));
        var engine = ReachabilityEngine.Build(cluster);

        var view = Assert.Single(ServiceQuery.View(new ServiceCatalog(cluster), ConnectivityQuery.Run(engine)));

        Assert.Equal(Protocol.UDP, view.Port.Protocol);
        Assert.Empty(view.Clients);
    }
}
