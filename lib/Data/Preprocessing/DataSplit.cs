using static TorchSharp.torch;

namespace Autoencoders.Data.Preprocessing;

/// <summary>Seeded splits of samples into a training part and a held-out (validation or test) part.</summary>
public static class DataSplit
{
    /// <summary>
    /// Chooses which of <paramref name="count"/> samples to hold out. The held-out part has
    /// <c>round(count * fraction)</c> samples, at least 1, and leaves at least 1 for training. With
    /// <paramref name="labels"/> the split is stratified: each class is held out in (nearly) the same proportion.
    /// Both index lists come back in ascending order.
    /// </summary>
    /// <param name="count">Number of samples, at least 2.</param>
    /// <param name="fraction">Share to hold out, strictly between 0 and 1.</param>
    /// <param name="seed">Same seed, same split.</param>
    /// <param name="labels">Class of each sample, or null for a plain random split.</param>
    public static (long[] Train, long[] HeldOut) Indices(long count, double fraction, long seed, IReadOnlyList<long>? labels = null)
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

        var target = Math.Clamp((long)Math.Round(count * fraction, MidpointRounding.AwayFromZero), 1, count - 1);
        var groups = labels is null
            ? [Enumerable.Range(0, (int)count).Select(i => (long)i).ToArray()]
            : labels.Select((label, index) => (label, index: (long)index)).GroupBy(pair => pair.label)
                .OrderBy(group => group.Key).Select(group => group.Select(pair => pair.index).ToArray()).ToArray();
        var quotas = Apportion(groups.Select(group => (long)group.Length).ToArray(), count, target);

        var random = SeededShuffle.CreateRandom(seed);
        var heldOut = new List<long>();
        var train = new List<long>();
        for (var g = 0; g < groups.Length; g++)
        {
            var members = groups[g];
            random.Shuffle(members);
            heldOut.AddRange(members.Take((int)quotas[g]));
            train.AddRange(members.Skip((int)quotas[g]));
        }

        heldOut.Sort();
        train.Sort();
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

    /// <summary>Largest-remainder apportionment of <paramref name="target"/> held-out samples over groups.</summary>
    private static long[] Apportion(long[] sizes, long total, long target)
    {
        var quotas = sizes.Select(size => size * target / total).ToArray();
        var left = target - quotas.Sum();
        var byRemainder = Enumerable.Range(0, sizes.Length)
            .OrderByDescending(g => (sizes[g] * target) % total)
            .ThenBy(g => g);
        foreach (var g in byRemainder.Take((int)left))
        {
            quotas[g]++;
        }

        return quotas;
    }
}
