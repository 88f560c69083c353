using PolicyLint.Analyzer.Model;
using static PolicyLint.Analyzer.Tests.Model.Loading;

namespace PolicyLint.Analyzer.Tests.Model;

public sealed class ServiceReaderTests
{
    [Fact]
    public void Defaults_are_cluster_ip_tcp_target_port_equal_to_port_and_cluster_traffic_policy()
    {
        var service = Assert.Single(Clean("""
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              ports:
              - port: 80
            """).Services);
        Assert.Equal(ServiceType.ClusterIP, service.Type);
        Assert.Equal(ExternalTrafficPolicy.Cluster, service.ExternalTrafficPolicy);
        Assert.Equal("web", service.Selector!["app"]);
        Assert.Equal(new ServicePort(null, 80, PortRef.Of(80), null, Protocol.TCP, At(7, 5)), Assert.Single(service.Ports));
        Assert.Equal("shop/web[Service]", service.Id);
    }

    [Fact]
    public void Reads_every_field()
    {
        var service = Assert.Single(Clean("""
            apiVersion: v1
            kind: Service
            metadata: {name: lb}
            spec:
              type: LoadBalancer
              clusterIP: 10.96.0.10
              externalTrafficPolicy: Local
              externalIPs: [203.0.113.5]
              loadBalancerSourceRanges: [198.51.100.0/24]
              ports:
              - name: https
                port: 443
                targetPort: https-web
                nodePort: 30443
              - name: dns
                port: 53
                targetPort: 5353
                protocol: UDP
            """).Services);
        Assert.Equal(ServiceType.LoadBalancer, service.Type);
        Assert.Null(service.Selector);
        Assert.Equal("10.96.0.10", service.ClusterIP);
        Assert.Equal(ExternalTrafficPolicy.Local, service.ExternalTrafficPolicy);
        Assert.Equal<string>(["203.0.113.5"], service.ExternalIPs);
        Assert.Equal<string>(["198.51.100.0/24"], service.LoadBalancerSourceRanges);
        Assert.Equal(new ServicePort("https", 443, PortRef.Of("https-web"), 30443, Protocol.TCP, At(11, 5)), service.Ports[0]);
        Assert.Equal(new ServicePort("dns", 53, PortRef.Of(5353), null, Protocol.UDP, At(15, 5)), service.Ports[1]);
    }

    [Fact]
    public void External_name_service()
    {
        var service = Assert.Single(Clean("""
            apiVersion: v1
            kind: Service
            metadata: {name: ext}
            spec:
              type: ExternalName
              externalName: db.example.com
            """).Services);
        Assert.Equal(ServiceType.ExternalName, service.Type);
        Assert.Equal("db.example.com", service.ExternalName);
        Assert.Empty(service.Ports);
    }

    [Fact]
    public void Invalid_fields_are_reported()
    {
        var loaded = Load("""
            apiVersion: v1
            kind: Service
            metadata: {name: bad}
            spec:
              type: Public
              loadBalancerSourceRanges: [1.2.3/24]
              ports:
              - port: 70000
              - targetPort: 80
            """);
        Assert.Equal("""
            m.yaml:5:9: invalid-object: Service default/bad: spec.type: "Public" is not a Service type (expected ClusterIP, NodePort, LoadBalancer or ExternalName)
            m.yaml:6:30: invalid-cidr: Service default/bad: spec.loadBalancerSourceRanges[0]: "1.2.3/24" is not a valid CIDR (expected a.b.c.d/n or an IPv6 prefix)
            m.yaml:8:11: invalid-port: Service default/bad: spec.ports[0].port: 70000 is not a valid port (expected 1-65535)
            m.yaml:9:5: invalid-object: Service default/bad: spec.ports[1].port: required field is missing
            """, Messages(loaded));
    }
}
