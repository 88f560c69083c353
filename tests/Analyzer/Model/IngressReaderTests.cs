using PolicyLint.Analyzer.Model;
using static PolicyLint.Analyzer.Tests.Model.Loading;

namespace PolicyLint.Analyzer.Tests.Model;

public sealed class IngressReaderTests
{
    [Fact]
    public void Reads_rules_paths_backends_default_backend_and_tls()
    {
        var ingress = Assert.Single(Clean("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: shop, namespace: web}
            spec:
              ingressClassName: nginx
              defaultBackend:
                service: {name: fallback, port: {number: 8080}}
              tls:
              - hosts: [shop.example.com]
                secretName: shop-tls
              rules:
              - host: shop.example.com
                http:
                  paths:
                  - path: /api
                    pathType: Prefix
                    backend:
                      service:
                        name: api
                        port: {name: http}
                  - path: /static
                    pathType: Prefix
                    backend:
                      resource: {apiGroup: k8s.example.com, kind: Bucket, name: assets}
            """).Ingresses);
        Assert.Equal("nginx", ingress.IngressClassName);
        Assert.Equal(new ServiceBackend("fallback", PortRef.Of(8080), At(7, 14)), ingress.DefaultBackend);
        var tls = Assert.Single(ingress.Tls);
        Assert.Equal<string>(["shop.example.com"], tls.Hosts);
        Assert.Equal("shop-tls", tls.SecretName);
        var rule = Assert.Single(ingress.Rules);
        Assert.Equal("shop.example.com", rule.Host);
        Assert.Equal(At(12, 5), rule.Span);
        Assert.Equal(new ServiceBackend("api", PortRef.Of("http"), At(19, 13)), rule.Paths[0].Backend);
        Assert.Equal("/api", rule.Paths[0].Path);
        Assert.Equal("Prefix", rule.Paths[0].PathType);
        Assert.Null(rule.Paths[1].Backend);
        Assert.Equal(2, ingress.Backends.Count());
    }

    [Fact]
    public void Route_reads_to_alternate_backends_target_port_and_tls()
    {
        var route = Assert.Single(Clean("""
            apiVersion: route.openshift.io/v1
            kind: Route
            metadata: {name: webapp, namespace: frontend}
            spec:
              host: webapp.example.com
              path: /
              to: {kind: Service, name: webapp, weight: 100}
              alternateBackends:
              - {kind: Service, name: webapp-canary, weight: 10}
              port: {targetPort: http}
              tls: {termination: edge}
            """).Routes);
        Assert.Equal("webapp.example.com", route.Host);
        Assert.Equal("/", route.Path);
        Assert.True(route.Tls);
        Assert.Equal(PortRef.Of("http"), route.TargetPort);
        Assert.Equal<ServiceBackend>(
            [new ServiceBackend("webapp", PortRef.Of("http"), At(7, 7)), new ServiceBackend("webapp-canary", PortRef.Of("http"), At(9, 5))],
            route.Backends);
    }

    [Fact]
    public void Route_without_port_or_tls()
    {
        var route = Assert.Single(Clean("""
            apiVersion: route.openshift.io/v1
            kind: Route
            metadata: {name: r}
            spec:
              to: {name: svc}
            """).Routes);
        Assert.False(route.Tls);
        Assert.Null(route.TargetPort);
        Assert.Equal("svc", Assert.Single(route.Backends).ServiceName);
    }
}
