using System.Text.Json;
using Autoencoders.Pipeline;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests;

/// <summary>Two small checkpoints trained once for all evaluate tests: a VAE on all digits, a dense model without the 0s.</summary>
public sealed class EvaluateFixture : IDisposable
{
    public EvaluateFixture()
    {
        Train(Vae, "--model", "vae", "--latent", "8");
        Train(WithoutZeros, "--model", "dense", "--latent", "16", "--exclude-class", "0");
    }

    internal TempFolder Vae { get; } = new();

    internal TempFolder WithoutZeros { get; } = new();

    public void Dispose()
    {
        Vae.Dispose();
        WithoutZeros.Dispose();
    }

    private static void Train(TempFolder folder, params string[] model)
    {
        var (code, _, errors) = CliTests.Run(["train", .. model, "--epochs", "2", "--batch-size", "256", "--out", folder.Path]);
        Assert.True(code == 0, errors);
    }
}

public sealed class EvaluateCommandTests(EvaluateFixture checkpoints) : IClassFixture<EvaluateFixture>, IDisposable
{
    private readonly TempFolder _out = new();

    public void Dispose() => _out.Dispose();

    [Fact]
    public void Evaluate_writes_metrics_with_the_PCA_baseline_and_every_figure_as_offline_html()
    {
        var (code, output, errors) = CliTests.Run("evaluate", "--checkpoint", checkpoints.Vae.Path, "--out", _out.Path);

        Assert.True(code == 0, errors);
        using var metrics = JsonDocument.Parse(File.ReadAllText(_out.File(EvaluationReport.FileName)));
        var root = metrics.RootElement;
        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("digits", root.GetProperty("dataset").GetString());
        Assert.Equal("vae", root.GetProperty("model").GetString());
        Assert.Equal(2000, root.GetProperty("testSamples").GetInt64());
        Assert.InRange(root.GetProperty("test").GetProperty("mse").GetDouble(), 1e-4, 0.2);
        Assert.InRange(root.GetProperty("test").GetProperty("ssim").GetDouble(), 0, 1);
        Assert.Equal(8, root.GetProperty("pca").GetProperty("components").GetInt32());
        Assert.InRange(root.GetProperty("knn").GetProperty("raw").GetDouble(), 0.5, 1);
        Assert.Equal(10, root.GetProperty("perClass").GetArrayLength());
        var figures = root.GetProperty("figures").EnumerateArray().Select(figure => figure.GetString()!).ToList();
        string[] expected = ["reconstructions.html", "interpolation.html", "loss-curves.html", "latent-scatter.html", "per-class-error.html", "latent-manifold.html", "prior-samples.html"];
        Assert.Equal(expected.Order(), figures.Order());
        foreach (var figure in figures)
        {
            var html = File.ReadAllText(_out.File(figure));
            Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("PCA, 8 components", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Holding_out_a_class_scores_anomaly_detection_with_thresholds_ROC_and_AUC()
    {
        var (code, output, errors) = CliTests.Run("evaluate", "--checkpoint", checkpoints.WithoutZeros.Path, "--anomaly-class", "0", "--out", _out.Path);

        Assert.True(code == 0, errors);
        using var metrics = JsonDocument.Parse(File.ReadAllText(_out.File(EvaluationReport.FileName)));
        var anomaly = metrics.RootElement.GetProperty("anomaly");
        Assert.Equal(0, anomaly.GetProperty("anomalyClass").GetInt64());
        Assert.InRange(anomaly.GetProperty("report").GetProperty("auc").GetDouble(), 0.6, 1);
        Assert.Equal(4, anomaly.GetProperty("report").GetProperty("thresholds").GetArrayLength());
        Assert.Equal("f1-max", anomaly.GetProperty("report").GetProperty("f1MaxUpperBound").GetProperty("threshold").GetProperty("name").GetString());
        Assert.True(File.Exists(_out.File("roc.html")));
        Assert.True(File.Exists(_out.File("anomaly-scores.html")));
        Assert.Contains("ROC AUC", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no checkpoint.json", "--checkpoint", "EMPTY")]
    [InlineData("the model was trained on images", "--dataset", "SENSORS")]
    [InlineData("--tsne-samples must be at least 10", "--tsne-samples", "3")]
    public void Bad_input_exits_with_two_and_one_line(string problem, params string[] args)
    {
        using var empty = new TempFolder();
        var sensors = Path.Combine(RepositoryPaths.Root, "data", "sensors.csv");
        string[] command = ["evaluate", "--checkpoint", checkpoints.Vae.Path, .. args.Select(arg => arg switch { "EMPTY" => empty.Path, "SENSORS" => sensors, _ => arg }), "--out", _out.Path];

        var (code, output, errors) = CliTests.Run(command);

        Assert.Equal(2, code);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(problem, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors + output, StringComparison.Ordinal);
        Assert.False(File.Exists(_out.File(EvaluationReport.FileName)));
    }
}
