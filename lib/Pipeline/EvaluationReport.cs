using System.Text.Json;
using Autoencoders.Evaluation;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.IO;
using Autoencoders.Native;

namespace Autoencoders.Pipeline;

/// <summary>
/// How well a trained model does on a data set's test split: the content of <c>metrics.json</c> (schema in the README),
/// made by <see cref="ModelEvaluation.Evaluate"/>. Plain data; metrics that do not apply to the data are null and named
/// in <see cref="Omitted"/>.
/// </summary>
/// <param name="SchemaVersion">Version of this layout.</param>
/// <param name="Dataset">The data set's name.</param>
/// <param name="Checkpoint">The checkpoint folder evaluated, or null for a model that was not loaded from one.</param>
/// <param name="Model">The model kind, e.g. <c>conv</c>.</param>
/// <param name="LatentSize">Size of the code.</param>
/// <param name="TestSamples">Number of test samples.</param>
/// <param name="Test">Reconstruction metrics on the test split.</param>
/// <param name="PerClass">Error per class; empty without labels.</param>
/// <param name="Best">The best-reconstructed test samples.</param>
/// <param name="Worst">The worst-reconstructed test samples.</param>
/// <param name="Pca">PCA with as many components as the code: the baseline; null when the code is not smaller than the data.</param>
/// <param name="Knn">k-nearest-neighbour accuracy in three spaces; null without labels.</param>
/// <param name="LatentView">The 2-D view of the codes and its trustworthiness.</param>
/// <param name="Anomaly">Anomaly detection with one class as the anomaly, or null when not asked for.</param>
/// <param name="Figures">File names of the figures written with it.</param>
/// <param name="Omitted">Metrics left out because they do not apply to these data, with the reason.</param>
/// <param name="Environment">Versions, threads and CPU of this evaluation.</param>
/// <param name="TrainingEnvironment">Versions, threads and CPU of the training run, when known.</param>
public sealed record EvaluationReport(
    int SchemaVersion,
    string Dataset,
    string? Checkpoint,
    string Model,
    int LatentSize,
    long TestSamples,
    ReconstructionMetrics Test,
    IReadOnlyList<ClassError> PerClass,
    IReadOnlyList<SampleError> Best,
    IReadOnlyList<SampleError> Worst,
    PcaBaseline? Pca,
    NeighbourAccuracy? Knn,
    LatentView LatentView,
    AnomalyResult? Anomaly,
    IReadOnlyList<string> Figures,
    IReadOnlyList<OmittedMetric> Omitted,
    RunEnvironment Environment,
    RunEnvironment? TrainingEnvironment)
{
    /// <summary>The layout version this library writes.</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The usual file name.</summary>
    public const string FileName = "metrics.json";

    /// <summary>Denoising measured against classical denoisers (docs/denoising.md), or null when not measured.</summary>
    public Evaluation.Denoising.DenoisingResults? Denoising { get; init; }

    /// <summary>Writes the report as indented JSON (camelCase names), atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Checkpoints.Checkpoint.JsonOptions));
}

/// <summary>PCA with as many components as the code, fitted on the training split, on the test split.</summary>
/// <param name="Components">Number of principal components.</param>
/// <param name="Mse">Mean squared error of its reconstructions.</param>
/// <param name="Psnr">PSNR in dB of that MSE.</param>
public sealed record PcaBaseline(int Components, double Mse, double Psnr);

/// <summary>k-nearest-neighbour accuracy on the test split with training samples as references, in three spaces.</summary>
/// <param name="K">Neighbours voting.</param>
/// <param name="Latent">Accuracy on the codes.</param>
/// <param name="Pca">Accuracy on PCA codes of the same size.</param>
/// <param name="Raw">Accuracy on the raw inputs.</param>
public sealed record NeighbourAccuracy(int K, double Latent, double Pca, double Raw);

/// <summary>The 2-D view of the test codes and how faithful it is (trustworthiness against the codes).</summary>
/// <param name="Method">PCA, t-SNE, or the code itself when it is 2-D.</param>
/// <param name="Samples">Test samples shown.</param>
/// <param name="Trustworthiness">Trustworthiness of the view (1 for a 2-D code); null when the view has 2k samples or fewer (named in <see cref="EvaluationReport.Omitted"/>).</param>
public sealed record LatentView(string Method, long Samples, double? Trustworthiness);

/// <summary>Anomaly detection with one class as the anomaly.</summary>
/// <param name="AnomalyClass">The class label treated as the anomaly.</param>
/// <param name="AnomalyClassName">Its name.</param>
/// <param name="Report">Thresholds, metrics, ROC and AUC.</param>
/// <param name="Score">The detector's anomaly score (<c>mse</c>, <c>ssim+latent</c>, …); the thresholds are fitted on its training scores.</param>
/// <param name="ThresholdSamples">Which training scores the thresholds come from: <c>saved</c>, the detector's own (the samples it was trained on, validation left out), or <c>rescored</c> for a detector trained on other samples.</param>
public sealed record AnomalyResult(long AnomalyClass, string AnomalyClassName, AnomalyReport Report, string Score = FittedScore.Mse, string ThresholdSamples = "saved");

/// <summary>A metric left out of a report because it does not apply to the data.</summary>
/// <param name="Metric">Its name, e.g. <c>bce</c>.</param>
/// <param name="Reason">Why, e.g. "the data lie outside [0, 1]".</param>
public sealed record OmittedMetric(string Metric, string Reason);
