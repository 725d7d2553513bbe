using static TorchSharp.torch;

namespace Autoencoders.Models;

/// <summary>
/// The one way the library runs a model over many samples without updating it (evaluation, scores, codes, the
/// trainer's validation loss): in batches, in evaluation mode, without gradients, restoring the model's mode
/// afterwards. What runs on a batch is the caller's choice: <c>forward</c> and <c>Encode</c> are deterministic (a VAE
/// uses its mean code, no input noise).
/// </summary>
public static class BatchedInference
{
    /// <summary>Samples per forward pass unless told otherwise.</summary>
    public const int DefaultBatchSize = 1024;

    /// <summary>
    /// Applies <paramref name="map"/> to consecutive batches of <paramref name="data"/> <c>(n, ...)</c> and concatenates
    /// the results along the first dimension: <c>(n, ...)</c> when each batch of b samples gives b rows.
    /// </summary>
    /// <param name="model">The model, put in evaluation mode for the duration.</param>
    /// <param name="data">Samples; not modified.</param>
    /// <param name="map">From a batch to one result row per sample; runs without gradients.</param>
    /// <param name="batchSize">Samples per batch, at least 1.</param>
    /// <param name="progress">Receives the number of samples done after each batch, or null.</param>
    public static Tensor Map(Autoencoder model, Tensor data, Func<Tensor, Tensor> map, int batchSize = DefaultBatchSize, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        var blocks = new List<Tensor>();
        using var scope = NewDisposeScope();
        ForEach(model, data, (batch, _) => blocks.Add(ToCpu(map(batch)).MoveToOuterDisposeScope()), batchSize, progress);
        var result = blocks.Count == 0 ? map(data.narrow(0, 0, 0)) : cat(blocks, 0);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Calls <paramref name="visit"/> with each batch of <paramref name="data"/> and the index of its first sample, for
    /// callers that accumulate; each call runs in its own dispose scope, so what it makes is freed unless it keeps it.
    /// </summary>
    public static void ForEach(Autoencoder model, Tensor data, Action<Tensor, long> visit, int batchSize = DefaultBatchSize, IProgress<long>? progress = null) =>
        InEvaluationMode(model, () =>
        {
            // A model on a GPU gets its batches there; the data stay where they are (the CPU).
            var device = model.parameters().FirstOrDefault()?.device;
            Batches(data, device is null || device.type == TorchSharp.DeviceType.CPU ? visit : (batch, start) => visit(batch.to(device), start), batchSize, progress);
            return 0;
        });

    /// <summary>
    /// Runs <paramref name="work"/> with the model in evaluation mode and without gradients, then restores the model's
    /// mode: for a few calls of <c>forward</c>, <c>Encode</c> or <c>Decode</c> outside a batched loop (figures).
    /// </summary>
    public static T InEvaluationMode<T>(Autoencoder model, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(work);
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            return work();
        }
        finally
        {
            if (wasTraining)
            {
                model.train();
            }
        }
    }

    /// <summary>
    /// The sample-weighted mean of <paramref name="ofBatch"/>, a scalar per batch that is a mean over the batch's
    /// samples (a mean loss), over consecutive batches of <paramref name="data"/>: the mean over all samples.
    /// </summary>
    public static double Mean(Autoencoder model, Tensor data, Func<Tensor, Tensor> ofBatch, int batchSize = DefaultBatchSize) =>
        SampleWeightedMean(data, ofBatch, visit => ForEach(model, data, visit, batchSize));

    /// <summary>
    /// <see cref="Mean(Autoencoder, Tensor, Func{Tensor, Tensor}, int)"/> for a model that has no training mode to
    /// switch off (PCA): batches without gradients only.
    /// </summary>
    public static double Mean(Tensor data, Func<Tensor, Tensor> ofBatch, int batchSize = DefaultBatchSize) =>
        SampleWeightedMean(data, ofBatch, visit => Batches(data, visit, batchSize, progress: null));

    private static double SampleWeightedMean(Tensor data, Func<Tensor, Tensor> ofBatch, Action<Action<Tensor, long>> walk)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(ofBatch);
        var total = 0.0;
        walk((batch, _) => total += (double)ofBatch(batch).item<float>() * batch.shape[0]);
        return total / data.shape[0];
    }

    private static Tensor ToCpu(Tensor result) => result.device_type == TorchSharp.DeviceType.CPU ? result : result.cpu();

    private static void Batches(Tensor data, Action<Tensor, long> visit, int batchSize, IProgress<long>? progress)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        using var noGrad = no_grad();
        var samples = data.shape[0];
        for (long start = 0; start < samples; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var size = Math.Min(batchSize, samples - start);
            visit(data.narrow(0, start, size), start);
            progress?.Report(start + size);
        }
    }
}
