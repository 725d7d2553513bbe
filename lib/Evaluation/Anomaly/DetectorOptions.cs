namespace Autoencoders.Evaluation.Anomaly;

/// <summary>
/// How a trained autoencoder becomes an anomaly detector: the score it is fitted with and how its default threshold is
/// chosen. The defaults of each kind of data are <see cref="ForImages"/>, <see cref="ForTables"/> and <see cref="ForSeries"/>.
/// </summary>
/// <param name="Score">The score's name (<see cref="FittedScore.Kinds"/>).</param>
/// <param name="Neighbours">k of the <c>centre+knn</c> score.</param>
/// <param name="Contamination">
/// PyOD's contamination: the share of anomalies assumed among the training samples, in (0, 0.5]; the top share of the
/// training scores is flagged, and that threshold is the default. Null: <paramref name="DefaultRule"/> is the default.
/// </param>
/// <param name="DefaultRule">The default threshold rule when no contamination is given.</param>
public sealed record DetectorOptions(
    string Score = FittedScore.Mse,
    int Neighbours = BaselineDetectors.DefaultNeighbours,
    double? Contamination = null,
    ThresholdRule DefaultRule = ThresholdRule.MeanPlusKSigma)
{
    /// <summary>Images: SSIM plus latent distance, the one-class benchmark's choice (docs/one-class.md); plain MSE for images under 11×11 pixels.</summary>
    public static DetectorOptions ForImages(IReadOnlyList<long> sampleShape) =>
        new(FittedScore.Applies("ssim+latent", sampleShape) ? "ssim+latent" : FittedScore.Mse);

    /// <summary>Table rows: reconstruction error plus the distance from the training centre, the tabular benchmark's choice (docs/tabular-anomalies.md).</summary>
    public static DetectorOptions ForTables { get; } = new(AnomalyScoreKinds.Name(AnomalyScoreKind.ReconstructionAndCentre));

    /// <summary>Windows of a series: keras-io's rule, reconstruction error with the largest training error as threshold.</summary>
    public static DetectorOptions ForSeries { get; } = new(FittedScore.Mse, DefaultRule: ThresholdRule.TrainingMaximum);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (FittedScore.Parse(Score) is null)
        {
            throw new ArgumentException($"Score '{Score}' is not a score; use one of {string.Join(", ", FittedScore.Kinds)}.", nameof(Score));
        }

        if (Neighbours < 1)
        {
            throw new ArgumentException($"Neighbours must be at least 1 (got {Neighbours}).", nameof(Neighbours));
        }

        if (Contamination is { } share && !(share > 0 && share <= 0.5))
        {
            throw new ArgumentException($"Contamination must be a share in (0, 0.5] (got {share}), e.g. 0.05 for 5 %.", nameof(Contamination));
        }
    }
}
