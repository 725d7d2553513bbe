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

    /// <summary>The autoencoder for rows of <paramref name="features"/> standardised values: identity output, a code smaller than the row.</summary>
    public static ModelOptions Model(int features)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        return new ModelOptions(ModelKind.Deep, LatentSize: Math.Max(1, features / 2), HiddenSizes: [32], Output: OutputActivation.Identity);
    }
}
