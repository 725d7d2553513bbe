using Autoencoders.Models;
using Autoencoders.Plots;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Plots;

public sealed class AnomalyImageChartsTests
{
    [Fact]
    public void The_error_chart_has_an_original_a_reconstruction_and_an_error_row_with_one_colour_bar()
    {
        using var scope = NewDisposeScope();
        var originals = tensor(new float[] { 0, 1, 0, 1, 1, 1, 0, 0 }, [2, 1, 2, 2]);
        var reconstructions = tensor(new float[] { 0.5f, 1, 0, 0.5f, 1, 0.75f, 0, 0 }, [2, 1, 2, 2]);

        var chart = ChartJson.Of(AnomalyImageCharts.ErrorHeatMaps(originals, reconstructions, captions: ["a", "b"]));

        Assert.Equal(6, chart.Traces.Length);
        Assert.Equal(["original", "reconstruction", "error"], chart.Layout.GetProperty("yaxis").GetProperty("ticktext").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["original: a", "original: b", "reconstruction: a", "reconstruction: b", "error: a", "error: b"], chart.TraceNames);
        // The first error map: (0.5 − 0)² = 0.25 and (0.5 − 1)² = 0.25 on the diagonal, 0 elsewhere.
        var z = chart.Traces[4].GetProperty("z");
        Assert.Equal([[0.25, 0.0], [0.0, 0.25]], z.EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()));
        Assert.Equal(0.25, chart.Traces[5].GetProperty("zmax").GetDouble());
        Assert.Equal([false, false, false, false, true, false], chart.Traces.Select(t => t.GetProperty("showscale").GetBoolean()));
        Assert.Equal("Hot", chart.Traces[4].GetProperty("colorscale").GetString());
        Assert.Equal("Greys", chart.Traces[0].GetProperty("colorscale").GetString());
    }

    [Fact]
    public void Flagged_shows_the_highest_scores_above_the_threshold_first_and_nothing_when_none_is()
    {
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Dense, LatentSize: 2), [1, 4, 4], seed: 1);
        using var generator = new Generator(1);
        using var images = rand([5, 1, 4, 4], generator: generator);
        double[] scores = [0.1, 0.9, 0.5, 0.7, 0.2];
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        var chart = AnomalyImageCharts.Flagged(model, images, scores, threshold: 0.4, count: 2, labels: ["0", "1", "2", "3", "<b>4</b>"]);
        var none = AnomalyImageCharts.Flagged(model, images, scores, threshold: 0.9);
        var top = AnomalyImageCharts.Flagged(model, images, scores, threshold: null, count: 5, labels: ["0", "1", "2", "3", "<b>4</b>"]);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.Null(none);
        var json = ChartJson.Of(chart!);
        Assert.Equal(6, json.Traces.Length);
        Assert.Equal(["original: sample 1 (label 1), score 0.9", "original: sample 3 (label 3), score 0.7"], json.TraceNames.Take(2));
        Assert.Contains("2 of 3 flagged", json.Title, StringComparison.Ordinal);
        var first = images[1, 0, 0, 0].item<float>();
        Assert.Equal(first, json.Traces[0].GetProperty("z")[0][0].GetDouble(), 1e-5); // pixels are rounded to 5 decimals
        var hover = ChartJson.Of(top!).Traces[3].GetProperty("hovertemplate").GetString()!; // sample 4 scores fourth
        Assert.Contains("&lt;b&gt;4&lt;/b&gt;", hover, StringComparison.Ordinal); // a label is text, never markup
    }

    [Fact]
    public void Captions_cannot_become_plotly_template_fields()
    {
        using var scope = NewDisposeScope();
        var images = zeros(1, 1, 2, 2);

        var chart = ChartJson.Of(AnomalyImageCharts.ErrorHeatMaps(images, images, captions: ["%{z}"]));

        Assert.StartsWith("error: %&#123;z&#125;<br>", chart.Traces[2].GetProperty("hovertemplate").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_images_or_mismatched_rows_are_refused()
    {
        using var scope = NewDisposeScope();
        var many = zeros(AnomalyImageCharts.MaxImages + 1, 4);
        var two = zeros(2, 4);

        Assert.Throws<ArgumentException>(() => AnomalyImageCharts.ErrorHeatMaps(many, many));
        Assert.Throws<ArgumentException>(() => AnomalyImageCharts.ErrorHeatMaps(two, zeros(3, 4)));
    }
}
