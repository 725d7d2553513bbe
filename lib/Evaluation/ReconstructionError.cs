using Autoencoders.Models;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Evaluation;

/// <summary>How well a model or a PCA baseline reconstructs a data set, computed by <see cref="BatchedInference"/>.</summary>
public static class ReconstructionError
{
    /// <summary>
    /// The mean <paramref name="loss"/> over all elements of <paramref name="data"/> <c>(n, ...)</c> when the model
    /// reconstructs it (evaluation mode: a VAE decodes its mean code; no input noise).
    /// </summary>
    public static double Mean(Autoencoder model, Tensor data, ReconstructionLoss loss = ReconstructionLoss.Mse, int batchSize = BatchedInference.DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        return BatchedInference.Mean(model, data, batch => Losses.Reconstruction(loss, model.forward(batch), batch), batchSize);
    }

    /// <summary>The mean squared error of PCA with <paramref name="components"/> components fitted on <paramref name="train"/>, on <paramref name="test"/>.</summary>
    public static double PcaBaseline(Tensor train, Tensor test, int components, int batchSize = 4096)
    {
        using var pca = Pca.Fit(train, components);
        return Mean(pca, test, batchSize);
    }

    /// <summary>The mean squared error of a fitted PCA reconstructing <paramref name="data"/>.</summary>
    public static double Mean(Pca pca, Tensor data, int batchSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(pca);
        return BatchedInference.Mean(data, batch => nn.functional.mse_loss(pca.Reconstruct(batch), batch), batchSize);
    }
}
