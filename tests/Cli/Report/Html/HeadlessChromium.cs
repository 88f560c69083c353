using Microsoft.Playwright;

namespace PolicyLint.Cli.Tests.Report.Html;

/// <summary>
/// Debian's Chromium driven headless by Playwright (.ci/run installs the package). Playwright's
/// own browser download never runs: the executable is /usr/bin/chromium, started with a fresh
/// profile and with every background network feature off.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(Executable);

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private HeadlessChromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public static async Task<HeadlessChromium> Start()
    {
        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("policylint-chromium-").FullName;
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        return new HeadlessChromium(playwright, context, profile);
    }

    /// <summary>Opens a file:// page, collecting console errors and uncaught exceptions from the start.</summary>
    public async Task<(IPage Page, List<string> Errors)> Open(string file)
    {
        var page = await Context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        page.RequestFailed += (_, request) => errors.Add($"request failed: {request.Url}");
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-ready=true]");
        return (page, errors);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// A test that needs Chromium: reported as skipped, not passed, when /usr/bin/chromium is absent,
/// or when it is run by hand only and <paramref name="requiredVariable"/> is not set.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute(string? requiredVariable = null)
    {
        if (!HeadlessChromium.IsInstalled) Skip = $"{HeadlessChromium.Executable} is not installed (apt-get install chromium)";
        else if (requiredVariable is not null && Environment.GetEnvironmentVariable(requiredVariable) is null) Skip = $"run by hand: {requiredVariable} is not set (see the class comment)";
    }
}
