using Autoencoders.Models;
using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>How a reconstruction is compared with its target.</summary>
public enum ReconstructionLoss
{
    /// <summary>Mean squared error.</summary>
    Mse,

    /// <summary>Mean absolute error.</summary>
    Mae,

    /// <summary>Binary cross-entropy; needs reconstructions in (0, 1) (a sigmoid output) and targets in [0, 1].</summary>
    Bce,
}

/// <summary>
/// Loss functions. Convention: every reconstruction loss is the mean over all elements (samples × features), as
/// Keras reports it; a model's own penalty (<see cref="TrainingOutput.Penalty"/>) is put on the same scale.
/// </summary>
public static class Losses
{
    /// <summary>
    /// The mean reconstruction loss over all elements, for autograd: a scalar. BCE is PyTorch's
    /// <c>binary_cross_entropy</c> (each logarithm floored at −100).
    /// </summary>
    public static Tensor Reconstruction(ReconstructionLoss kind, Tensor reconstruction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(reconstruction);
        ArgumentNullException.ThrowIfNull(target);
        return kind switch
        {
            ReconstructionLoss.Mse => nn.functional.mse_loss(reconstruction, target),
            ReconstructionLoss.Mae => nn.functional.l1_loss(reconstruction, target),
            ReconstructionLoss.Bce => nn.functional.binary_cross_entropy(reconstruction, target),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss"),
        };
    }
}
