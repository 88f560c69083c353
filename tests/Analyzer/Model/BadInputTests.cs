using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Tests.Model;

/// <summary>
/// Each bad input gives exactly the expected message line, no exception, and the other file
/// (testdata/loading/good.yaml) is still read.
/// </summary>
public sealed class BadInputTests
{
    private static LoadedCluster LoadWithGoodFile(string fixture)
    {
        var text = File.ReadAllText(RepositoryRoot.TestData(Path.Combine("invalid", fixture)));
        return LoadWithGoodFileText(fixture, text);
    }

    internal static LoadedCluster LoadWithGoodFileText(string name, string text)
    {
        var good = File.ReadAllText(RepositoryRoot.TestData(Path.Combine("loading", "good.yaml")));
        var loaded = ClusterLoader.LoadTexts([(name, text), ("good.yaml", good)]);
        Assert.Contains(loaded.Cluster.Workloads, w => w.Id == "shop/web[Deployment]");
        Assert.Equal<string>([name, "good.yaml"], loaded.Files);
        return loaded;
    }

    internal static void AssertMessages(LoadedCluster loaded, params string[] expected) =>
        Assert.Equal(string.Join("\n", expected), string.Join("\n", loaded.Diagnostics.Select(d => d.ToString())));

    [Fact]
    public void Malformed_yaml_is_one_invalid_yaml_error_with_the_parser_reason()
    {
        var loaded = LoadWithGoodFile("malformed.yaml");
        AssertMessages(loaded, "malformed.yaml:5:11: invalid-yaml: not valid YAML: the parser could not finish the construct that starts here (an unclosed bracket, brace or quote?)");
        Assert.True(loaded.HasErrors);
    }

    [Fact]
    public void Yaml_syntax_error_reports_the_parser_reason_and_keeps_earlier_documents()
    {
        var text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: first\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a: b\n";
        var loaded = LoadWithGoodFileText("colon.yaml", text);
        AssertMessages(loaded, "colon.yaml:9:10: invalid-yaml: not valid YAML: While scanning a plain scalar value, found invalid mapping. (the rest of this file is not read)");
        Assert.NotNull(loaded.Cluster.FindNamespace("first"));
    }

    [Fact]
    public void A_scalar_where_a_mapping_belongs_is_invalid_object()
    {
        var loaded = LoadWithGoodFile("scalar-where-map.yaml");
        AssertMessages(loaded, "scalar-where-map.yaml:7:16: invalid-object: NetworkPolicy shop/scalar-spec: spec.podSelector: expected a mapping, found the scalar frontend");
        Assert.Equal(ObjectRefOf("NetworkPolicy", "shop", "scalar-spec"), loaded.Diagnostics[0].Object);
    }

    [Fact]
    public void Unknown_selector_operator_is_invalid_selector()
    {
        var loaded = LoadWithGoodFile("unknown-operator.yaml");
        AssertMessages(loaded, "unknown-operator.yaml:10:17: invalid-selector: NetworkPolicy shop/bad-operator: spec.podSelector.matchExpressions[0].operator: \"Equals\" is not a valid operator (expected In, NotIn, Exists or DoesNotExist)");
    }

    [Fact]
    public void Cidr_with_prefix_33_is_invalid_cidr()
    {
        var loaded = LoadWithGoodFile("cidr-33.yaml");
        AssertMessages(loaded, "cidr-33.yaml:11:15: invalid-cidr: NetworkPolicy shop/wide-cidr: spec.ingress[0].from[0].ipBlock.cidr: \"10.0.0.0/33\" is not a valid CIDR (expected a.b.c.d/n or an IPv6 prefix)");
    }

    [Fact]
    public void Except_outside_its_cidr_is_invalid_cidr()
    {
        var loaded = LoadWithGoodFile("except-outside.yaml");
        AssertMessages(loaded, "except-outside.yaml:14:11: invalid-cidr: NetworkPolicy shop/stray-except: spec.egress[0].to[0].ipBlock.except[1]: \"192.168.0.0/16\" is not inside cidr 10.0.0.0/8 (an except must be a strict subset of cidr)");
    }

    [Fact]
    public void End_port_below_port_is_invalid_port()
    {
        var loaded = LoadWithGoodFile("endport-below-port.yaml");
        AssertMessages(loaded, "endport-below-port.yaml:11:16: invalid-port: NetworkPolicy shop/backwards-range: spec.ingress[0].ports[0].endPort: endPort 8000 is below port 8080 (expected endPort >= port)");
    }

    [Fact]
    public void Named_port_with_end_port_is_invalid_port()
    {
        var loaded = LoadWithGoodFile("named-port-endport.yaml");
        AssertMessages(loaded, "named-port-endport.yaml:11:16: invalid-port: NetworkPolicy shop/named-range: spec.ingress[0].ports[0].endPort: endPort cannot be used with the named port \"http\" (expected a numeric port)");
    }

    [Fact]
    public void Peer_with_ip_block_and_selector_is_invalid_peer()
    {
        var loaded = LoadWithGoodFile("ipblock-with-selector.yaml");
        AssertMessages(loaded, "ipblock-with-selector.yaml:10:7: invalid-peer: NetworkPolicy shop/mixed-peer: spec.ingress[0].from[0]: ipBlock cannot be combined with podSelector in one peer (expected either ipBlock alone, or podSelector and/or namespaceSelector; use two list entries)");
    }

    [Fact]
    public void Empty_peer_is_invalid_peer()
    {
        var loaded = LoadWithGoodFile("empty-peer.yaml");
        AssertMessages(loaded, "empty-peer.yaml:10:7: invalid-peer: NetworkPolicy shop/empty-peer: spec.ingress[0].from[0]: a peer must set podSelector, namespaceSelector or ipBlock (an empty peer is rejected; to allow everything, omit the from/to list)");
    }

    [Fact]
    public void Duplicate_object_names_both_places_and_keeps_the_first()
    {
        var loaded = LoadWithGoodFile("duplicate.yaml");
        AssertMessages(loaded, "duplicate.yaml:12:1: duplicate-object: Service shop/web: defined twice, first at duplicate.yaml:1:1 and again here (kind, namespace and name must be unique; this one is ignored)");
        var service = Assert.Single(loaded.Cluster.Services);
        Assert.Equal(80, service.Ports[0].Port);
    }

    [Fact]
    public void Empty_file_is_a_no_objects_warning()
    {
        var loaded = LoadWithGoodFile("empty.yaml");
        AssertMessages(loaded, "empty.yaml:1:1: no-objects: no Kubernetes objects in this file (it is empty or has only empty documents)");
        Assert.False(loaded.HasErrors);
    }

    [Fact]
    public void Binary_junk_is_one_invalid_yaml_error()
    {
        var junk = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\u0000\u0001\u0002garbage\n";
        var loaded = LoadWithGoodFileText("junk.bin.yaml", junk);
        AssertMessages(loaded, "junk.bin.yaml:4:10: invalid-yaml: found a NUL byte: this is a binary file, not YAML or JSON");
    }

    [Fact]
    public void Invalid_utf8_is_one_invalid_yaml_error_at_the_bad_byte()
    {
        var dir = Directory.CreateTempSubdirectory("policylint-utf8-");
        try
        {
            var path = Path.Combine(dir.FullName, "latin1.yaml");
            File.WriteAllBytes(path, [.. "kind: Pod\nmetadata:\n  name: caf"u8.ToArray(), 0xE9, (byte)'\n']);
            var loaded = ClusterLoader.Load([path]);
            Assert.Equal([$"{path}:3:12: invalid-yaml: invalid UTF-8 (byte 0xE9): this is a binary file or not UTF-8 text"], loaded.Diagnostics.Select(d => d.ToString()));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Alias_fan_out_beyond_the_budget_is_refused_quickly()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var loaded = LoadWithGoodFile("alias-fanout.yaml");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
        var error = Assert.Single(loaded.Diagnostics);
        Assert.Equal(RuleIds.InvalidYaml, error.RuleId);
        Assert.EndsWith("NetworkPolicy shop/alias-fanout: aliases expand to more than 1000000 nodes; refusing to expand them (a YAML bomb?)", error.ToString());
    }

    [Fact]
    public void Many_objects_sharing_one_large_aliased_node_are_bounded_by_the_input_size()
    {
        // Each Pod stays under the per-object limit (300 containers x 300 ports through aliases),
        // but 5,000 of them would add up to more than a billion visits.
        var ports = "&ports [&p {containerPort: 80}" + string.Concat(Enumerable.Repeat(", *p", 299)) + "]";
        var containers = $"[&c {{name: c, ports: {ports}}}" + string.Concat(Enumerable.Repeat(", *c", 299)) + "]";
        var text = new System.Text.StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
        text.Append($"- {{apiVersion: v1, kind: Pod, metadata: {{name: p0}}, spec: &s {{containers: {containers}}}}}\n");
        for (var i = 1; i < 5000; i++) text.Append($"- {{apiVersion: v1, kind: Pod, metadata: {{name: p{i}}}, spec: *s}}\n");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var loaded = LoadWithGoodFileText("shared.yaml", text.ToString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
        var error = Assert.Single(loaded.Diagnostics);
        Assert.Matches(@"^shared\.yaml:4:\d+: invalid-yaml: Pod default/p\d+: aliases expand to more than 32 nodes per character of input; refusing to expand them \(a YAML bomb\?\) \(the rest of this file is skipped\)$", error.ToString());
        Assert.InRange(loaded.Cluster.Workloads.Length, 2, 200);
    }

    [Fact]
    public void Billion_laughs_loads_fast_without_expanding_aliases()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var loaded = LoadWithGoodFile("yaml-bomb.yaml");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
        Assert.True(allocated < 50_000_000, $"allocated {allocated} bytes");
        Assert.Empty(loaded.Diagnostics);
        var pod = Assert.Single(loaded.Cluster.Workloads, w => w.Name == "lol");
        Assert.Equal(10, pod.Pods[0].Containers[0].Ports.Length);
    }

    [Fact]
    public void Missing_path_is_invalid_path_and_the_rest_still_loads()
    {
        var good = RepositoryRoot.TestData(Path.Combine("loading", "good.yaml"));
        var loaded = ClusterLoader.Load(["no/such/dir.yaml", good]);
        Assert.Equal(["no/such/dir.yaml:0:0: invalid-path: no/such/dir.yaml: no such file or directory"], loaded.Diagnostics.Select(d => d.ToString()));
        Assert.Contains(loaded.Cluster.Workloads, w => w.Id == "shop/web[Deployment]");
    }

    [Fact]
    public void Unreadable_file_is_invalid_path_and_the_rest_still_loads()
    {
        var good = RepositoryRoot.TestData(Path.Combine("loading", "good.yaml"));
        var dir = Directory.CreateTempSubdirectory("policylint-unreadable-");
        try
        {
            // Root reads any file whatever its mode; /proc/self/mem fails to read for everyone (EIO at offset 0).
            string path;
            if (Environment.UserName == "root" || Environment.IsPrivilegedProcess)
            {
                path = "/proc/self/mem";
                // xunit 2 cannot skip at run time; without procfs there is no unreadable file for root.
                if (!File.Exists(path)) return;
            }
            else
            {
                path = Path.Combine(dir.FullName, "secret.yaml");
                File.WriteAllText(path, "kind: Pod\n");
                File.SetUnixFileMode(path, UnixFileMode.None);
            }
            var loaded = ClusterLoader.Load([path, good]);
            var error = Assert.Single(loaded.Diagnostics);
            Assert.Equal(RuleIds.InvalidPath, error.RuleId);
            Assert.StartsWith($"{path}:0:0: invalid-path: {path}: cannot read: ", error.ToString());
            Assert.Contains(loaded.Cluster.Workloads, w => w.Id == "shop/web[Deployment]");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static ObjectRef ObjectRefOf(string kind, string ns, string name) => new(kind, ns, name);
}
