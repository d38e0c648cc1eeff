using NUnit.Framework;
using PuppeteerSharp;

namespace Runner.Tests.Reports;

/// <summary>
/// Opens the tiny run's report in real headless Chromium (Debian's `chromium`; no browser is ever
/// downloaded): no console error, no network request, every figure drawn at a non-zero size, and a
/// screenshot saved with the test's results. `.ci/run` installs chromium when it is missing.
/// </summary>
public class BrowserTests
{
    /// <summary>$CHROMIUM, else the first of chromium, chromium-browser and google-chrome on the PATH (Debian's is /usr/bin/chromium).</summary>
    static string? Chromium() => Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path
        : new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    // This machine's network is closed: without these, Chromium keeps trying to reach its services.
    static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    [Test]
    public async Task ThePageRendersOfflineWithEveryFigureDrawn()
    {
        if (Chromium() is not { } chromium)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("no chromium on the PATH: .ci/run installs it (apt-get install chromium)");
            Assert.Ignore("chromium is not installed (apt-get install chromium)");
            return;
        }
        string page = Path.Combine(TinyReport.Report, "index.html");
        string profile = Directory.CreateTempSubdirectory("runner-chromium-").FullName;
        try
        {
            await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = chromium, Headless = true, UserDataDir = profile, Args = Flags, Timeout = 120_000,
            });
            await using var tab = await browser.NewPageAsync();
            var problems = new List<string>();
            var requests = new List<string>();
            tab.Console += (_, e) => { if (e.Message.Type == ConsoleType.Error) problems.Add("console: " + e.Message.Text); };
            tab.PageError += (_, e) => problems.Add("page error: " + e.Message);
            tab.Request += (_, e) => requests.Add(e.Request.Url);
            await tab.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });

            string url = new Uri(page).AbsoluteUri;
            await tab.GoToAsync(url, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load] });

            var sizes = await tab.EvaluateExpressionAsync<double[][]>(
                "Array.from(document.querySelectorAll('figure svg')).map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })");
            string screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "report-screenshot.png");
            await tab.ScreenshotAsync(screenshot, new ScreenshotOptions { FullPage = true });
            TestContext.AddTestAttachment(screenshot, "the tiny run's report in headless Chromium");

            Assert.That(problems, Is.Empty);
            Assert.That(requests, Is.EqualTo(new[] { url }), "the page itself and nothing else");
            Assert.That(sizes, Has.Length.EqualTo(Directory.GetFiles(Path.Combine(TinyReport.Report, "figures"), "*.svg").Length), "every exported figure");
            Assert.That(sizes, Has.All.Matches<double[]>(s => s[0] > 100 && s[1] > 80), "every figure has a rendered size");
            Assert.That(new FileInfo(screenshot).Length, Is.GreaterThan(10_000));
        }
        finally { Directory.Delete(profile, recursive: true); }
    }
}
