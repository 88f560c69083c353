using System.Text;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Tests.Model;

namespace PolicyLint.Analyzer.Tests.Manifests;

/// <summary>Files, directories, stdin, List dumps, JSON, BOM, CRLF and anchors, through the loader.</summary>
public sealed class ManifestReaderTests
{
    private const string Pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: p}\n";

    [Fact]
    public void Kubectl_list_with_items_before_kind_is_flattened()
    {
        var loaded = Loading.Load("""
            apiVersion: v1
            items:
            - apiVersion: v1
              kind: Pod
              metadata: {name: a, namespace: x}
            - apiVersion: v1
              kind: Service
              metadata: {name: s, namespace: x}
              spec: {ports: [{port: 80}]}
            kind: List
            metadata:
              resourceVersion: ""
            """);
        Assert.Empty(loaded.Diagnostics);
        Assert.Equal("x/a[Pod]", Assert.Single(loaded.Cluster.Workloads).Id);
        Assert.Equal(Loading.At(3, 3), loaded.Cluster.Workloads[0].Meta.Span);
        Assert.Single(loaded.Cluster.Services);
    }

    [Theory]
    [InlineData("kind: PodList\napiVersion: v1\nitems:\n- metadata: {name: a}\n- metadata: {name: b}\n")]
    [InlineData("apiVersion: v1\nitems:\n- metadata: {name: a}\n- metadata: {name: b}\nkind: PodList\n")]
    public void Typed_list_items_without_kind_take_the_element_kind(string yaml)
    {
        var loaded = Loading.Load(yaml);
        Assert.Empty(loaded.Diagnostics);
        Assert.Equal(["default/a[Pod]", "default/b[Pod]"], loaded.Cluster.Workloads.Select(w => w.Id));
    }

    [Fact]
    public void Namespace_list_items_are_namespaces()
    {
        var loaded = Loading.Load("{\"kind\": \"NamespaceList\", \"apiVersion\": \"v1\", \"items\": [{\"metadata\": {\"name\": \"dev\", \"labels\": {\"env\": \"dev\"}}}]}");
        var ns = Assert.Single(loaded.Cluster.Namespaces);
        Assert.True(ns.Declared);
        Assert.Equal("dev", ns.Labels["env"]);
        Assert.Equal("dev", ns.Labels[Namespace.NameLabel]);
    }

    [Fact]
    public void Plain_list_item_without_kind_is_skipped_with_a_warning()
    {
        var loaded = Loading.Load("apiVersion: v1\nkind: List\nitems:\n- metadata: {name: a}\n");
        Assert.Equal("m.yaml:4:3: not-kubernetes: list item has no apiVersion and kind: not a Kubernetes object, skipped", Loading.Messages(loaded));
    }

    [Fact]
    public void Document_without_kind_is_skipped_with_a_warning_naming_the_file()
    {
        var loaded = ClusterLoader.LoadTexts([("values.json", "{\"replicaCount\": 2}"), ("pod.yaml", Pod)]);
        Assert.Equal("values.json:1:1: not-kubernetes: the document has no apiVersion and no kind: not a Kubernetes object, skipped", Loading.Messages(loaded));
        Assert.False(loaded.HasErrors);
        Assert.Single(loaded.Cluster.Workloads);
    }

    [Fact]
    public void Json_objects_load_with_positions()
    {
        var json = "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Service\",\n\t\"metadata\": {\"name\": \"s\"},\n\t\"spec\": {\"ports\": [{\"port\": 80, \"targetPort\": \"8080\"}]}\n}\n";
        var loaded = ClusterLoader.LoadTexts([("s.json", json)]);
        var service = Assert.Single(loaded.Cluster.Services);
        Assert.Equal(new SourceSpan("s.json", 1, 1), service.Meta.Span);
        Assert.Equal(new SourceSpan("s.json", 5, 21), service.Ports[0].Span);
        // "8080" is a JSON string: a port name, and not a valid one.
        Assert.Equal(PortRef.Of("8080"), service.Ports[0].TargetPort);
        Assert.Equal("s.json:5:48: invalid-port: Service default/s: spec.ports[0].targetPort: \"8080\" is not a valid port name (a port name must contain at least one letter (write a port number without quotes))", Loading.Messages(loaded));
    }

    [Fact]
    public void Byte_order_mark_and_crlf_line_ends_do_not_shift_positions_or_values()
    {
        var text = "\uFEFF" + Pod.Replace("\n", "\r\n") + "spec:\r\n  containers:\r\n  - name: c\r\n    ports:\r\n    - {containerPort: 80, name: http}\r\n";
        var loaded = ClusterLoader.LoadTexts([("crlf.yaml", text)]);
        Assert.Empty(loaded.Diagnostics);
        var workload = Assert.Single(loaded.Cluster.Workloads);
        Assert.Equal(new SourceSpan("crlf.yaml", 1, 1), workload.Meta.Span);
        Assert.Equal("p", workload.Pods[0].Labels["app"]);
        var port = workload.Pods[0].Ports.Single();
        Assert.Equal("http", port.Name);
        Assert.Equal(new SourceSpan("crlf.yaml", 10, 7), port.Span);
    }

    [Fact]
    public void Byte_order_mark_in_a_file_is_skipped()
    {
        var dir = Directory.CreateTempSubdirectory("policylint-bom-");
        try
        {
            var path = Path.Combine(dir.FullName, "bom.yaml");
            File.WriteAllText(path, Pod, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            Assert.Equal(0xEF, File.ReadAllBytes(path)[0]);
            var loaded = ClusterLoader.Load([path]);
            Assert.Empty(loaded.Diagnostics);
            Assert.Equal(new SourceSpan(path, 1, 1), Assert.Single(loaded.Cluster.Workloads).Meta.Span);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Anchors_and_aliases_share_values_and_point_at_the_anchor()
    {
        // Anchors are scoped to one document (YAML), so the sharing happens inside a List.
        var cluster = Loading.Clean("""
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Pod
              metadata:
                name: a
                labels: &labels {app: shared}
            - apiVersion: v1
              kind: Pod
              metadata:
                name: b
                labels: *labels
              spec:
                containers:
                - &container {name: c, ports: [{containerPort: 80}]}
                - *container
            """);
        Assert.Equal(2, cluster.Workloads.Length);
        Assert.All(cluster.Workloads, w => Assert.Equal("shared", w.Pods[0].Labels["app"]));
        var containers = cluster.Workloads[1].Pods[0].Containers;
        Assert.Equal(2, containers.Length);
        Assert.Equal(containers[0].Span, containers[1].Span);
        Assert.Equal(Loading.At(16, 7), containers[1].Span);
    }

    [Fact]
    public void Stdin_is_read_for_dash_and_named_dash_in_spans()
    {
        var loaded = ClusterLoader.Load(["-"], new StringReader(Pod));
        Assert.Equal<string>(["-"], loaded.Files);
        Assert.Equal(new SourceSpan("-", 1, 1), Assert.Single(loaded.Cluster.Workloads).Meta.Span);
    }

    [Fact]
    public void Directories_are_read_recursively_in_ordinal_order_with_only_manifest_extensions()
    {
        var dir = Directory.CreateTempSubdirectory("policylint-dir-");
        var previous = Environment.CurrentDirectory;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "input", "sub"));
            Directory.CreateDirectory(Path.Combine(dir.FullName, "input", ".git"));
            File.WriteAllText(Path.Combine(dir.FullName, "input", "b.yml"), Pod.Replace("name: p", "name: b"));
            File.WriteAllText(Path.Combine(dir.FullName, "input", "B.yaml"), Pod.Replace("name: p", "name: upper"));
            File.WriteAllText(Path.Combine(dir.FullName, "input", "sub", "a.JSON"), "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"}}");
            File.WriteAllText(Path.Combine(dir.FullName, "input", "notes.txt"), "not yaml: [");
            File.WriteAllText(Path.Combine(dir.FullName, "input", "expected.md"), "# nope");
            File.WriteAllText(Path.Combine(dir.FullName, "input", ".git", "config.yaml"), "[broken");
            Environment.CurrentDirectory = dir.FullName;
            var loaded = ClusterLoader.Load(["input"]);
            Assert.Empty(loaded.Diagnostics);
            Assert.Equal<string>(["input/B.yaml", "input/b.yml", "input/sub/a.JSON"], loaded.Files);
            Assert.Equal(new SourceSpan("input/sub/a.JSON", 1, 1), loaded.Cluster.Workloads.Single(w => w.Name == "a").Meta.Span);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_directory_without_manifests_is_a_warning()
    {
        var dir = Directory.CreateTempSubdirectory("policylint-emptydir-");
        try
        {
            var loaded = ClusterLoader.Load([dir.FullName]);
            Assert.Equal($"{dir.FullName}:1:1: no-objects: directory has no .yaml, .yml or .json files", Loading.Messages(loaded));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Kinds_that_are_not_modelled_are_counted()
    {
        var loaded = Loading.Load("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: a}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: b}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: c}\n");
        Assert.Empty(loaded.Diagnostics);
        Assert.Equal([KeyValuePair.Create("Role", 2), KeyValuePair.Create("Secret", 1)], loaded.SkippedKinds.ToArray());
    }

    [Fact]
    public void Diagnostics_are_sorted_by_file_line_and_column()
    {
        var loaded = ClusterLoader.LoadTexts([
            ("b.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: Nope, ports: [{port: 0}]}\n"),
            ("a.yaml", "[1, 2]\n"),
        ]);
        Assert.Equal(["a.yaml", "b.yaml", "b.yaml"], loaded.Diagnostics.Select(d => d.Span.File));
        Assert.True(loaded.Diagnostics[1].Span.Column < loaded.Diagnostics[2].Span.Column);
    }

    [Fact]
    public void An_alias_to_an_anchor_of_another_document_is_invalid_yaml()
    {
        var loaded = Loading.Load("apiVersion: v1\nkind: Namespace\nmetadata: &m {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: *m\n");
        Assert.Equal("m.yaml:7:11: invalid-yaml: alias *m names no anchor defined before it (an alias may not point into its own anchored node)", Loading.Messages(loaded));
        Assert.NotNull(loaded.Cluster.FindNamespace("a"));
    }
}
