using static PolicyLint.Analyzer.Tests.Model.Loading;

namespace PolicyLint.Analyzer.Tests.Model;

/// <summary>Endpoints and EndpointSlices: read for the Services they back, refused as the API server refuses them.</summary>
public sealed class EndpointsReadingTests
{
    // Kubernetes, "Service": "a Service without a selector ... you can map the Service to the
    // network address and port where it's running, by adding an EndpointSlice object manually";
    // "EndpointSlices": "you can link an EndpointSlice to a Service by setting the
    // kubernetes.io/service-name label on that EndpointSlice". Endpoints (v1) have the Service's name.
    [Fact]
    public void Endpoints_and_labelled_slices_name_their_service_and_keep_ready_addresses_and_ports()
    {
        var yaml = """
            apiVersion: v1
            kind: Endpoints
            metadata: {name: db, namespace: data}
            subsets:
            - addresses: [{ip: 10.1.0.5}, {ip: 10.1.0.6}]
              notReadyAddresses: [{ip: 10.1.0.7}]
              ports: [{name: pg, port: 5432}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: billing-x1
              namespace: data
              labels: {kubernetes.io/service-name: billing}
            addressType: IPv4
            endpoints:
            - addresses: [203.0.113.9]
            - addresses: [203.0.113.10]
              conditions: {ready: false}
            ports: [{port: 443, protocol: TCP}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: orphan, namespace: data}
            addressType: IPv4
            endpoints: [{addresses: [203.0.113.11]}]
            """;
        var endpoints = Clean(yaml).Endpoints;

        Assert.Equal(["data/db", "data/billing"], endpoints.Select(e => $"{e.Namespace}/{e.Service}"));
        Assert.Equal(["10.1.0.5", "10.1.0.6"], endpoints[0].Addresses.AsEnumerable());
        Assert.Equal([new PolicyLint.Analyzer.Model.EndpointPort("pg", 5432, PolicyLint.Analyzer.Model.Protocol.TCP)], endpoints[0].Ports.AsEnumerable());
        Assert.Equal(["203.0.113.9"], endpoints[1].Addresses.AsEnumerable());
    }

    // API reference, EndpointSlice: "addressType specifies the type of address carried by this
    // EndpointSlice ... Possible values are IPv4, IPv6, FQDN"; Endpoint.addresses: "Must contain at
    // least 1 address"; EndpointAddress.ip: "May not be loopback (127.0.0.0/8 or ::1), link-local
    // (169.254.0.0/16 or fe80::/10), or link-local multicast (224.0.0.0/24 or ff02::/16)".
    [Fact]
    public void What_the_api_server_refuses_is_reported_with_file_line_and_field_and_the_rest_is_read()
    {
        var yaml = """
            apiVersion: v1
            kind: Endpoints
            metadata: {name: db, namespace: data}
            subsets:
            - addresses: [{ip: 10.1.0.300}, {ip: 127.0.0.1}, {ip: 10.1.0.5}]
              ports: [{port: 70000}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: s1
              namespace: data
              labels: {kubernetes.io/service-name: web}
            addressType: IPv5
            endpoints:
            - addresses: []
            - addresses: ["2001:db8::1"]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: s2
              namespace: data
              labels: {kubernetes.io/service-name: web}
            addressType: IPv4
            endpoints: [{addresses: ["2001:db8::1", 169.254.1.1, 10.1.0.9]}]
            ports: [{port: 80, protocol: ICMP}]
            """;
        var loaded = Load(yaml);

        Assert.Equal(
            """
            m.yaml:5:20: invalid-object: Endpoints data/db: subsets[0].addresses[0].ip: "10.1.0.300" is not a valid IP address
            m.yaml:5:38: invalid-object: Endpoints data/db: subsets[0].addresses[1].ip: "127.0.0.1" is a loopback address, which an endpoint may not be
            m.yaml:6:18: invalid-port: Endpoints data/db: subsets[0].ports[0].port: 70000 is not a valid port (expected 1-65535)
            m.yaml:14:14: invalid-object: EndpointSlice data/s1: addressType: "IPv5" is not an address type (expected IPv4, IPv6 or FQDN)
            m.yaml:16:14: invalid-object: EndpointSlice data/s1: endpoints[0].addresses: required: an endpoint has at least one address
            m.yaml:26:26: invalid-object: EndpointSlice data/s2: endpoints[0].addresses[0]: "2001:db8::1" is not an IPv4 address, as addressType says
            m.yaml:26:41: invalid-object: EndpointSlice data/s2: endpoints[0].addresses[1]: "169.254.1.1" is a link-local address, which an endpoint may not be
            m.yaml:27:30: invalid-port: EndpointSlice data/s2: ports[0].protocol: "ICMP" is not a supported protocol (expected TCP, UDP or SCTP)
            """.ReplaceLineEndings("\n"),
            Messages(loaded));
        Assert.Equal(["10.1.0.5"], loaded.Cluster.Endpoints[0].Addresses.AsEnumerable());
        Assert.Equal(["10.1.0.9"], loaded.Cluster.Endpoints.Single(e => e.Meta.Name == "s2").Addresses.AsEnumerable());
    }
}
