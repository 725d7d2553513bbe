using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Training;

namespace Autoencoders.Pipeline;

/// <summary>
/// The autoencoder, training and anomaly score the anomaly benchmark uses on tables unless told otherwise, chosen on
/// splits other than the reported ones (docs: "Anomaly detection on tables").
/// </summary>
public static class TabularDefaults
{
    /// <summary>The anomaly score.</summary>
    public const AnomalyScoreKind Score = AnomalyScoreKind.ReconstructionAndCentre;

    /// <summary>How the autoencoder is trained.</summary>
    public static TrainingOptions Training { get; } = new(Epochs: 50, BatchSize: 64, LearningRate: 1e-3);

    /// <summary>The code size: a 2-D code (one value for a one-column table), far smaller than the row.</summary>
    public const int LatentSize = 2;

    /// <summary>
    /// The autoencoder for rows of <paramref name="features"/> standardised values: one hidden ReLU layer of 32 each way
    /// around a linear code of <see cref="LatentSize"/>, identity output (z-scores are unbounded).
    /// </summary>
    public static ModelOptions Model(int features)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        return new ModelOptions(ModelKind.Deep, LatentSize: Math.Min(LatentSize, features), HiddenSizes: [32], Output: OutputActivation.Identity);
    }
}
