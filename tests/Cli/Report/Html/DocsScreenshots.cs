using Microsoft.Playwright;

namespace PolicyLint.Cli.Tests.Report.Html;

/// <summary>
/// Takes the README's pictures of the demo report (docs/images): run by hand with
/// POLICYLINT_SCREENSHOTS=docs/images dotnet test tests/Cli --filter DocsScreenshots.
/// Skipped otherwise, so a test run never rewrites the docs.
/// </summary>
public sealed class DocsScreenshots(DemoPageFixture fixture) : IClassFixture<DemoPageFixture>
{
    private static readonly string? Target = Environment.GetEnvironmentVariable("POLICYLINT_SCREENSHOTS");

    [BrowserFact("POLICYLINT_SCREENSHOTS")]
    public async Task Demo_report_pictures()
    {
        var folder = Path.GetFullPath(Target!, RepositoryRoot.Path);
        Directory.CreateDirectory(folder);
        var (page, errors) = await fixture.Browser!.Open(fixture.File);

        await page.ClickAsync("#matrix td[data-src=storefront][data-dst=shop-api]");
        await page.Locator("#overview").ScreenshotAsync(new() { Path = Path.Combine(folder, "report-overview.png") });
        await page.Locator("#matrix-section").ScreenshotAsync(new() { Path = Path.Combine(folder, "report-matrix.png") });
        await page.FillAsync("#search", "orders");
        await page.PressAsync("#search", "Enter");
        await page.Locator("#graph-section").ScreenshotAsync(new() { Path = Path.Combine(folder, "report-graph.png") });
        await page.Locator("#findings").ScreenshotAsync(new() { Path = Path.Combine(folder, "report-findings.png") });

        Assert.Empty(errors);
    }
}
