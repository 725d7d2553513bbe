using Autoencoders.Models;
using static TorchSharp.torch;

namespace Autoencoders.Evaluation;

/// <summary>Encodes a data set in batches, for the representation measures and the latent-space views.</summary>
public static class LatentCodes
{
    /// <summary>
    /// The codes of <paramref name="data"/>: <c>(n, ...InputShape) -> (n, LatentSize)</c>, computed in evaluation mode
    /// without gradients (a VAE gives its mean); the model's mode is restored afterwards.
    /// </summary>
    public static Tensor Encode(Autoencoder model, Tensor data, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var blocks = new List<Tensor>();
            for (long start = 0; start < data.shape[0]; start += batchSize)
            {
                blocks.Add(model.Encode(data.narrow(0, start, Math.Min(batchSize, data.shape[0] - start))));
            }

            return (blocks.Count == 0 ? empty(0, model.LatentSize) : cat(blocks, 0)).MoveToOuterDisposeScope();
        }
        finally
        {
            if (wasTraining)
            {
                model.train();
            }
        }
    }
}
