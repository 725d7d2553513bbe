using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Evaluation;
using Autoencoders.Models;
using Autoencoders.Plots;
using Plotly.NET;
using static TorchSharp.torch;

namespace Autoencoders.Pipeline;

/// <summary>The figures of an evaluation: reconstructions, loss curves, the latent space, per-class error, anomaly scores and ROC.</summary>
public static class EvaluationFigures
{
    private const int Shown = 10;

    /// <summary>
    /// Draws every figure that applies to the data (images get reconstructions, an interpolation and the latent
    /// manifold; labelled data the per-class error; an anomaly evaluation its score histogram and ROC curve).
    /// </summary>
    public static IReadOnlyList<NamedChart> Draw(TrainedModel trained, Dataset data, ModelEvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(result);
        using var scope = NewDisposeScope();
        return BatchedInference.InEvaluationMode(trained.Model, () => Charts(trained, data, result));
    }

    private static List<NamedChart> Charts(TrainedModel trained, Dataset data, ModelEvaluationResult result)
    {
        var model = trained.Model;
        var report = result.Report;
        var charts = new List<NamedChart>();
        var isImage = data.SampleShape.Length == 3;
        var names = data.ClassNames;
        var testLabels = data.TestLabels is null ? null : Ints(data.TestLabels);
        if (isImage)
        {
            charts.AddRange(Images(model, data, testLabels));
        }

        if (trained.History.Epochs.Count > 0)
        {
            charts.Add(new("loss-curves", TrainingCharts.LossCurves(trained.History, "Training and validation loss")));
        }

        var viewLabels = result.ViewLabels;
        var labels = viewLabels is null ? Enumerable.Repeat(0, (int)result.ViewPoints.shape[0]).ToList() : Ints(viewLabels);
        charts.Add(new("latent-scatter", LatentCharts.Scatter(Doubles(result.ViewPoints[.., 0]), Doubles(result.ViewPoints[.., 1]), labels,
            viewLabels is null ? ["test samples"] : names, $"Latent space of the test samples ({report.LatentView.Method})")));
        if (testLabels is not null)
        {
            charts.Add(new("per-class-error", EvaluationCharts.PerClassError(result.Reconstruction.SampleMse, testLabels, names)));
        }

        if (isImage)
        {
            charts.Add(new("latent-manifold", Manifold(model, result.TestCodes)));
            if (model is VariationalAutoencoder)
            {
                charts.Add(new("prior-samples", ImageCharts.PriorSamples(model.Decode, model.LatentSize, count: 32, seed: 0)));
            }
        }

        if (report.Anomaly is { } anomaly)
        {
            var threshold = anomaly.Report.Thresholds[0].Threshold;
            var flags = testLabels!.Select(label => label == anomaly.AnomalyClass).ToList();
            charts.Add(new("anomaly-scores", EvaluationCharts.AnomalyScores(result.Reconstruction.SampleMse, flags, threshold.Value, threshold.Name)));
            charts.Add(new("roc", EvaluationCharts.Roc([.. anomaly.Report.Roc.Select(p => p.FalsePositiveRate)],
                [.. anomaly.Report.Roc.Select(p => p.TruePositiveRate)], anomaly.Report.Auc, $"ROC: '{anomaly.AnomalyClassName}' as the anomaly")));
        }

        return charts;
    }

    private static IEnumerable<NamedChart> Images(Autoencoder model, Dataset data, List<int>? testLabels)
    {
        var count = (int)Math.Min(Shown, data.TestFeatures.shape[0]);
        var clean = data.TestFeatures.narrow(0, 0, count);
        var captions = testLabels?.Take(count)
            .Select(label => data.ClassNames is { } names && label < names.Count ? names[label] : $"{label}").ToList();
        if (model.Options.Kind == ModelKind.Denoising)
        {
            var noisy = GaussianNoise.Add(clean, 0.5, seed: 0);
            yield return new("reconstructions", ImageCharts.Reconstructions(clean, model.forward(noisy), noisy, captions, "Noisy input, denoised output, clean original"));
        }
        else
        {
            yield return new("reconstructions", ImageCharts.Reconstructions(clean, model.forward(clean), labels: captions, title: "Test images (top) and their reconstructions (bottom)"));
        }

        var other = testLabels is null ? 1 : Math.Max(1, testLabels.FindIndex(label => label != testLabels[0]));
        if (data.TestFeatures.shape[0] > other)
        {
            yield return new("interpolation", ImageCharts.Interpolation(model.Encode, model.Decode, data.TestFeatures.narrow(0, 0, 1), data.TestFeatures.narrow(0, other, 1)));
        }
    }

    // A plane through the mean code along the codes' two main directions, ±2 standard deviations, so the grid
    // shows what the decoder makes of the region where the test samples actually lie.
    private static GenericChart Manifold(Autoencoder model, Tensor codes)
    {
        if (model.LatentSize == 1 || codes.shape[0] < 3)
        {
            return ImageCharts.Manifold(model.Decode, model.LatentSize == 1 ? 1 : model.LatentSize, range: 2.5, steps: 8);
        }

        using var pca = Pca.Fit(codes, 2);
        var spread = pca.Transform(codes).std([0]);
        var axes = pca.Axes.to_type(ScalarType.Float32);
        float[] Direction(int i) => (axes[i] * spread[i]).data<float>().ToArray();
        return ImageCharts.Manifold(model.Decode, model.LatentSize, range: 2, steps: 8,
            origin: codes.mean([0]).data<float>().ToArray(), directionX: Direction(0), directionY: Direction(1));
    }

    private static List<int> Ints(Tensor labels) => [.. labels.to_type(ScalarType.Int64).data<long>().Select(value => (int)value)];

    private static double[] Doubles(Tensor values) => [.. values.to_type(ScalarType.Float64).contiguous().data<double>()];
}
