using System.Text.Json.Serialization;
using Autoencoders.Checkpoints;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>
/// An anomaly score with everything it learnt from the training samples, as <c>checkpoint.json</c> keeps it, so that a
/// loaded detector scores new samples exactly as the one that was fitted (PyOD keeps the same on its detectors:
/// <c>decision_scores_</c> and the fitted state of the score). Only the fields of <see cref="Kind"/> are set.
/// </summary>
/// <param name="Kind">The score's name (<see cref="FittedScore.Kinds"/>): <c>mse</c>, <c>mse+centre</c>, <c>centre+knn</c>, <c>blurred-mse</c>, <c>ssim</c> or <c>ssim+latent</c>.</param>
/// <param name="TrainingScores">The training samples' own scores (a training sample is never its own neighbour): what the thresholds are fitted on.</param>
/// <param name="Centre"><c>mse+centre</c>, <c>centre+knn</c>: the training samples' mean in the model's units, one value per input value.</param>
/// <param name="Neighbours"><c>centre+knn</c>: k, the neighbour whose distance counts; <c>ssim+latent</c>: 1.</param>
/// <param name="ReferenceCodes">
/// <c>centre+knn</c>, <c>ssim+latent</c>: the codes of the training samples the neighbour distance is measured to, row after
/// row (<see cref="ReferenceCount"/> rows of the model's latent size); every training sample's, or a seeded sample of
/// <see cref="FittedScore.MaxReferenceCodes"/> of them when there were more.
/// </param>
/// <param name="ReferenceCount">How many reference codes <see cref="ReferenceCodes"/> holds.</param>
/// <param name="DistanceScale"><c>centre+knn</c>: the training mean of √(error + centre distance), the unit of the global term.</param>
/// <param name="NeighbourScale"><c>centre+knn</c>: the training mean of the neighbour distance, the unit of the local term.</param>
/// <param name="ReconstructionMean"><c>ssim+latent</c>: the training mean of 1 − SSIM.</param>
/// <param name="ReconstructionSd"><c>ssim+latent</c>: its standard deviation (1 when it was 0).</param>
/// <param name="LatentMean"><c>ssim+latent</c>: the training mean of the distance to the nearest other training code.</param>
/// <param name="LatentSd"><c>ssim+latent</c>: its standard deviation (1 when it was 0).</param>
public sealed record ScoreState(
    string Kind,
    [property: JsonConverter(typeof(CompactDoubleListConverter))] IReadOnlyList<double> TrainingScores,
    [property: JsonConverter(typeof(CompactDoubleListConverter))] IReadOnlyList<double>? Centre = null,
    int? Neighbours = null,
    [property: JsonConverter(typeof(CompactFloatListConverter))] IReadOnlyList<float>? ReferenceCodes = null,
    int? ReferenceCount = null,
    double? DistanceScale = null,
    double? NeighbourScale = null,
    double? ReconstructionMean = null,
    double? ReconstructionSd = null,
    double? LatentMean = null,
    double? LatentSd = null);
