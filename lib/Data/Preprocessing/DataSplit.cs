using static TorchSharp.torch;

namespace Autoencoders.Data.Preprocessing;

/// <summary>
/// Seeded splits of samples into a training part and a held-out part: the one split of the library, for validation
/// splits, CSV test splits and the test split of IDX files that come without one (digits).
/// </summary>
public static class DataSplit
{
    /// <summary>
    /// Chooses which of <paramref name="count"/> samples to hold out (a validation or a test split). The held-out part
    /// has <c>round(count * fraction)</c> samples, at least 1, and leaves at least 1 for training. With
    /// <paramref name="labels"/> the split is stratified: each class c holds out ⌊n_c · fraction⌋ samples, and the
    /// samples still missing from the total go one each to the classes whose share lost most to the rounding down
    /// (ties to the smaller label). Which samples of a class are held out is decided by one seeded permutation of all
    /// samples: walking it, a sample is held out while its class's quota is not yet filled.
    /// </summary>
    /// <param name="count">Number of samples, at least 2.</param>
    /// <param name="fraction">Share to hold out, strictly between 0 and 1.</param>
    /// <param name="seed">Same seed, same split (and the same order).</param>
    /// <param name="labels">Class of each sample, or null for a plain random split.</param>
    /// <param name="order">Whether both lists come back ascending or in the permutation's order.</param>
    public static (long[] Train, long[] HeldOut) Indices(long count, double fraction, long seed, IReadOnlyList<long>? labels = null,
        SplitOrder order = SplitOrder.Ascending)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the held-out fraction must be strictly between 0 and 1");
        }

        if (labels is not null && labels.Count != count)
        {
            throw new ArgumentException($"{labels.Count} labels for {count} samples", nameof(labels));
        }

        long ClassOf(long index) => labels?[(int)index] ?? 0;
        var quota = HeldOutQuota(labels, count, fraction);
        long[] permutation;
        using (var generator = new Generator((ulong)seed))
        using (var shuffled = randperm(count, generator: generator))
        {
            permutation = shuffled.data<long>().ToArray();
        }

        var train = new List<long>();
        var heldOut = new List<long>();
        foreach (var index in permutation)
        {
            var label = ClassOf(index);
            if (quota[label] > 0)
            {
                quota[label]--;
                heldOut.Add(index);
            }
            else
            {
                train.Add(index);
            }
        }

        if (order == SplitOrder.Ascending)
        {
            train.Sort();
            heldOut.Sort();
        }

        return ([.. train], [.. heldOut]);
    }

    /// <summary>
    /// Splits samples (first dimension) and their labels into training and validation parts with
    /// <see cref="Indices"/> (stratified when labels are given). The four tensors are new; the inputs are untouched.
    /// </summary>
    /// <param name="features">Samples, <c>(n, ...)</c>.</param>
    /// <param name="labels">Labels, <c>(n)</c>, or null.</param>
    /// <param name="validationFraction">Share for validation, strictly between 0 and 1.</param>
    /// <param name="seed">Same seed, same split.</param>
    public static TrainValidationSplit TrainValidation(Tensor features, Tensor? labels, double validationFraction, long seed)
    {
        ArgumentNullException.ThrowIfNull(features);
        var count = features.shape[0];
        if (labels is not null && (labels.dim() != 1 || labels.shape[0] != count))
        {
            throw new ArgumentException($"labels must have shape [{count}], not [{string.Join(", ", labels.shape)}]", nameof(labels));
        }

        using var scope = NewDisposeScope();
        var (train, validation) = Indices(count, validationFraction, seed, labels?.to_type(ScalarType.Int64).data<long>().ToArray());
        var trainIndex = tensor(train, ScalarType.Int64);
        var validationIndex = tensor(validation, ScalarType.Int64);
        var split = new TrainValidationSplit(
            features.index_select(0, trainIndex).MoveToOuterDisposeScope(),
            labels?.index_select(0, trainIndex).MoveToOuterDisposeScope(),
            features.index_select(0, validationIndex).MoveToOuterDisposeScope(),
            labels?.index_select(0, validationIndex).MoveToOuterDisposeScope());
        return split;
    }

    /// <summary>How many of <paramref name="count"/> samples <see cref="Indices"/> holds out: round(count × fraction), at least 1, leaving at least 1.</summary>
    public static long HeldOutCount(long count, double fraction) =>
        Math.Clamp((long)Math.Round(count * fraction, MidpointRounding.AwayFromZero), 1, Math.Max(1, count - 1));

    // Largest remainders over the classes present: the floors of each class's share, then one more for the classes
    // whose share lost most to the floor, until the total is round(count * fraction) clamped to [1, count − 1].
    private static Dictionary<long, long> HeldOutQuota(IReadOnlyList<long>? labels, long count, double fraction)
    {
        var sizes = labels is null
            ? new Dictionary<long, long> { [0] = count }
            : labels.GroupBy(label => label).ToDictionary(group => group.Key, group => (long)group.Count());
        var shares = sizes.ToDictionary(pair => pair.Key, pair => pair.Value * fraction);
        var quota = shares.ToDictionary(pair => pair.Key, pair => (long)Math.Floor(pair.Value));
        var total = HeldOutCount(count, fraction);
        var leftover = (int)(total - quota.Values.Sum());
        foreach (var label in shares.Keys.OrderByDescending(label => shares[label] - quota[label]).ThenBy(label => label).Take(leftover))
        {
            quota[label]++;
        }

        return quota;
    }
}
