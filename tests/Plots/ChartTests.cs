using Autoencoders.Plots;
using Autoencoders.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Plots;

public class ChartTests
{
    [Fact]
    public void Reconstructions_show_one_image_per_column_in_an_original_row_and_a_reconstruction_row()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        var originals = rand([3, 1, 4, 4], generator: generator);

        var chart = ChartJson.Of(ImageCharts.Reconstructions(originals, originals * 0.5, labels: ["7", "2", "1"]));

        Assert.Equal(6, chart.Traces.Length);
        Assert.All(chart.TraceTypes, type => Assert.Equal("heatmap", type));
        Assert.Equal(["original", "reconstruction"], chart.Layout.GetProperty("yaxis").GetProperty("ticktext").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("original 1 (label 7)", chart.TraceNames[0]);
        var z = chart.Traces[3].GetProperty("z"); // the first reconstruction: 4 rows of 4 pixels, half the original
        Assert.Equal(4, z.GetArrayLength());
        Assert.Equal(originals[0, 0, 0, 0].item<float>() * 0.5, z[0][0].GetDouble(), 5e-5); // pixels are rounded to 4 decimals
    }

    [Fact]
    public void A_grid_shows_the_images_in_numbered_rows_of_the_given_width_with_their_labels()
    {
        using var scope = NewDisposeScope();
        var images = arange(5 * 4, dtype: ScalarType.Float32).reshape(5, 1, 2, 2) / 20;

        var chart = ChartJson.Of(ImageCharts.Grid(images, labels: ["a", "b", "c", "d", "e"], title: "Five", columns: 3));

        Assert.Equal(5, chart.Traces.Length);
        Assert.Equal(["1–3", "4–5"], chart.Layout.GetProperty("yaxis").GetProperty("ticktext").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("image 4 (label d)", chart.TraceNames[3]);
        Assert.Equal(images[3, 0, 0, 1].item<float>(), chart.Traces[3].GetProperty("z")[0][1].GetDouble(), 5e-5);
        Assert.Throws<ArgumentException>(() => ImageCharts.Grid(zeros(0, 4)));
    }

    [Fact]
    public void A_denoising_chart_has_noisy_denoised_and_clean_rows()
    {
        using var scope = NewDisposeScope();
        var clean = zeros(2, 9);

        var chart = ChartJson.Of(ImageCharts.Reconstructions(clean, clean + 0.1, noisy: clean + 0.3));

        Assert.Equal(6, chart.Traces.Length);
        Assert.Equal(["noisy", "denoised", "clean"], chart.Layout.GetProperty("yaxis").GetProperty("ticktext").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, chart.Traces[0].GetProperty("z").GetArrayLength()); // 9 features shown as 3x3
    }

    [Fact]
    public void Image_charts_refuse_more_images_than_a_chart_should_hold()
    {
        using var scope = NewDisposeScope();
        var many = zeros(ImageGrid.MaxImages + 1, 4);

        Assert.Throws<ArgumentException>(() => ImageCharts.Reconstructions(many, many));
    }

    [Fact]
    public void Loss_curves_have_a_training_and_a_validation_line_and_mark_the_best_epoch()
    {
        var history = new TrainingHistory(
            [new EpochResult(1, 0.5, 0.6, 1e-3, 1), new EpochResult(2, 0.3, 0.4, 1e-3, 1), new EpochResult(3, 0.2, 0.45, 1e-3, 1)],
            StopReason.Completed,
            BestEpoch: 2);

        var chart = ChartJson.Of(TrainingCharts.LossCurves(history));

        Assert.Equal(["training", "validation"], chart.TraceNames);
        Assert.Equal([0.6, 0.4, 0.45], chart.Traces[1].GetProperty("y").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(2, chart.Layout.GetProperty("shapes")[0].GetProperty("x0").GetInt32());
        Assert.Contains("best epoch 2", chart.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Loss_curves_without_validation_have_one_line()
    {
        var history = new TrainingHistory([new EpochResult(1, 0.5, null, 1e-3, 1)], StopReason.Completed, 1);

        Assert.Equal(["training"], ChartJson.Of(TrainingCharts.LossCurves(history)).TraceNames);
    }

    [Fact]
    public void The_latent_scatter_has_one_trace_per_class_named_after_it_with_the_label_on_hover()
    {
        using var scope = NewDisposeScope();
        var codes = tensor(new float[] { 0, 0, 1, 1, 2, 2, 3, 3 }, [4, 2]);

        var chart = ChartJson.Of(LatentCharts.Scatter(codes, [2, 0, 2, 1], ["zero", "one", "two"]));

        Assert.Equal(["zero", "one", "two"], chart.TraceNames);
        Assert.All(chart.Traces, trace => Assert.Equal("markers", trace.GetProperty("mode").GetString()));
        var two = chart.Traces[2];
        Assert.Equal([0.0, 2.0], two.GetProperty("x").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(["two", "two"], two.GetProperty("text").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("%{text}", two.GetProperty("hovertemplate").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_manifold_decodes_a_steps_by_steps_grid_spanning_the_range()
    {
        using var scope = NewDisposeScope();
        var codes = new List<float[]>();
        Tensor Decode(Tensor z)
        {
            codes.AddRange(Enumerable.Range(0, (int)z.shape[0]).Select(i => z[i].data<float>().ToArray()));
            return z.sum(1, keepdim: true).expand(-1, 4).reshape(-1, 1, 2, 2);
        }

        var chart = ChartJson.Of(ImageCharts.Manifold(Decode, latentSize: 3, range: 2, steps: 3));

        Assert.Equal(9, chart.Traces.Length);
        Assert.Equal([-2f, 2f, 0f], codes[0]); // top-left: x = -range, y = +range, the third dimension untouched
        Assert.Equal([2f, -2f, 0f], codes[8]);
        Assert.Equal(["2", "0", "-2"], chart.Layout.GetProperty("yaxis").GetProperty("ticktext").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["-2", "0", "2"], chart.Layout.GetProperty("xaxis").GetProperty("ticktext").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Interpolation_decodes_evenly_spaced_mixtures_between_the_two_originals()
    {
        using var scope = NewDisposeScope();
        var first = zeros(1, 1, 2, 2);
        var second = ones(1, 1, 2, 2);

        var chart = ChartJson.Of(ImageCharts.Interpolation(x => x.reshape(-1, 4).mean([1], keepdim: true), z => z.expand(-1, 4), first, second, steps: 5));

        Assert.Equal(7, chart.Traces.Length); // the two originals and 5 mixtures
        Assert.Equal(["first sample", "t = 0", "t = 0.25", "t = 0.5", "t = 0.75", "t = 1", "second sample"], chart.TraceNames);
        Assert.Equal(0.25, chart.Traces[2].GetProperty("z")[0][0].GetDouble(), 5e-5); // pixels are rounded to 4 decimals
    }

    [Fact]
    public void Prior_samples_are_seeded_and_laid_out_in_rows()
    {
        using var scope = NewDisposeScope();
        static Tensor Decode(Tensor z) => nn.functional.sigmoid(z.repeat(1, 2));

        var first = ChartJson.Of(ImageCharts.PriorSamples(Decode, latentSize: 2, count: 6, seed: 4, columns: 4));
        var again = ChartJson.Of(ImageCharts.PriorSamples(Decode, latentSize: 2, count: 6, seed: 4, columns: 4));
        var other = ChartJson.Of(ImageCharts.PriorSamples(Decode, latentSize: 2, count: 6, seed: 5, columns: 4));

        Assert.Equal(6, first.Traces.Length);
        Assert.Equal(2, first.Layout.GetProperty("yaxis").GetProperty("ticktext").GetArrayLength());
        Assert.Equal(first.Traces[0].GetProperty("z").GetRawText(), again.Traces[0].GetProperty("z").GetRawText());
        Assert.NotEqual(first.Traces[0].GetProperty("z").GetRawText(), other.Traces[0].GetProperty("z").GetRawText());
    }

    [Fact]
    public void Tensor_charts_leave_no_tensors_behind()
    {
        using var weights = rand(2, 16);
        Tensor Decode(Tensor z) => nn.functional.sigmoid(z.matmul(weights)).reshape(-1, 1, 4, 4);
        Tensor Encode(Tensor x) => x.reshape(x.shape[0], -1).matmul(weights.t());
        using var first = rand(1, 1, 4, 4);
        using var second = rand(1, 1, 4, 4);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        ImageCharts.Manifold(Decode, latentSize: 2, steps: 3);
        ImageCharts.Interpolation(Encode, Decode, first, second, steps: 3);
        ImageCharts.PriorSamples(Decode, latentSize: 2, count: 4);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Per_class_errors_are_bars_with_the_standard_deviation_as_error_bars()
    {
        var chart = ChartJson.Of(EvaluationCharts.PerClassError([1.0, 3.0, 10.0], [1, 1, 0], ["a", "b"]));

        var bars = Assert.Single(chart.Traces);
        Assert.Equal("bar", bars.GetProperty("type").GetString());
        Assert.Equal(["a", "b"], bars.GetProperty("x").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([10.0, 2.0], bars.GetProperty("y").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([0.0, 1.0], bars.GetProperty("error_y").GetProperty("array").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Fact]
    public void The_anomaly_histogram_overlays_normal_and_anomalous_scores_with_the_threshold_line()
    {
        var chart = ChartJson.Of(EvaluationCharts.AnomalyScores([0.1, 0.2, 0.9], [false, false, true], 0.5, "mean + 3σ"));

        Assert.Equal(["normal", "anomalous"], chart.TraceNames);
        Assert.All(chart.TraceTypes, type => Assert.Equal("histogram", type));
        Assert.Equal("overlay", chart.Layout.GetProperty("barmode").GetString());
        var line = Assert.Single(chart.Layout.GetProperty("shapes").EnumerateArray());
        Assert.Equal(0.5, line.GetProperty("x0").GetDouble());
        Assert.Equal(0.5, line.GetProperty("x1").GetDouble());
        Assert.Equal("mean + 3σ = 0.5", chart.Layout.GetProperty("annotations")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void The_ROC_chart_has_the_curve_the_diagonal_and_the_AUC_in_its_title()
    {
        var chart = ChartJson.Of(EvaluationCharts.Roc([0, 0, 0.5, 1], [0, 0.5, 1, 1], auc: 0.875));

        Assert.Equal("ROC curve (AUC = 0.875)", chart.Title);
        Assert.Equal(["ROC (AUC = 0.875)", "chance"], chart.TraceNames);
        Assert.Equal([0.0, 1.0], chart.Traces[1].GetProperty("y").EnumerateArray().Select(e => e.GetDouble()));
    }
}
