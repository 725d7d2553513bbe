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
/// Keras reports it; model penalties (sparsity, KL) are per sample, averaged over the batch, and the KL term is
/// divided by the number of features so that both parts are on the per-element scale.
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

    /// <summary>
    /// KL divergence of N(mean, exp(logVariance)) from N(0, I), summed over the code, averaged over the batch and
    /// divided by <paramref name="featuresPerSample"/> (see the class remarks): a scalar.
    /// </summary>
    public static Tensor KlDivergence(Tensor mean, Tensor logVariance, long featuresPerSample)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(logVariance);
        using var scope = NewDisposeScope();
        // Kingma & Welling, Auto-Encoding Variational Bayes (2014), Appendix B: -½ Σ (1 + log σ² − μ² − σ²).
        var perSample = ((1 + logVariance - mean.pow(2) - logVariance.exp()).sum([1]) * -0.5);
        return (perSample.mean() / featuresPerSample).MoveToOuterDisposeScope();
    }
}
