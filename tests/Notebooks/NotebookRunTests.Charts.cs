using System.Text.RegularExpressions;
using Autoencoders.Plots;

namespace Autoencoders.Tests.Notebooks;

/// <summary>
/// What the executed notebooks show without a network: charts drawn by the plotly.js the set-up cell sent once,
/// each with a PNG copy for readers that run no scripts, and no script fetched from anywhere.
/// </summary>
public sealed partial class NotebookRunTests
{
    // A script element whose src names a network address (http:, https: or protocol-relative //), quoted or not.
    private static readonly Regex NetworkScript = new(@"<script[^>]*\ssrc\s*=\s*[""']?\s*(https?:)?//", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // Loaders that fetch plotly.js: its CDN, or require.js configured with a path to it (Plotly.NET's notebook HTML).
    private static readonly string[] NetworkLoaders = ["cdn.plot.ly", "cdn.jsdelivr", "cdnjs", "unpkg.com", "require.config"];

    // The first line of the plotly.js bundle's licence header, once per copy of the bundle.
    private const string PlotlyJsHeader = "* plotly.js v";

    private IEnumerable<NotebookRun> AllRuns => runs.Dib.Values.Concat(runs.Ipynb.Values);

    [Fact]
    public void The_build_cell_finds_the_library_and_the_notebook_support_that_the_tests_built_up_to_date()
    {
        Assert.Null(runs.LibraryMissing);
        var buildCell = runs.BuildCell!;
        Assert.Null(buildCell.Failure);
        // Any output would be its "Building …" line: the cell thought a dll older than its sources and rebuilt it,
        // which every notebook would then do on every start.
        Assert.True(buildCell.Outputs.Length == 0, $"the build cell rebuilt what the tests had just built: {buildCell.Outputs}");
    }

    [Fact]
    public void No_executed_notebook_loads_a_script_from_a_network_address()
    {
        Assert.Null(runs.LibraryMissing);
        var bundle = ChartHtml.PlotlyJsElement();
        foreach (var run in AllRuns)
        {
            foreach (var html in run.Displays.Where(data => data.ContainsKey("text/html")).Select(data => data["text/html"]).Where(html => !IsKernelBootstrap(html)))
            {
                // plotly.js itself holds addresses in its strings (links in its messages), never as a script to load.
                var ours = html.Replace(bundle, "", StringComparison.Ordinal);
                Assert.False(NetworkScript.IsMatch(ours), $"{run.Notebook} ({run.Runner}): an output loads a script from the network: {Excerpt(ours, NetworkScript.Match(ours).Index)}");
                foreach (var loader in NetworkLoaders)
                {
                    Assert.False(ours.Contains(loader, StringComparison.OrdinalIgnoreCase), $"{run.Notebook} ({run.Runner}): an output names '{loader}': {Excerpt(ours, ours.IndexOf(loader, StringComparison.OrdinalIgnoreCase))}");
                }
            }
        }
    }

    [Fact]
    public void Every_executed_notebook_carries_plotly_js_exactly_once_in_its_set_up_cell_output()
    {
        Assert.Null(runs.LibraryMissing);
        foreach (var run in AllRuns)
        {
            var copies = run.Displays.Sum(data => data.Values.Sum(text => Count(text, PlotlyJsHeader)));
            Assert.True(copies == 1, $"{run.Notebook} ({run.Runner}): {copies} copies of plotly.js, expected 1");
        }
    }

    [Fact]
    public void Every_chart_output_carries_one_png_copy_where_chromium_is_installed_and_none_otherwise()
    {
        Assert.Null(runs.LibraryMissing);
        var chartOutputs = 0;
        foreach (var run in AllRuns)
        {
            foreach (var chart in run.Displays.Where(data => data.TryGetValue("text/html", out var html) && html.Contains(ChartHtml.MissingPlotlyJs, StringComparison.Ordinal)))
            {
                chartOutputs++;
                if (ChartPng.IsAvailable)
                {
                    Assert.True(chart.TryGetValue("image/png", out var png), $"{run.Notebook} ({run.Runner}): a chart output without its PNG copy");
                    Assert.StartsWith("\u0089PNG", System.Text.Encoding.Latin1.GetString(Convert.FromBase64String(png!.Trim()), 0, 4), StringComparison.Ordinal);
                }
                else
                {
                    Assert.False(chart.ContainsKey("image/png"), $"{run.Notebook} ({run.Runner}): a PNG copy without Chromium");
                }
            }
        }

        // Every notebook but 10 (whose benchmark page is saved as a file) shows charts.
        Assert.True(chartOutputs >= 2 * 9, $"only {chartOutputs} chart outputs in {AllRuns.Count()} executed notebooks");
    }

    // The stock kernel's own first output in Jupyter (its HTTP API bootstrap, from the kernel spec's --http-port-range):
    // it loads require.js from cdnjs to reach the kernel's HTTP API. It is the kernel's, not the notebooks', and
    // nothing the notebooks show depends on it (offline it fails quietly; docs/notebooks.md).
    private static bool IsKernelBootstrap(string html) =>
        html.Contains("id='dotnet-interactive-this-cell-", StringComparison.Ordinal) && html.Contains("function loadDotnetInteractiveApi()", StringComparison.Ordinal);

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var index = text.IndexOf(part, StringComparison.Ordinal); index >= 0; index = text.IndexOf(part, index + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string Excerpt(string text, int index) => text.Substring(Math.Max(0, index - 80), Math.Min(240, text.Length - Math.Max(0, index - 80)));
}
