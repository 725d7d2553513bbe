using Autoencoders.Evaluation.Denoising;
using Autoencoders.Pipeline;
using Autoencoders.Plots;

namespace Autoencoders.Tests.Evaluation.Denoising;

public class DenoisingFiguresTests
{
    private static DenoisingReport Report(double level, double autoencoder, double median) => new("gaussian", level, 0, 100, 50,
        [
            new(DenoisingReport.NoisyInput, 9.5, 0.41, null, []),
            new(DenoisingReport.Autoencoder, autoencoder, 0.8, null, []),
            new("median filter", median, 0.55, new ChosenParameter("kernel", 3), [new(3, 14.1), new(5, 13.9)]),
        ],
        []);

    [Fact]
    public void The_tables_show_every_method_with_its_chosen_parameter_and_the_sweep_one_row_per_level()
    {
        var sweep = new[] { Report(0.1, 20.0, 22.0), Report(0.5, 18.4, 14.2) };

        var table = DenoisingFigures.Table(sweep[1]);
        var levels = DenoisingFigures.SweepTable(sweep);

        Assert.Equal(["noisy input", "autoencoder", "median filter"], table.Rows.Select(row => row[0]));
        Assert.Equal(["median filter", "kernel = 3", "14.20", "0.550"], table.Rows[2]);
        Assert.Equal("", table.Rows[1][1]);
        Assert.Equal(["level", "noisy input PSNR (dB)", "autoencoder PSNR (dB)", "median filter PSNR (dB)"], levels.Header);
        Assert.Equal([["0.1", "9.50", "20.00", "22.00"], ["0.5", "9.50", "18.40", "14.20"]], levels.Rows.Select(row => row.ToArray()));
        Assert.Equal("median filter", sweep[1].BestClassical!.Method);
    }

    [Fact]
    public void The_sweep_chart_draws_one_line_per_method_over_the_levels_and_marks_the_training_level()
    {
        var sweep = new[] { Report(0.1, 20.0, 22.0), Report(0.3, 19.5, 17.0), Report(0.5, 18.4, 14.2) };

        var html = ChartHtml.Fragment(DenoisingCharts.Sweep(sweep, trainedLevel: 0.5));

        foreach (var method in new[] { "noisy input", "autoencoder", "median filter" })
        {
            Assert.Contains($"\"name\":\"{method}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("\"x\":[0.1,0.3,0.5]", html, StringComparison.Ordinal);
        Assert.Contains("\"y\":[20.0,19.5,18.4]", html, StringComparison.Ordinal);
        Assert.Contains("\"dash\":\"dot\"", html, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DenoisingCharts.Sweep([]));
    }
}
