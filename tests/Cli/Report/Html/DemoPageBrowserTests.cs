using System.Text.Json;
using Microsoft.Playwright;

namespace PolicyLint.Cli.Tests.Report.Html;

/// <summary>
/// The demo's HTML report in headless Chromium, used as a reader would: it loads from file://
/// without errors or requests, the matrix colours what connlist says, namespaces expand,
/// the findings are the linter's, and search finds a workload and its neighbours.
/// </summary>
public sealed class DemoPageBrowserTests(DemoPageFixture fixture) : IClassFixture<DemoPageFixture>
{
    private async Task<(IPage Page, List<string> Errors)> Open() => await fixture.Browser!.Open(fixture.File);

    [BrowserFact]
    public async Task Demo_page_loads_without_console_errors_and_shows_every_section()
    {
        var (page, errors) = await Open();

        Assert.Empty(errors);
        var sections = await page.Locator("main > section").EvaluateAllAsync<string[]>("s => s.map(x => x.id)");
        // attackSurface is a section of the JSON report the page knows only generically: shown because the demo has data for it.
        Assert.Equal(["overview", "matrix-section", "graph-section", "attack-paths", "findings", "exposure", "services", "isolation", "connections", "section-attackSurface", "section-dependencies", "notes"], sections);
        using var report = JsonDocument.Parse(CliRun.Of("report", DemoPageFixture.Demo, "--format", "json").Out);
        Assert.Equal(report.RootElement.GetProperty("attackSurface").GetArrayLength(), await page.Locator("#table-attackSurface tbody tr").CountAsync());
        Assert.Equal(46, await page.Locator("#connections tbody tr").CountAsync()); // as connlist: outside peers merged per workload
    }

    [BrowserFact]
    public async Task Matrix_colours_every_namespace_pair_as_connlist_says()
    {
        var (page, _) = await Open();
        var expected = ExpectedLevels();

        var cells = await page.Locator("#matrix td.cell").EvaluateAllAsync<string[][]>(
            "cells => cells.map(c => [c.dataset.src, c.dataset.dst, c.dataset.level])");

        Assert.Equal(expected.Count, cells.Count(c => c[2] != "none"));
        foreach (var cell in cells)
        {
            Assert.Equal(expected.GetValueOrDefault((cell[0], cell[1]), "none"), cell[2]);
        }
        // Quoted from the text report: "postgres[StatefulSet] (isolated for ingress and egress) -> (nothing)",
        // the controller reaches coredns with "All Connections" and storefront/web on "TCP 8080" only.
        Assert.All(cells.Where(c => c[0] == "data" && c[1] != "data"), c => Assert.Equal("none", c[2]));
        Assert.Contains(cells, c => c is ["ingress-nginx", "kube-system", "all"]);
        Assert.Contains(cells, c => c is ["ingress-nginx", "storefront", "some"]);
    }

    [BrowserFact]
    public async Task Clicking_a_matrix_cell_lists_its_pairs_with_the_rules_that_allow_them()
    {
        var (page, _) = await Open();

        await page.ClickAsync("#matrix td[data-src=storefront][data-dst=shop-api]");

        var rows = await page.Locator("#matrix-pairs tbody tr").AllInnerTextsAsync();
        Assert.Equal(2, rows.Count);
        var orders = Assert.Single(rows, r => r.Contains("shop-api/orders[Deployment]"));
        Assert.Contains("TCP 8080", orders);
        // can-reach --explain (README): "allowed by NetworkPolicy storefront/web-to-api spec.egress[0] (testdata/demo/policies-storefront.yaml:68:5)"
        Assert.Contains("NetworkPolicy storefront/web-to-api egress[0] (testdata/demo/policies-storefront.yaml:68:5)", orders);
    }

    [BrowserFact]
    public async Task Clicking_a_collapsed_namespace_expands_it()
    {
        var (page, _) = await Open();
        await page.ClickAsync("#collapse-all");
        Assert.Equal(0, await page.Locator("#graph g.node[data-id='shop-api/orders[Deployment]']").CountAsync());
        Assert.Equal(1, await page.Locator("#graph g.group.collapsed[data-ns=shop-api] rect.box").CountAsync());

        await page.ClickAsync("#graph g.group[data-ns=shop-api] text.title");

        Assert.Equal(1, await page.Locator("#graph g.group.expanded[data-ns=shop-api] rect.box").CountAsync());
        Assert.Equal(4, await page.Locator("#graph g.node.workload[data-id^='shop-api/']").CountAsync());
        Assert.Equal(1, await page.Locator("#graph g.node[data-id='shop-api/orders[Deployment]']").CountAsync());
        Assert.Equal(1, await page.Locator("#graph g.group.collapsed[data-ns=storefront] rect.box").CountAsync());
    }

    [BrowserFact]
    public async Task Findings_table_lists_the_linters_findings_with_their_locations()
    {
        var (page, _) = await Open();
        using var lint = JsonDocument.Parse(CliRun.Of("lint", DemoPageFixture.Demo, "--format", "json").Out);
        var expected = lint.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("ruleId").GetString()} {f.GetProperty("file").GetString()}:{f.GetProperty("line").GetInt32()}:{f.GetProperty("column").GetInt32()}")
            .ToList();

        var shown = await page.Locator("#findings-table tbody tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => r.cells[1].textContent + ' ' + r.cells[2].textContent)");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, shown);
        var link = await page.Locator("#findings-table a", new() { HasTextString = "dns-egress-blocked" }).First.GetAttributeAsync("href");
        Assert.EndsWith("/docs/rules/dns-egress-blocked.md", link);
    }

    [BrowserFact]
    public async Task Search_finds_a_workload_and_highlights_its_neighbours()
    {
        var (page, _) = await Open();
        await page.ClickAsync("#collapse-all");

        await page.FillAsync("#search", "orders");
        Assert.Equal(["shop-api/orders[Deployment]"], await page.Locator("#search-results button.match").AllInnerTextsAsync());
        await page.PressAsync("#search", "Enter");

        Assert.Equal(1, await page.Locator("#graph g.node.hit[data-id='shop-api/orders[Deployment]']").CountAsync());
        // storefront/web reaches orders on TCP 8080 (connlist); its namespace stays collapsed, so the box lights up.
        Assert.Equal(1, await page.Locator("#graph g.node.neighbour[data-id='ns:storefront']").CountAsync());
        Assert.Contains("shop-api/orders[Deployment]", await page.InnerTextAsync("#graph-info h3"));
    }

    [BrowserFact]
    public async Task Exposure_table_has_one_row_per_exposed_entry_point()
    {
        const string exposure = "testdata/exposure";
        using var json = JsonDocument.Parse(CliRun.Of("report", exposure, "--format", "json").Out);
        var exposed = json.RootElement.GetProperty("exposure").EnumerateArray().Count(e => e.GetProperty("exposed").GetBoolean());
        var file = Path.Combine(Path.GetTempPath(), $"policylint-exposure-{Guid.NewGuid():N}.html");
        try
        {
            Assert.Equal(0, CliRun.Of("report", exposure, "--format", "html", "-o", file).ExitCode);
            var (page, errors) = await fixture.Browser!.Open(file);

            Assert.Empty(errors);
            Assert.Equal(9, exposed);
            Assert.Equal(exposed, await page.Locator("#exposure-table tr.entry-point").CountAsync());
            Assert.Contains("open", await page.InnerTextAsync("#exposure-table"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [BrowserFact]
    public async Task Invisible_characters_from_the_manifests_are_shown_as_escapes()
    {
        var directory = Directory.CreateTempSubdirectory("policylint-bidi-").FullName;
        var file = Path.Combine(directory, "report.html");
        try
        {
            // U+202E RIGHT-TO-LEFT OVERRIDE would reorder the rest of the line a reader sees.
            File.WriteAllText(Path.Combine(directory, "policy.yaml"), """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: bidi, namespace: default}
                spec:
                  podSelector: {}
                  ingress:
                    - from:
                        - ipBlock: {cidr: "10.0.0.0/8\u202Eevil"}
                """);
            CliRun.In(directory, "", "report", "policy.yaml", "--format", "html", "-o", file);
            var (page, errors) = await fixture.Browser!.Open(file);

            var message = await page.InnerTextAsync("#findings-table tbody tr:first-child td:nth-child(4)");
            Assert.Contains("10.0.0.0/8\\u202eevil", message);
            Assert.DoesNotContain("\u202E", message, StringComparison.Ordinal);
            Assert.Empty(errors);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [BrowserFact]
    public async Task Choosing_an_attack_path_expands_its_namespaces_and_lights_only_its_workloads_and_hops()
    {
        var (page, errors) = await Open();
        // The demo's only 2-hop path to redis, as 'policylint paths {internet} data/redis[StatefulSet]' prints it.
        string[] route = ["storefront/web[Deployment]", "shop-api/catalog[Deployment]", "data/redis[StatefulSet]"];
        Assert.Equal(route, PathsFromInternet("data/redis[StatefulSet]"));
        await page.ClickAsync("#collapse-all");
        Assert.Equal(0, await page.Locator("#graph g.node[data-id='data/redis[StatefulSet]']").CountAsync());

        await page.ClickAsync("#attack-paths button.attack-path[data-target='data/redis[StatefulSet]']");

        var lit = await page.Locator("#graph g.node.on-path").EvaluateAllAsync<string[]>("n => n.map(x => x.dataset.id)");
        Assert.Equal(route.Order(StringComparer.Ordinal), lit.Order(StringComparer.Ordinal));
        var hops = await page.Locator("#graph path.edge.lit").EvaluateAllAsync<string[]>("e => e.map(x => x.dataset.src + ' -> ' + x.dataset.dst)");
        Assert.Equal([$"{route[0]} -> {route[1]}", $"{route[1]} -> {route[2]}"], hops.Order(StringComparer.Ordinal).Reverse());
        // near miss: postgres is sensitive too, but not on this path, so it is dimmed, not lit
        Assert.Contains("dim", await page.GetAttributeAsync("#graph g.node[data-id='data/postgres[StatefulSet]']", "class") ?? "");
        Assert.Equal("true", await page.GetAttributeAsync("#attack-paths button.attack-path[data-target='data/redis[StatefulSet]']", "aria-pressed"));

        await page.ClickAsync("#clear");
        Assert.Equal(0, await page.Locator("#graph g.node.on-path").CountAsync());
        Assert.Empty(errors);
    }

    /// <summary>The workloads along the one shortest path from the internet to <paramref name="target"/>, from `paths --format json`.</summary>
    private static string[] PathsFromInternet(string target)
    {
        using var json = JsonDocument.Parse(CliRun.Of("paths", "{internet}", target, DemoPageFixture.Demo, "--format", "json").Out);
        var path = Assert.Single(json.RootElement.GetProperty("paths").EnumerateArray());
        return [path.GetProperty("entry").GetProperty("workload").GetString()!,
            .. path.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("to").GetString()!)];
    }

    /// <summary>The level of every namespace pair that allows something, from connlist and the JSON peers.</summary>
    private static Dictionary<(string, string), string> ExpectedLevels()
    {
        using var json = JsonDocument.Parse(CliRun.Of("report", DemoPageFixture.Demo, "--format", "json").Out);
        var peers = json.RootElement.GetProperty("peers").EnumerateArray().ToList();
        string Group(string id) => id.EndsWith("[External]", StringComparison.Ordinal) ? "(outside)"
            : id.StartsWith('{') ? id : id[..id.IndexOf('/')];
        var sizes = peers.GroupBy(p => Group(p.GetProperty("id").GetString()!)).ToDictionary(g => g.Key, g => g.Count());
        var lines = CliRun.Of("report", DemoPageFixture.Demo, "--format", "connlist").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines
            .Select(l => l.Split(" => ") is [var src, var rest] ? (Src: Group(src), Dst: Group(rest[..rest.IndexOf(" : ", StringComparison.Ordinal)]), All: rest.EndsWith(": All Connections", StringComparison.Ordinal)) : throw new FormatException(l))
            .GroupBy(c => (c.Src, c.Dst))
            .ToDictionary(g => g.Key, g =>
            {
                var possible = sizes[g.Key.Src] * sizes[g.Key.Dst] - (g.Key.Src == g.Key.Dst && g.Key.Src != "(outside)" ? sizes[g.Key.Src] : 0);
                return g.Count(c => c.All) == possible ? "all" : "some";
            });
    }
}
