using Autoencoders.Models;
using static TorchSharp.torch;

namespace Autoencoders.Evaluation;

/// <summary>Encodes a data set in batches, for the representation measures and the latent-space views.</summary>
public static class LatentCodes
{
    /// <summary>
    /// The codes of <paramref name="data"/>: <c>(n, ...InputShape) -> (n, LatentSize)</c>, computed by
    /// <see cref="BatchedInference"/> (evaluation mode, no gradients; a VAE gives its mean).
    /// </summary>
    public static Tensor Encode(Autoencoder model, Tensor data, int batchSize = BatchedInference.DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        return BatchedInference.Map(model, data, model.Encode, batchSize);
    }
}
