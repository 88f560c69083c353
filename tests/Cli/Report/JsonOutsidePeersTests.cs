using System.Text.Json;
using System.Text.RegularExpressions;

namespace PolicyLint.Cli.Tests.Report;

/// <summary>
/// docs/report-json.md, "Outside peers": "Under the default profile the outside peers of each
/// workload that allow the same connections are one peer ... a workload that no policy isolates
/// has one connection to and one from every outside address"; "under --profile netpol-analyzer
/// ... one per range the engine cuts". The HTML page embeds the same connections, and the rules
/// behind a merged one are those of every range in it (docs/report-html.md).
/// </summary>
public sealed class JsonOutsidePeersTests
{
    private const string Everything = "0.0.0.0-255.255.255.255[External]";
    private const string Databases = "10.0.0.0-10.255.255.255,192.168.0.0-192.168.255.255[External]";
    private const string Web = "172.16.0.0-172.31.255.255[External]";

    // db admits 10/8 and 192.168/16 by two rules with the same port (one peer after merging) and
    // 172.16/12 on another port; open is selected by no policy.
    private const string Yaml = """
        apiVersion: v1
        kind: Pod
        metadata: {name: open, namespace: a, labels: {app: open}}
        spec: {containers: [{name: c, image: nginx}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: a, labels: {app: db}}
        spec: {containers: [{name: c, image: postgres}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-from-outside, namespace: a}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
          ingress:
          - from: [{ipBlock: {cidr: 10.0.0.0/8}}]
            ports: [{protocol: TCP, port: 5432}]
          - from: [{ipBlock: {cidr: 192.168.0.0/16}}]
            ports: [{protocol: TCP, port: 5432}]
          - from: [{ipBlock: {cidr: 172.16.0.0/12}}]
            ports: [{protocol: TCP, port: 80}]
        """;

    [Fact]
    public void A_workload_no_policy_isolates_has_one_connection_each_way_for_every_outside_address()
    {
        using var report = Report("default");
        var connections = Connections(report);

        Assert.Equal([Everything], connections.Where(c => c.Dst == "a/open[Pod]" && c.Src.EndsWith("[External]")).Select(c => c.Src));
        Assert.Equal([Everything], connections.Where(c => c.Src == "a/open[Pod]" && c.Dst.EndsWith("[External]")).Select(c => c.Dst));
    }

    [Fact]
    public void Outside_ranges_with_the_same_connections_to_a_workload_are_one_peer_listing_its_ranges()
    {
        using var report = Report("default");
        var root = report.RootElement;

        Assert.Equal([Databases, Web], Connections(report).Where(c => c.Dst == "a/db[Pod]").Select(c => c.Src));
        var merged = root.GetProperty("peers").EnumerateArray().Single(p => p.GetProperty("id").GetString() == Databases);
        Assert.Equal("external", merged.GetProperty("type").GetString());
        Assert.Equal(["10.0.0.0-10.255.255.255", "192.168.0.0-192.168.255.255"], merged.GetProperty("ranges").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("netpol-analyzer")]
    public void Every_connection_names_listed_peers_and_allowed_pairs_counts_the_connections(string profile)
    {
        using var report = Report(profile);
        var root = report.RootElement;
        var peers = root.GetProperty("peers").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();

        Assert.Equal(peers.Order(StringComparer.Ordinal), peers);
        Assert.All(Connections(report), c => Assert.True(peers.Contains(c.Src) && peers.Contains(c.Dst), $"{c.Src} -> {c.Dst}"));
        Assert.Equal(root.GetProperty("connections").GetArrayLength(), root.GetProperty("summary").GetProperty("allowedPairs").GetInt32());
    }

    [Fact]
    public void The_netpol_analyzer_profile_keeps_one_connection_per_range_the_engine_cuts()
    {
        using var report = Report("netpol-analyzer");

        var fromOutside = Connections(report).Where(c => c.Dst == "a/open[Pod]" && c.Src.EndsWith("[External]")).ToList();
        Assert.True(fromOutside.Count > 1, $"{fromOutside.Count} outside sources");
        Assert.Contains(fromOutside, c => c.Src == "10.0.0.0-10.255.255.255[External]");
    }

    [Fact]
    public void The_html_page_lists_the_rules_of_every_range_of_a_merged_peer()
    {
        var html = CliRun.In(RepositoryRoot.Path, Yaml, "report", "-", "--format", "html").Out;
        var json = Regex.Match(html, "<script type=\"application/json\" id=\"policylint-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var data = JsonDocument.Parse(json);
        var root = data.RootElement;

        var index = Connections(data).FindIndex(c => c.Src == Databases && c.Dst == "a/db[Pod]");
        var ingress = root.GetProperty("allowedBy")[index][1].EnumerateArray().Select(i => root.GetProperty("rules")[i.GetInt32()][0].GetString()).ToList();
        Assert.Equal(2, ingress.Distinct().Count());
        Assert.All(ingress, rule => Assert.Contains("db-from-outside", rule));
    }

    private static JsonDocument Report(string profile)
    {
        var run = CliRun.In(RepositoryRoot.Path, Yaml, "report", "-", "--format", "json", "--profile", profile);
        Assert.Equal(0, run.ExitCode);
        return JsonDocument.Parse(run.Out);
    }

    private static List<(string Src, string Dst)> Connections(JsonDocument report) =>
    [
        .. report.RootElement.GetProperty("connections").EnumerateArray()
            .Select(c => (c.GetProperty("src").GetString()!, c.GetProperty("dst").GetString()!)),
    ];
}
