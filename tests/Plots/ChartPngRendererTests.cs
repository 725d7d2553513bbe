using Autoencoders.Plots;
using Autoencoders.Tests.Support;
using Autoencoders.Training;

namespace Autoencoders.Tests.Plots;

public sealed class ChartPngRendererTests
{
    private static readonly TrainingHistory History = new(
        [new EpochResult(1, 0.5, 0.6, 1e-3, 0.1), new EpochResult(2, 0.3, 0.4, 1e-3, 0.1), new EpochResult(3, 0.2, 0.35, 1e-3, 0.1)], StopReason.Completed, 3);

    [ChromiumFact]
    public void A_warm_browser_draws_each_chart_as_a_browser_started_for_it_does()
    {
        using var folder = new TempFolder();
        var charts = new[] { TrainingCharts.LossCurves(History, "first"), EvaluationCharts.Roc([0, 0.2, 1], [0, 0.7, 1], 0.75) };
        using var renderer = ChartPngRenderer.Start();
        foreach (var (chart, index) in charts.Select((chart, index) => (chart, index)))
        {
            var warm = Path.Combine(folder.Path, $"warm-{index}.png");
            var fresh = Path.Combine(folder.Path, $"fresh-{index}.png");
            File.WriteAllBytes(warm, renderer.Render(chart));
            ChartPng.Save(chart, fresh);

            var (warmWidth, warmHeight, warmColours) = PngPixels.Read(warm);
            var (freshWidth, freshHeight, freshColours) = PngPixels.Read(fresh);
            Assert.Equal((freshWidth, freshHeight), (warmWidth, warmHeight));
            // Anti-aliased lines give each picture many colours; a blank or half-drawn one has a handful.
            Assert.True(warmColours > 20, $"chart {index}: {warmColours} colours, a blank picture?");
            Assert.InRange(warmColours, freshColours * 0.9, freshColours * 1.1);
        }
    }

    [ChromiumFact]
    public void Disposing_the_renderer_ends_its_browser()
    {
        var renderer = ChartPngRenderer.Start();
        var folder = renderer.Folder;
        Assert.True(Browsers(folder) > 0, "no browser started");

        renderer.Dispose();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Browsers(folder) > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }

        Assert.True(Browsers(folder) == 0, "the browser outlived its renderer");
    }

    // Processes of this renderer's browser, found by its own temporary folder on their command lines (Linux /proc).
    private static int Browsers(string folder) =>
        Directory.GetDirectories("/proc").Count(process =>
        {
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(process, "cmdline"));
                return commandLine.Contains(folder, StringComparison.Ordinal) && !commandLine.StartsWith("/bin/sh", StringComparison.Ordinal);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                return false; // a process that ended meanwhile, or another user's
            }
        });
}
