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
    /// <summary>The mean reconstruction loss over all elements: a scalar.</summary>
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

    /// <summary>The reconstruction loss of each sample, averaged over its features: shape <c>(n)</c>.</summary>
    public static Tensor PerSample(ReconstructionLoss kind, Tensor reconstruction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(reconstruction);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = NewDisposeScope();
        var elementwise = kind switch
        {
            ReconstructionLoss.Mse => nn.functional.mse_loss(reconstruction, target, nn.Reduction.None),
            ReconstructionLoss.Mae => nn.functional.l1_loss(reconstruction, target, nn.Reduction.None),
            ReconstructionLoss.Bce => nn.functional.binary_cross_entropy(reconstruction, target, reduction: nn.Reduction.None),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss"),
        };
        return elementwise.flatten(1).mean([1]).MoveToOuterDisposeScope();
    }
}
