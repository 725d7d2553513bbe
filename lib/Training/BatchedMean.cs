using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>The sample-weighted mean of a scalar computed batch by batch, without gradients.</summary>
internal static class BatchedMean
{
    /// <summary>Applies <paramref name="ofBatch"/> (a scalar per batch, a mean over its samples) to consecutive batches of <paramref name="data"/>.</summary>
    public static double Of(Tensor data, int batchSize, Func<Tensor, Tensor> ofBatch)
    {
        using var noGrad = no_grad();
        var samples = data.shape[0];
        var total = 0.0;
        for (long start = 0; start < samples; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var size = Math.Min(batchSize, samples - start);
            total += ofBatch(data.narrow(0, start, size)).item<float>() * size;
        }

        return total / samples;
    }
}
