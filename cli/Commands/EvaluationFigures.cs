using Autoencoders.Checkpoints;
using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Evaluation;
using Autoencoders.Models;
using Autoencoders.Plots;
using Plotly.NET;
using Spectre.Console;
using static TorchSharp.torch;

namespace Autoencoders.Cli.Commands;

/// <summary>Draws the evaluation's figures and saves each as offline HTML (and PNG when asked and possible).</summary>
internal sealed class EvaluationFigures(IAnsiConsole console, string folder, bool png)
{
    private const int Shown = 10;
    private bool _pngUnavailable;

    /// <summary>File names of the figures written so far (HTML, then PNG where exported).</summary>
    public List<string> Written { get; } = [];

    /// <summary>The charts drawn so far, by name, in drawing order (for a report page).</summary>
    public List<(string Name, GenericChart Chart)> Charts { get; } = [];

    public void Write(Autoencoder model, CheckpointMetadata metadata, Dataset data, ReconstructionReport report,
        Tensor testCodes, Tensor viewPoints, Tensor? viewLabels, string viewMethod, AnomalyResult? anomaly)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        var isImage = data.SampleShape.Length == 3;
        var names = data.ClassNames;
        var testLabels = data.TestLabels is null ? null : Ints(data.TestLabels);
        if (isImage)
        {
            Images(model, data, testLabels);
        }

        Save("loss-curves", TrainingCharts.LossCurves(metadata.History, "Training and validation loss"));
        var labels = viewLabels is null ? Enumerable.Repeat(0, (int)viewPoints.shape[0]).ToList() : Ints(viewLabels);
        Save("latent-scatter", LatentCharts.Scatter(Doubles(viewPoints[.., 0]), Doubles(viewPoints[.., 1]), labels,
            viewLabels is null ? ["test samples"] : names, $"Latent space of the test samples ({viewMethod})"));
        if (testLabels is not null)
        {
            Save("per-class-error", EvaluationCharts.PerClassError(report.SampleMse, testLabels, names));
        }

        if (isImage)
        {
            Save("latent-manifold", Manifold(model, testCodes));
            if (model is VariationalAutoencoder)
            {
                Save("prior-samples", ImageCharts.PriorSamples(model.Decode, model.LatentSize, count: 32, seed: 0));
            }
        }

        if (anomaly is not null)
        {
            var threshold = anomaly.Report.Thresholds[0].Threshold;
            var flags = testLabels!.Select(label => label == anomaly.AnomalyClass).ToList();
            Save("anomaly-scores", EvaluationCharts.AnomalyScores(report.SampleMse, flags, threshold.Value, threshold.Name));
            Save("roc", EvaluationCharts.Roc([.. anomaly.Report.Roc.Select(p => p.FalsePositiveRate)],
                [.. anomaly.Report.Roc.Select(p => p.TruePositiveRate)], anomaly.Report.Auc, $"ROC: '{anomaly.AnomalyClassName}' as the anomaly"));
        }
    }

    private void Images(Autoencoder model, Dataset data, List<int>? testLabels)
    {
        var count = (int)Math.Min(Shown, data.TestFeatures.shape[0]);
        var clean = data.TestFeatures.narrow(0, 0, count);
        var captions = testLabels?.Take(count)
            .Select(label => data.ClassNames is { } names && label < names.Count ? names[label] : $"{label}").ToList();
        if (model.Options.Kind == ModelKind.Denoising)
        {
            var noisy = GaussianNoise.Add(clean, 0.5, seed: 0);
            Save("reconstructions", ImageCharts.Reconstructions(clean, model.forward(noisy), noisy, captions, "Noisy input, denoised output, clean original"));
        }
        else
        {
            Save("reconstructions", ImageCharts.Reconstructions(clean, model.forward(clean), labels: captions, title: "Test images (top) and their reconstructions (bottom)"));
        }

        var other = testLabels is null ? 1 : Math.Max(1, testLabels.FindIndex(label => label != testLabels[0]));
        Save("interpolation", ImageCharts.Interpolation(model.Encode, model.Decode, data.TestFeatures.narrow(0, 0, 1), data.TestFeatures.narrow(0, other, 1)));
    }

    // A plane through the mean code along the codes' two main directions, ±2 standard deviations, so the grid
    // shows what the decoder makes of the region where the test samples actually lie.
    private static GenericChart Manifold(Autoencoder model, Tensor codes)
    {
        if (model.LatentSize == 1)
        {
            return ImageCharts.Manifold(model.Decode, 1, range: 2.5, steps: 8);
        }

        using var pca = Pca.Fit(codes, 2);
        var spread = pca.Transform(codes).std([0]);
        var axes = pca.Axes.to_type(ScalarType.Float32);
        float[] Direction(int i) => (axes[i] * spread[i]).data<float>().ToArray();
        return ImageCharts.Manifold(model.Decode, model.LatentSize, range: 2, steps: 8,
            origin: codes.mean([0]).data<float>().ToArray(), directionX: Direction(0), directionY: Direction(1));
    }

    private void Save(string name, GenericChart chart)
    {
        Charts.Add((name, chart));
        var html = Path.Combine(folder, name + ".html");
        ChartHtml.Save(chart, html);
        Written.Add(Path.GetFileName(html));
        if (!png || _pngUnavailable)
        {
            return;
        }

        try
        {
            ChartPng.Save(chart, Path.ChangeExtension(html, ".png"));
            Written.Add(name + ".png");
        }
        catch (ChromiumNotFoundException missing)
        {
            _pngUnavailable = true;
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(missing.Message)} (HTML figures are written anyway)");
        }
    }

    private static List<int> Ints(Tensor labels) => [.. labels.to_type(ScalarType.Int64).data<long>().Select(value => (int)value)];

    private static double[] Doubles(Tensor values) => [.. values.to_type(ScalarType.Float64).contiguous().data<double>()];
}
