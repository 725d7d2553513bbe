using static TorchSharp.torch;

namespace Autoencoders.Data.Preprocessing;

/// <summary>
/// Seeded shuffled mini-batches. Every sample appears exactly once per pass; the last batch keeps the
/// remainder when the count is not a multiple of the batch size.
/// <para>
/// Disposal: each batch's tensors belong to the enumerator and stay valid until it moves to the next batch,
/// which disposes them (as does ending or breaking out of the <c>foreach</c>). Use a batch inside its loop
/// iteration; <c>clone()</c> what must outlive it. Nothing needs disposing by the caller, and tensors the loop
/// body makes can live in its own <c>NewDisposeScope()</c> as usual.
/// </para>
/// </summary>
public static class MiniBatches
{
    /// <summary>Shuffled sample indices, int64 tensors of shape <c>(batchSize)</c> (the last one maybe shorter).</summary>
    /// <param name="count">Number of samples.</param>
    /// <param name="batchSize">Samples per batch, at least 1.</param>
    /// <param name="seed">Same seed, same order; use e.g. <c>seed + epoch</c> for a new order each epoch.</param>
    public static IEnumerable<Tensor> ShuffledIndices(long count, int batchSize, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return IndexBatches(count, batchSize, seed);
    }

    /// <summary>Shuffled batches of samples (first dimension) with their labels, if any.</summary>
    /// <param name="features">Samples, <c>(n, ...)</c>; batches have shape <c>(batchSize, ...)</c>.</param>
    /// <param name="labels">Labels, <c>(n)</c>, or null.</param>
    /// <param name="batchSize">Samples per batch, at least 1.</param>
    /// <param name="seed">Same seed, same order.</param>
    public static IEnumerable<Batch> Shuffled(Tensor features, Tensor? labels, int batchSize, long seed)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (labels is not null && labels.shape[0] != features.shape[0])
        {
            throw new ArgumentException($"{labels.shape[0]} labels for {features.shape[0]} samples", nameof(labels));
        }

        return SampleBatches(features, labels, batchSize, seed);
    }

    private static IEnumerable<Tensor> IndexBatches(long count, int batchSize, long seed)
    {
        var order = SeededShuffle.Permutation(count, seed);
        Tensor? current = null;
        try
        {
            for (long start = 0; start < count; start += batchSize)
            {
                current?.Dispose();
                current = tensor(order[(int)start..(int)Math.Min(start + batchSize, count)], ScalarType.Int64).DetachFromDisposeScope();
                yield return current;
            }
        }
        finally
        {
            current?.Dispose();
        }
    }

    private static IEnumerable<Batch> SampleBatches(Tensor features, Tensor? labels, int batchSize, long seed)
    {
        Batch? current = null;
        try
        {
            foreach (var index in IndexBatches(features.shape[0], batchSize, seed))
            {
                current?.Dispose();
                current = new Batch(
                    features.index_select(0, index).DetachFromDisposeScope(),
                    labels?.index_select(0, index).DetachFromDisposeScope());
                yield return current;
            }
        }
        finally
        {
            current?.Dispose();
        }
    }
}
