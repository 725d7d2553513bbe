using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Evaluation;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Native;
using static TorchSharp.torch;

namespace Autoencoders.Pipeline;

/// <summary>What <see cref="ModelEvaluation.Evaluate"/> looks at besides the reconstruction metrics.</summary>
/// <param name="AnomalyClass">Score anomaly detection with this class as the anomaly (train with it excluded), or null.</param>
/// <param name="Tsne">Draw the latent view with t-SNE (seeded, exact) instead of PCA.</param>
/// <param name="TsneSamples">How many test samples t-SNE embeds.</param>
/// <param name="Neighbours">k of the k-nearest-neighbour accuracy.</param>
/// <param name="Extremes">How many best and worst samples to list.</param>
/// <param name="Checkpoint">The checkpoint folder the model came from, recorded in the report.</param>
public sealed record EvaluationOptions(
    long? AnomalyClass = null,
    bool Tsne = false,
    int TsneSamples = 1000,
    int Neighbours = 5,
    int Extremes = 5,
    string? Checkpoint = null)
{
    /// <summary>Measure denoising at this noise (by default: when the model was trained with noise, at its training noise).</summary>
    public Evaluation.Denoising.DenoisingRequest? Denoising { get; init; }
}

/// <summary>
/// Judges a trained model on a data set's test split in one call: reconstruction metrics, the PCA baseline, k-NN
/// accuracy of the codes, a 2-D view of the latent space and, when asked, anomaly detection. The result holds the
/// report (<c>metrics.json</c>) and what the figures are drawn from (<see cref="EvaluationFigures.Draw"/>).
/// </summary>
public static class ModelEvaluation
{
    /// <summary>Evaluates <paramref name="trained"/> on <paramref name="data"/> (prepared with the model's recipe: see <see cref="Datasets.Load(DataRecipe, string?)"/>).</summary>
    /// <exception cref="DataInputException">The data do not fit the model, or the anomaly class is not in the data.</exception>
    public static ModelEvaluationResult Evaluate(TrainedModel trained, Dataset data, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new EvaluationOptions();
        var model = trained.Model;
        if (!data.SampleShape.SequenceEqual(model.InputShape))
        {
            throw new DataInputException(
                $"the model was trained on samples shaped [{string.Join(", ", model.InputShape)}] ({trained.Recipe?.Source}) but '{data.Name}' has [{string.Join(", ", data.SampleShape)}]: evaluate it on data like its training data.");
        }

        if (data.TestFeatures.shape[0] == 0)
        {
            throw new DataInputException(
                $"'{data.Name}' has no test split: the model was trained on every row of its file (--test-fraction 0), so there is nothing held out to evaluate; apply it to new rows with the score, encode or reconstruct verbs.");
        }

        using var scope = NewDisposeScope();
        var reconstruction = ReconstructionEvaluation.Evaluate(model, data.TestFeatures, data.TestLabels, data.ClassNames, options.Extremes);
        var components = (int)Math.Min(model.LatentSize, Math.Min(data.TrainFeatures.shape[0], data.FeatureCount));

        // A code as large as the data (a convolutional code, say) compresses nothing: PCA with as many components
        // reconstructs perfectly, so its error says nothing about the autoencoder.
        var compressed = components == model.LatentSize && components < data.FeatureCount;
        using var pca = Pca.Fit(data.TrainFeatures, components);
        var pcaMse = ReconstructionError.Mean(pca, data.TestFeatures);
        var testCodes = LatentCodes.Encode(model, data.TestFeatures);
        var omitted = new List<OmittedMetric>();
        var trainCount = data.TrainFeatures.shape[0];
        var knn = data.TrainLabels is null || data.TestLabels is null || trainCount < options.Neighbours ? null : new NeighbourAccuracy(
            options.Neighbours,
            NearestNeighbors.Accuracy(LatentCodes.Encode(model, data.TrainFeatures), data.TrainLabels, testCodes, data.TestLabels, options.Neighbours),
            NearestNeighbors.Accuracy(pca.Transform(data.TrainFeatures), data.TrainLabels, pca.Transform(data.TestFeatures), data.TestLabels, options.Neighbours),
            NearestNeighbors.Accuracy(data.TrainFeatures.flatten(1), data.TrainLabels, data.TestFeatures.flatten(1), data.TestLabels, options.Neighbours));
        var (view, viewPoints, viewLabels) = LatentViewOf(options, testCodes, data.TestLabels, omitted);
        var anomaly = options.AnomalyClass is { } anomalyClass ? Anomaly(trained, data, anomalyClass) : null;
        omitted.InsertRange(0, Omissions(reconstruction.Metrics, data, knn, compressed, model.LatentSize, options.Neighbours));
        var report = new EvaluationReport(EvaluationReport.CurrentSchemaVersion, data.Name, options.Checkpoint is null ? null : Path.GetFullPath(options.Checkpoint),
            model.Options.Kind.ToString().ToLowerInvariant(), model.LatentSize, data.TestFeatures.shape[0], reconstruction.Metrics, reconstruction.PerClass,
            reconstruction.Best, reconstruction.Worst, compressed ? new PcaBaseline(components, pcaMse, SampleMetrics.PsnrFromMse(pcaMse)) : null, knn, view, anomaly, [],
            omitted, RunEnvironment.Current(), trained.Environment) { Denoising = ModelDenoising.Evaluate(trained, data, options.Denoising) };
        return new ModelEvaluationResult(report, reconstruction, testCodes, viewPoints, viewLabels);
    }

    private static List<OmittedMetric> Omissions(ReconstructionMetrics metrics, Dataset data, NeighbourAccuracy? knn, bool compressed, int latentSize, int neighbours)
    {
        var omitted = new List<OmittedMetric>();
        var trainCount = data.TrainFeatures.shape[0];
        if (!compressed)
        {
            omitted.Add(new("pca", trainCount < latentSize && latentSize < data.FeatureCount
                ? $"the PCA baseline needs as many training samples as the code has values ({latentSize}); the training split has {trainCount}"
                : "the PCA baseline needs a code smaller than the samples and the training set; this code is as large as the data"));
        }

        if (metrics.Bce is null)
        {
            omitted.Add(new("bce", "binary cross-entropy needs data in [0, 1]; these data lie outside it"));
        }

        if (metrics.Ssim is null)
        {
            omitted.Add(new("ssim", "SSIM compares images of at least 11×11 pixels; these samples are not images"));
        }

        if (knn is null)
        {
            omitted.Add(new("knn", data.TrainLabels is null || data.TestLabels is null
                ? "k-nearest-neighbour accuracy needs labels; these data have none"
                : $"k-nearest-neighbour accuracy with k = {neighbours} needs at least {neighbours} training samples; the training split has {trainCount}"));
        }

        return omitted;
    }

    // Too few test samples for a method leave it out and say so: t-SNE needs more points than its perplexity (PCA draws
    // the view instead), PCA needs 2 (the first two code values are shown), trustworthiness needs more than 2k.
    private static (LatentView View, Tensor Points, Tensor? Labels) LatentViewOf(EvaluationOptions options, Tensor codes, Tensor? labels, List<OmittedMetric> omitted)
    {
        var count = options.Tsne ? Math.Min(options.TsneSamples, codes.shape[0]) : codes.shape[0];
        var subset = codes.narrow(0, 0, count);
        var subsetLabels = labels?.narrow(0, 0, count);
        var perplexity = new TsneOptions().Perplexity;
        var tsne = options.Tsne && count > perplexity;
        if (options.Tsne && !tsne)
        {
            omitted.Add(new("tsne", $"t-SNE needs more samples than its perplexity ({perplexity}); the test split has {count}, so PCA draws the view"));
        }

        var (method, points) = codes.shape[1] == 2 ? ("latent (2-D code)", subset)
            : codes.shape[1] == 1 ? ("latent (1-D code)", cat([subset, zeros_like(subset)], 1))
            : tsne ? ("t-SNE", LatentProjection.Tsne2D(subset))
            : count >= 2 ? ("PCA", LatentProjection.Pca2D(subset))
            : ("latent (first 2 code values)", subset.narrow(1, 0, 2));
        if (method.StartsWith("latent (first", StringComparison.Ordinal))
        {
            omitted.Add(new("latentView", $"a PCA view needs at least 2 test samples; the test split has {count}, so the view shows the first 2 code values"));
        }

        double? trust = codes.shape[1] <= 2 ? 1.0 : options.Neighbours < count / 2.0 ? Trustworthiness.Compute(subset, points, options.Neighbours) : null;
        if (trust is null)
        {
            omitted.Add(new("trustworthiness", $"trustworthiness with k = {options.Neighbours} needs more than {2 * options.Neighbours} samples in the view; it has {count}"));
        }

        return (new LatentView(method, count, trust), points, subsetLabels);
    }

    private static AnomalyResult Anomaly(TrainedModel trained, Dataset data, long anomalyClass)
    {
        using var split = HeldOutClass.Split(data, anomalyClass);

        // The detector's own training scores when it was trained without this class: the thresholds are then exactly the
        // checkpoint's (fitted on the samples it was trained on, validation left out), the ones score applies.
        var saved = trained.Selection.ExcludedClass == anomalyClass && trained.AnomalyScore is { TrainingScores.Count: > 0 } state ? state.TrainingScores : null;
        var trainScores = saved ?? trained.FittedScore.Score(split.Train);
        var testScores = trained.FittedScore.Score(split.Test);
        var name = data.ClassNames is { } names && anomalyClass >= 0 && anomalyClass < names.Count
            ? names[(int)anomalyClass] : anomalyClass.ToString(CultureInfo.InvariantCulture);
        return new AnomalyResult(anomalyClass, name, AnomalyReport.Create(trainScores, testScores, split.TestIsAnomaly), trained.ScoreKind,
            saved is null ? "rescored" : "saved");
    }
}

/// <summary>
/// What <see cref="ModelEvaluation.Evaluate"/> produced: the report, and the per-sample errors, codes and 2-D view the
/// figures are drawn from. Owns its tensors (dispose it).
/// </summary>
public sealed class ModelEvaluationResult : IDisposable
{
    internal ModelEvaluationResult(EvaluationReport report, ReconstructionReport reconstruction, Tensor testCodes, Tensor viewPoints, Tensor? viewLabels)
    {
        Report = report;
        Reconstruction = reconstruction;
        TestCodes = testCodes.DetachFromDisposeScope();
        ViewPoints = viewPoints.DetachFromDisposeScope();
        ViewLabels = viewLabels?.DetachFromDisposeScope();
    }

    /// <summary>The report (<c>metrics.json</c>); <see cref="EvaluationReport.Figures"/> is empty until figures are saved.</summary>
    public EvaluationReport Report { get; internal set; }

    /// <summary>Per-sample errors, per class, best and worst.</summary>
    public ReconstructionReport Reconstruction { get; }

    /// <summary>The test samples' codes, <c>(n_test, LatentSize)</c>.</summary>
    public Tensor TestCodes { get; }

    /// <summary>The 2-D view of the first <see cref="LatentView.Samples"/> test codes.</summary>
    public Tensor ViewPoints { get; }

    /// <summary>Their labels, or null.</summary>
    public Tensor? ViewLabels { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        TestCodes.Dispose();
        ViewPoints.Dispose();
        ViewLabels?.Dispose();
    }
}
