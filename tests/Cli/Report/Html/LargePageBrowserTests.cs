using System.Diagnostics;
using Xunit.Abstractions;

namespace PolicyLint.Cli.Tests.Report.Html;

/// <summary>
/// The scale check of bench/RESULTS.md, run by hand on a page written for a generated cluster
/// (tests/Benchmarks `generate --size M`, then `report --format html -o FILE`):
/// POLICYLINT_HTML_SCALE_PAGE=FILE dotnet test tests/Cli --filter LargePage. Skipped otherwise
/// (the suite does not generate 2,000 workloads).
/// </summary>
public sealed class LargePageBrowserTests(ITestOutputHelper output)
{
    private static readonly string? Page = Environment.GetEnvironmentVariable("POLICYLINT_HTML_SCALE_PAGE");

    [BrowserFact("POLICYLINT_HTML_SCALE_PAGE")]
    public async Task Generated_cluster_page_is_interactive_within_five_seconds()
    {
        await using var browser = await HeadlessChromium.Start();
        var clock = Stopwatch.StartNew();
        var (page, errors) = await browser.Open(Path.GetFullPath(Page!));
        var ready = clock.Elapsed;

        clock.Restart();
        var first = await page.Locator("#graph g.group").First.GetAttributeAsync("data-ns");
        await page.ClickAsync($"#graph g.group[data-ns='{first}'] text.title");
        await page.WaitForSelectorAsync($"#graph g.group.expanded[data-ns='{first}']");
        var expand = clock.Elapsed;

        clock.Restart();
        await page.FillAsync("#search", "coredns");
        await page.PressAsync("#search", "Enter");
        await page.WaitForSelectorAsync("#graph g.node.hit");
        var search = clock.Elapsed;

        var size = new FileInfo(Page!).Length / 1e6;
        output.WriteLine($"page {size:F1} MB: interactive after {ready.TotalSeconds:F2} s; expanding {first} {expand.TotalSeconds:F2} s; search {search.TotalSeconds:F2} s");
        Assert.Empty(errors);
        Assert.True(ready < TimeSpan.FromSeconds(5), $"interactive after {ready.TotalSeconds:F2} s");
    }
}
