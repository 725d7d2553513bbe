using static TorchSharp.torch;

namespace Autoencoders.Data.Preprocessing;

/// <summary>
/// Shuffled mini-batches, the trainer's and anyone's: the order is one <c>randperm</c> drawn from a torch
/// <see cref="Generator"/>. Every sample appears exactly once per pass; the last batch keeps the remainder when the
/// count is not a multiple of the batch size.
/// <para>
/// The permutation is drawn when the enumeration starts, so a caller that draws more numbers from the same
/// generator inside its loop (input noise, a VAE's samples) gets a reproducible sequence.
/// </para>
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
        Check(count, batchSize);
        return Seeded(seed, generator => IndexBatches(count, batchSize, generator));
    }

    /// <summary>Shuffled sample indices drawn from <paramref name="generator"/>, which the caller owns.</summary>
    public static IEnumerable<Tensor> ShuffledIndices(long count, int batchSize, Generator generator)
    {
        Check(count, batchSize);
        ArgumentNullException.ThrowIfNull(generator);
        return IndexBatches(count, batchSize, generator);
    }

    /// <summary>Shuffled batches of samples (first dimension) with their labels, if any.</summary>
    /// <param name="features">Samples, <c>(n, ...)</c>; batches have shape <c>(batchSize, ...)</c>.</param>
    /// <param name="labels">Labels, <c>(n)</c>, or null.</param>
    /// <param name="batchSize">Samples per batch, at least 1.</param>
    /// <param name="seed">Same seed, same order.</param>
    public static IEnumerable<Batch> Shuffled(Tensor features, Tensor? labels, int batchSize, long seed)
    {
        Check(features, labels, batchSize);
        return Seeded(seed, generator => SampleBatches(features, labels, batchSize, generator));
    }

    /// <summary>Shuffled batches of samples and labels in an order drawn from <paramref name="generator"/>, which the caller owns.</summary>
    public static IEnumerable<Batch> Shuffled(Tensor features, Tensor? labels, int batchSize, Generator generator)
    {
        Check(features, labels, batchSize);
        ArgumentNullException.ThrowIfNull(generator);
        return SampleBatches(features, labels, batchSize, generator);
    }

    private static void Check(long count, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
    }

    private static void Check(Tensor features, Tensor? labels, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (labels is not null && labels.shape[0] != features.shape[0])
        {
            throw new ArgumentException($"{labels.shape[0]} labels for {features.shape[0]} samples", nameof(labels));
        }
    }

    // The generator lives as long as the enumeration, not as long as the call that set it up.
    private static IEnumerable<T> Seeded<T>(long seed, Func<Generator, IEnumerable<T>> batches)
    {
        using var generator = new Generator((ulong)seed);
        foreach (var batch in batches(generator))
        {
            yield return batch;
        }
    }

    private static IEnumerable<Tensor> IndexBatches(long count, int batchSize, Generator generator)
    {
        using var order = randperm(count, generator: generator).DetachFromDisposeScope();
        Tensor? current = null;
        try
        {
            for (long start = 0; start < count; start += batchSize)
            {
                current?.Dispose();
                current = order.narrow(0, start, Math.Min(batchSize, count - start)).DetachFromDisposeScope();
                yield return current;
            }
        }
        finally
        {
            current?.Dispose();
        }
    }

    private static IEnumerable<Batch> SampleBatches(Tensor features, Tensor? labels, int batchSize, Generator generator)
    {
        Batch? current = null;
        try
        {
            foreach (var index in IndexBatches(features.shape[0], batchSize, generator))
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
