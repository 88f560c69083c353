namespace PolicyLint.Cli.Tests.Report.Html;

/// <summary>The demo's HTML report written to a temporary file once, and one Chromium for the tests that open it.</summary>
public sealed class DemoPageFixture : IAsyncLifetime
{
    public const string Demo = "testdata/demo";

    public string File { get; } = Path.Combine(Path.GetTempPath(), $"policylint-demo-{Guid.NewGuid():N}.html");

    public HeadlessChromium? Browser { get; private set; }

    public async Task InitializeAsync()
    {
        var run = CliRun.Of("report", Demo, "--format", "html", "-o", File);
        Assert.Equal(0, run.ExitCode);
        if (HeadlessChromium.IsInstalled) Browser = await HeadlessChromium.Start();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        System.IO.File.Delete(File);
    }
}
