using Autoencoders.Plots;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Plots;

public sealed class ChartPngTests : IDisposable
{
    private readonly string? _configured = Environment.GetEnvironmentVariable(ChartPng.ChromiumVariable);

    public void Dispose() => Environment.SetEnvironmentVariable(ChartPng.ChromiumVariable, _configured);

    [Fact]
    public void A_chart_exported_through_Chromium_is_a_png_of_the_charts_size_with_more_than_a_background()
    {
        if (!ChartPng.IsAvailable)
        {
            return; // no Chromium on this machine: PNG export is optional (apt-get install chromium)
        }

        using var folder = new TempFolder();
        var path = folder.File("roc.png");
        var chart = EvaluationCharts.Roc([0, 0.2, 1], [0, 0.8, 1], 0.8);

        ChartPng.Save(chart, path);

        var (width, height, colours) = PngPixels.Read(path);
        Assert.Equal((560, 520), (width, height)); // the ROC chart's layout size
        // A blank page (plotly.js not loaded) is one colour; the axes, grid, curve and text add many more.
        Assert.True(colours > 20, $"only {colours} distinct colours: the chart did not render");
        Assert.Equal(["roc.png"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
        Assert.Null(Plotly.NET.GenericChart.getConfig(chart).TryGetPropertyValue("staticPlot")); // the caller's chart stays interactive
    }

    [Fact]
    public void Without_Chromium_the_export_fails_with_one_line_naming_the_package_and_writes_nothing()
    {
        using var folder = new TempFolder();
        Environment.SetEnvironmentVariable(ChartPng.ChromiumVariable, folder.File("no-such-chromium"));

        var error = Assert.Throws<ChromiumNotFoundException>(() => ChartPng.Save(EvaluationCharts.Roc([0, 1], [0, 1], 0.5), folder.File("roc.png")));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("apt-get install chromium", error.Message, StringComparison.Ordinal);
        Assert.Contains(ChartPng.ChromiumVariable, error.Message, StringComparison.Ordinal);
        Assert.False(ChartPng.IsAvailable);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
