using Autoencoders.Plots;

namespace Autoencoders.Tests.Support;

/// <summary>Opens a local page in headless Chromium (as <see cref="ChartPng"/> finds it) and returns the DOM after its scripts ran.</summary>
internal static class HeadlessChromium
{
    public static string DumpDom(string page) => DumpDom(page, query: "", virtualTimeBudget: 5000);

    /// <param name="page">The page's path.</param>
    /// <param name="query">A query string to open it with, e.g. <c>?digit=5</c>, or empty.</param>
    /// <param name="virtualTimeBudget">Milliseconds of virtual time the page's scripts get before the DOM is dumped.</param>
    public static string DumpDom(string page, string query, int virtualTimeBudget)
    {
        var chromium = ChartPng.FindChromium() ?? throw new InvalidOperationException("no Chromium: guard the test with [ChromiumFact]");
        using var profile = new TempFolder();
        string[] arguments =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--no-first-run", "--no-default-browser-check", $"--user-data-dir={profile.Path}",
            // plotly.js is inlined, so the pages draw offline; the budget lets their scripts (and any injected one) run.
            $"--virtual-time-budget={virtualTimeBudget}", "--dump-dom", new Uri(Path.GetFullPath(page)).AbsoluteUri + query,
        ];
        var result = ProcessRunner.Run(chromium, arguments, profile.Path, TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0 && result.Output.Length > 0, $"{chromium} could not open {page}: {result.Errors}");
        return result.Output;
    }

    /// <summary>How a DOM serialiser writes <paramref name="text"/> as a text node (outside script and style elements).</summary>
    public static string AsTextNode(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\u00A0", "&nbsp;", StringComparison.Ordinal);
}
