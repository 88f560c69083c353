using System.Collections.Immutable;
using System.Text;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Tests.Manifests;

/// <summary>
/// The can-reach pre-scan (docs/can-reach.md, "Reading only what the pair needs") on tricky
/// text: it may only skip what it reads with certainty, and what it keeps stays at its line.
/// YAML 1.2, 9.1.2: "a line beginning with '---' or '...' [at column 0] ... is a document
/// marker"; anything else (flow style, anchors, multi-line scalars) is left to the parser.
/// </summary>
public sealed class DocumentPrescanTests
{
    private static readonly NamespaceFocus Focus = new(ImmutableSortedSet.Create(StringComparer.Ordinal, "a", "b"), "default");

    private static string Pod(string ns, string name = "p") => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
          namespace: {ns}
          labels:
            app: {name}
        spec:
          containers:
          - name: c
            image: nginx

        """;

    private static (string Text, SkippedObjects Skipped) Scan(string text, NamespaceFocus? focus = null)
    {
        var result = DocumentPrescan.Apply(Encoding.UTF8.GetBytes(text), focus ?? Focus);
        return (Encoding.UTF8.GetString(result.Text), result.Skipped);
    }

    /// <summary>Every line kept is unchanged and at its place; every line skipped is empty.</summary>
    private static void AssertBlanksOnly(string input, string output)
    {
        var before = input.Split('\n');
        var after = output.Split('\n');
        Assert.Equal(before.Length, after.Length);
        for (var i = 0; i < before.Length; i++)
        {
            Assert.True(after[i] == before[i] || after[i].Trim('\r', '\uFEFF').Length == 0, $"line {i + 1}: '{before[i]}' became '{after[i]}'");
        }
    }

    [Fact]
    public void Skips_the_pods_of_other_namespaces_and_keeps_the_lines_of_the_others()
    {
        var input = Pod("other") + "---\n" + Pod("a") + "---\n" + Pod("b");
        var (output, skipped) = Scan(input);

        AssertBlanksOnly(input, output);
        Assert.Equal(1, skipped.Count);
        Assert.DoesNotContain("namespace: other", output);
        Assert.Contains("namespace: a", output);
        Assert.Contains("namespace: b", output);
    }

    [Fact]
    public void An_object_without_a_namespace_is_in_the_default_namespace()
    {
        var input = Pod("x").Replace("  namespace: x\n", "");
        Assert.Equal(1, Scan(input).Skipped.Count);
        Assert.Equal(0, Scan(input, Focus with { DefaultNamespace = "a" }).Skipped.Count);
    }

    [Fact]
    public void A_namespace_under_spec_or_in_a_block_scalar_is_not_the_object_s()
    {
        var input = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cm
              namespace: a
              annotations:
                note: |
                  metadata:
                    namespace: other
            ---
            data:
              x: |
                ---
                kind: Pod
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              namespace: a

            """;
        var (output, skipped) = Scan(input);

        // the first is in a; the second's metadata has no namespace (default), whatever spec says
        Assert.Equal(1, skipped.Count);
        Assert.Contains("namespace: other", output);
        Assert.DoesNotContain("kind: Pod", output);
    }

    [Fact]
    public void Kind_inside_a_nested_mapping_is_not_the_object_s()
    {
        var input = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: s
              namespace: other
            data:
              kind: Pod

            """;
        Assert.Equal(0, Scan(input).Skipped.Count);
    }

    [Fact]
    public void Comments_crlf_a_byte_order_mark_and_quoted_values_are_read()
    {
        var input = "\uFEFF# leading comment\r\napiVersion: \"v1\"\r\nkind: 'Pod' # a pod\r\nmetadata:\r\n  # the namespace\r\n  name: p\r\n  namespace: \"other\"\r\n";
        var (output, skipped) = Scan(input);

        Assert.Equal(1, skipped.Count);
        AssertBlanksOnly(input, output);
        Assert.Equal(input.Split('\n').Length, output.Split('\n').Length);
    }

    [Theory]
    [InlineData("{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\", \"namespace\": \"other\"}}\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: other}\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: &m\n  name: p\n  namespace: other\n")]
    [InlineData("apiVersion: v1\nkind: !!str Pod\nmetadata:\n  name: p\n  namespace: other\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"p\n    q\"\n  namespace: other\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n\tname: p\n  namespace: other\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nkind: Pod\nmetadata:\n  name: p\n  namespace: other\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: other\n  namespace: a\n")]
    [InlineData("--- {apiVersion: v1, kind: Pod, metadata: {name: p, namespace: other}}\n")]
    [InlineData("%YAML 1.2\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: other\n")]
    [InlineData("apiVersion: v1\rkind: Pod\nmetadata:\n  name: p\n  namespace: other\n")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ''\n")]
    public void What_the_scan_cannot_read_with_certainty_is_kept(string input)
    {
        var (output, skipped) = Scan(input);
        Assert.Equal(0, skipped.Count);
        Assert.Equal(input, output);
    }

    [Fact]
    public void The_items_of_a_list_are_skipped_one_by_one_and_the_list_stays_a_list()
    {
        var input = """
            apiVersion: v1
            items:
            - apiVersion: v1
              kind: Pod
              metadata:
                name: p1
                namespace: other
                ownerReferences:
                - apiVersion: apps/v1
                  kind: ReplicaSet
                  name: web-1
                  controller: true
            - apiVersion: v1
              kind: Pod
              metadata:
                name: p2
                namespace: a
            - metadata:
                name: p3
                namespace: other
            kind: List
            metadata:
              resourceVersion: ""

            """;
        var (output, skipped) = Scan(input);

        AssertBlanksOnly(input, output);
        Assert.Equal(1, skipped.Count);
        Assert.Contains(("other", "web-1"), skipped.Owners);
        Assert.DoesNotContain("p1", output);
        Assert.Contains("p2", output);
        Assert.Contains("p3", output); // no kind of its own: kept
        Assert.Contains("kind: List", output);
    }

    [Fact]
    public void An_unreadable_item_stops_the_skipping_of_its_list()
    {
        var header = "apiVersion: v1\nkind: List\nitems:\n";
        var item = (string ns, string name) => $"- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: {name}\n    namespace: {ns}\n";
        var input = header + item("other", "p1") + "- apiVersion: v1\n  kind: Pod\n  metadata: &m\n    name: p2\n    namespace: other\n" + item("other", "p3");
        var (output, skipped) = Scan(input);

        Assert.Equal(1, skipped.Count);
        Assert.Contains("p2", output);
        Assert.Contains("p3", output);

        // kubectl writes the list's kind after the items: before an unreadable line, it is unknown
        var trailing = "apiVersion: v1\nitems:\n" + item("other", "p1") + "- apiVersion: v1\n  kind: Pod\n  metadata: &m\n    name: p2\n" + "kind: List\n";
        Assert.Equal(0, Scan(trailing).Skipped.Count);
    }

    [Theory]
    [InlineData("replicas: 3", 1)]
    [InlineData("replicas: 0", 0)]
    [InlineData("replicas: \"2\"", 0)]
    [InlineData("replicas: 01", 0)]
    [InlineData("paused: true", 1)]
    public void A_controller_is_skipped_only_when_it_certainly_runs_pods(string line, int expected)
    {
        var input = $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: other
            spec:
              {line}
              template:
                metadata:
                  labels:
                    app: web

            """;
        Assert.Equal(expected, Scan(input).Skipped.Count);
    }

    [Fact]
    public void Skipped_network_policies_and_services_leave_their_label_keys_and_address_blocks()
    {
        var input = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: np
              namespace: other
            spec:
              podSelector:
                matchLabels:
                  app: web
              ingress:
              - from:
                - podSelector:
                    matchExpressions:
                    - key: tier
                      operator: In
                      values: [front]
                - ipBlock:
                    cidr: 10.0.0.0/8
                    except:
                    - 10.1.0.0/16
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: svc
              namespace: other
            spec:
              selector:
                role: primary
              ports:
              - port: 80

            """;
        var (_, skipped) = Scan(input);

        Assert.Equal(2, skipped.Count);
        Assert.Superset(ImmutableHashSet.Create("app", "tier", "role"), skipped.LabelKeys);
        Assert.Equal(ImmutableHashSet.Create("10.0.0.0/8", "10.1.0.0/16"), skipped.AddressBlocks);
    }

    [Theory]
    [InlineData("v1", "Namespace")]
    [InlineData("v1", "Endpoints")]
    [InlineData("discovery.k8s.io/v1", "EndpointSlice")]
    [InlineData("projectcalico.org/v3", "NetworkPolicy")]
    [InlineData("cilium.io/v2", "CiliumNetworkPolicy")]
    [InlineData("crd.antrea.io/v1beta1", "NetworkPolicy")]
    [InlineData("route.openshift.io/v1", "Route")]
    [InlineData("v1", "Secret")]
    public void Kinds_that_can_matter_to_other_namespaces_or_are_not_modelled_are_always_read(string apiVersion, string kind)
    {
        var input = $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: x\n  namespace: other\n";
        Assert.Equal(0, Scan(input).Skipped.Count);
    }

    [Fact]
    public void A_focused_load_of_the_demo_reads_only_the_pair_s_workloads_and_the_same_positions()
    {
        var demo = RepositoryRoot.TestData("demo");
        var focus = new NamespaceFocus(ImmutableSortedSet.Create(StringComparer.Ordinal, "storefront", "shop-api"), "default");
        var full = ClusterLoader.Load([demo]);
        var partial = ClusterLoader.Load([demo], options: new LoadOptions { Focus = focus });

        Assert.True(partial.Skipped.Count > 0);
        Assert.All(partial.Cluster.Workloads, w => Assert.True(focus.Includes(w.Namespace), w.Id));
        var expected = full.Cluster.Workloads.Where(w => focus.Includes(w.Namespace)).Select(w => (w.Id, w.Meta.Span)).ToList();
        Assert.Equal(expected, partial.Cluster.Workloads.Select(w => (w.Id, w.Meta.Span)).ToList());
        Assert.Equal(full.Cluster.Namespaces.Select(n => n.Name).Where(focus.Includes), partial.Cluster.Namespaces.Select(n => n.Name).Where(focus.Includes));
        Assert.DoesNotContain(partial.Diagnostics, d => d.RuleId == "no-objects");
    }
}
