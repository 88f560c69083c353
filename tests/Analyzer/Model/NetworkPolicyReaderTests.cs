using PolicyLint.Analyzer.Model;
using static PolicyLint.Analyzer.Tests.Model.Loading;

namespace PolicyLint.Analyzer.Tests.Model;

public sealed class NetworkPolicyReaderTests
{
    private const string Full = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: api
          namespace: shop
        spec:
          podSelector:
            matchLabels:
              app: api
          ingress:
          - from:
            - podSelector:
                matchExpressions:
                - {key: tier, operator: In, values: [web, edge]}
              namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: front
            - ipBlock:
                cidr: 10.0.0.0/8
                except: [10.1.0.0/16]
            ports:
            - port: 8080
              endPort: 8090
            - protocol: UDP
              port: dns
          - {}
          egress:
          - to:
            - namespaceSelector: {}
        """;

    [Fact]
    public void Reads_rules_peers_ports_and_their_exact_positions()
    {
        var policy = Assert.Single(Clean(Full).NetworkPolicies);
        Assert.Equal(At(1, 1), policy.Meta.Span);
        Assert.Equal("shop", policy.Namespace);
        Assert.Equal("app=api", policy.PodSelector.ToString());
        Assert.Equal(At(9, 7), policy.PodSelector.Requirements[0].Span);

        Assert.Equal(2, policy.Ingress.Length);
        var rule = policy.Ingress[0];
        Assert.Equal(At(11, 5), rule.Span);
        Assert.Equal(0, rule.Index);
        Assert.Equal(PolicyDirections.Ingress, rule.Direction);

        var selectors = rule.Peers[0];
        Assert.Equal(At(12, 7), selectors.Span);
        Assert.Equal("tier in (web,edge)", selectors.PodSelector!.ToString());
        Assert.Equal(At(13, 9), selectors.PodSelector.Span);
        Assert.Equal(At(14, 11), selectors.PodSelector.Requirements[0].Span);
        Assert.Equal(At(17, 11), selectors.NamespaceSelector!.Requirements[0].Span);
        Assert.Null(selectors.IpBlock);

        var block = rule.Peers[1].IpBlock!;
        Assert.Equal(At(19, 9), block.Span);
        Assert.Equal("10.0.0.0/8", block.Cidr.Text);
        Assert.Equal(At(19, 15), block.Cidr.Span);
        Assert.Equal(At(20, 18), Assert.Single(block.Except).Span);

        Assert.Equal(new PolicyPort(Protocol.TCP, PortRef.Of(8080), 8090, At(22, 7)), rule.Ports[0]);
        Assert.Equal(new PolicyPort(Protocol.UDP, PortRef.Of("dns"), null, At(24, 7)), rule.Ports[1]);

        var allowAll = policy.Ingress[1];
        Assert.True(allowAll.AllowsAllPeers);
        Assert.True(allowAll.AllowsAllPorts);
        Assert.Equal(1, allowAll.Index);

        var egress = Assert.Single(policy.Egress);
        Assert.True(Assert.Single(egress.Peers).NamespaceSelector!.SelectsEverything);
        Assert.Null(egress.Peers[0].PodSelector);
    }

    [Theory]
    [InlineData("", "ingress: [{}]", PolicyDirections.Ingress, false)]
    [InlineData("", "egress: [{}]", PolicyDirections.Both, false)]
    [InlineData("", "egress: []", PolicyDirections.Ingress, false)]
    [InlineData("policyTypes: []", "egress: [{}]", PolicyDirections.Both, false)]
    [InlineData("policyTypes: [Egress]", "egress: [{}]", PolicyDirections.Egress, true)]
    [InlineData("policyTypes: [Ingress, Egress]", "ingress: []", PolicyDirections.Both, true)]
    public void Policy_types_default_as_the_api_server_does(string policyTypes, string rules, PolicyDirections expected, bool declared)
    {
        var yaml = $"""
            kind: NetworkPolicy
            apiVersion: networking.k8s.io/v1
            metadata: {"{"}name: p{"}"}
            spec:
              podSelector: {"{}"}
              {policyTypes}
              {rules}
            """;
        var policy = Assert.Single(Clean(yaml).NetworkPolicies);
        Assert.Equal(expected, policy.PolicyTypes);
        Assert.Equal(declared, policy.PolicyTypesDeclared);
        Assert.Equal("default", policy.Namespace);
    }

    [Fact]
    public void Port_without_protocol_is_tcp_and_empty_port_entry_is_every_tcp_port()
    {
        var yaml = """
            kind: NetworkPolicy
            apiVersion: networking.k8s.io/v1
            metadata: {name: p}
            spec:
              podSelector: {}
              ingress:
              - ports:
                - port: 53
                - {}
            """;
        var ports = Assert.Single(Clean(yaml).NetworkPolicies).Ingress[0].Ports;
        Assert.Equal(new PolicyPort(Protocol.TCP, PortRef.Of(53), null, At(8, 7)), ports[0]);
        Assert.Equal(new PolicyPort(Protocol.TCP, null, null, At(9, 7)), ports[1]);
    }

    [Fact]
    public void Quoted_number_is_a_port_name_and_is_rejected_like_the_api_server_does()
    {
        var loaded = Load("""
            kind: NetworkPolicy
            apiVersion: networking.k8s.io/v1
            metadata: {name: p}
            spec:
              podSelector: {}
              ingress:
              - ports:
                - port: "80"
            """);
        Assert.Equal("m.yaml:8:13: invalid-port: NetworkPolicy default/p: spec.ingress[0].ports[0].port: \"80\" is not a valid port name (a port name must contain at least one letter (write a port number without quotes))", Messages(loaded));
        Assert.Equal(PortRef.Of("80"), loaded.Cluster.NetworkPolicies[0].Ingress[0].Ports[0].Port);
    }

    [Theory]
    [InlineData("port: 0", "8:14: invalid-port: NetworkPolicy default/p: spec.ingress[0].ports[0].port: 0 is not a valid port (expected 1-65535)")]
    [InlineData("port: 65536", "8:14: invalid-port: NetworkPolicy default/p: spec.ingress[0].ports[0].port: 65536 is not a valid port (expected 1-65535)")]
    [InlineData("endPort: 90", "8:17: invalid-port: NetworkPolicy default/p: spec.ingress[0].ports[0].endPort: endPort needs a numeric port (set port to the start of the range)")]
    [InlineData("protocol: tcp", "8:18: invalid-port: NetworkPolicy default/p: spec.ingress[0].ports[0].protocol: \"tcp\" is not a supported protocol (expected TCP, UDP or SCTP)")]
    [InlineData("port: Web_Port", "8:14: invalid-port: NetworkPolicy default/p: spec.ingress[0].ports[0].port: \"Web_Port\" is not a valid port name (a port name may contain only lowercase letters, digits and '-')")]
    [InlineData("port: 80, endPort: 70000", "8:27: invalid-port: NetworkPolicy default/p: spec.ingress[0].ports[0].endPort: 70000 is not a valid port (expected 1-65535)")]
    public void Invalid_ports_are_reported(string port, string expected)
    {
        var loaded = Load($$"""
            kind: NetworkPolicy
            apiVersion: networking.k8s.io/v1
            metadata: {name: p}
            spec:
              podSelector: {}
              ingress:
              - ports:
                - {{{port}}}
            """);
        Assert.Equal("m.yaml:" + expected, Messages(loaded));
    }

    [Theory]
    [InlineData("{key: a, operator: In}", "10:7: invalid-selector: NetworkPolicy default/p: spec.podSelector.matchExpressions[0].values: operator In needs at least one value")]
    [InlineData("{key: a, operator: NotIn, values: []}", "10:41: invalid-selector: NetworkPolicy default/p: spec.podSelector.matchExpressions[0].values: operator NotIn needs at least one value")]
    [InlineData("{key: a, operator: Exists, values: [x]}", "10:42: invalid-selector: NetworkPolicy default/p: spec.podSelector.matchExpressions[0].values: operator Exists takes no values (remove them)")]
    [InlineData("{key: a, operator: DoesNotExist, values: [x]}", "10:48: invalid-selector: NetworkPolicy default/p: spec.podSelector.matchExpressions[0].values: operator DoesNotExist takes no values (remove them)")]
    [InlineData("{key: -a, operator: Exists}", "10:13: invalid-selector: NetworkPolicy default/p: spec.podSelector.matchExpressions[0].key: \"-a\" is not a valid label key (a label key is an optional DNS-subdomain prefix and '/', then a name of letters, digits, '-', '_' and '.', starting and ending with a letter or digit)")]
    [InlineData("{key: a, operator: In, values: [\"b c\"]}", "10:39: invalid-selector: NetworkPolicy default/p: spec.podSelector.matchExpressions[0].values[0]: \"b c\" is not a valid label value (a label value is empty or letters, digits, '-', '_' and '.', starting and ending with a letter or digit)")]
    [InlineData("{key: a, operator: In, values: [true]}", "10:39: invalid-object: NetworkPolicy default/p: spec.podSelector.matchExpressions[0].values[0]: true is read as a boolean, but a string is expected (quote it: \"true\")")]
    public void Invalid_selectors_are_reported(string expression, string expected)
    {
        var loaded = Load($"""
            kind: NetworkPolicy
            apiVersion: networking.k8s.io/v1
            metadata:
              name: p
            spec:
              podSelector:
                matchLabels:
                  ok: yes-really
                matchExpressions:
                - {expression}
            """);
        Assert.Equal("m.yaml:" + expected, Messages(loaded));
    }

    [Fact]
    public void Ipv6_cidrs_are_accepted_and_checked()
    {
        var loaded = Load("""
            kind: NetworkPolicy
            apiVersion: networking.k8s.io/v1
            metadata: {name: p}
            spec:
              podSelector: {}
              egress:
              - to:
                - ipBlock: {cidr: "2001:db8::/32", except: ["2001:db8:1::/48", "2001:db9::/48", "10.0.0.0/8"]}
                - ipBlock: {cidr: "2001:db8::/129"}
            """);
        Assert.Equal("""
            m.yaml:8:68: invalid-cidr: NetworkPolicy default/p: spec.egress[0].to[0].ipBlock.except[1]: "2001:db9::/48" is not inside cidr 2001:db8::/32 (an except must be a strict subset of cidr)
            m.yaml:8:85: invalid-cidr: NetworkPolicy default/p: spec.egress[0].to[0].ipBlock.except[2]: "10.0.0.0/8" is not inside cidr 2001:db8::/32 (an except must be a strict subset of cidr)
            m.yaml:9:23: invalid-cidr: NetworkPolicy default/p: spec.egress[0].to[1].ipBlock.cidr: "2001:db8::/129" is not a valid CIDR (expected a.b.c.d/n or an IPv6 prefix)
            """, Messages(loaded));
    }

    [Fact]
    public void Null_peer_is_an_empty_peer()
    {
        var loaded = Load("""
            kind: NetworkPolicy
            apiVersion: networking.k8s.io/v1
            metadata: {name: p}
            spec:
              podSelector: {}
              ingress:
              - from:
                -
            """);
        Assert.StartsWith("m.yaml:8:6: invalid-peer: NetworkPolicy default/p: spec.ingress[0].from[0]: a peer must set", Messages(loaded));
    }

    [Fact]
    public void MatchLabels_entries_with_the_same_value_share_one_value_list()
    {
        static string Policy(string name, string tier) => $$"""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: {{name}}, namespace: shop}
            spec:
              podSelector:
                matchLabels: {app: api, tier: {{tier}}}
            """;
        var cluster = Clean(Policy("a", "web") + "\n---\n" + Policy("b", "db"));
        var (a, b) = (cluster.NetworkPolicies[0].PodSelector.Requirements, cluster.NetworkPolicies[1].PodSelector.Requirements);
        Assert.Equal("api", Assert.Single(a[0].Values));
        Assert.Equal("web", Assert.Single(a[1].Values));
        Assert.Equal("db", Assert.Single(b[1].Values));
        // The same value: one list, read-only, so sharing it cannot change either selector.
        Assert.True(a[0].Values == b[0].Values);
        Assert.False(a[1].Values == b[1].Values);
    }
}
