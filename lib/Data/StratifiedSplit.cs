using static TorchSharp.torch;

namespace Autoencoders.Data;

/// <summary>
/// A seeded train/test split that keeps each class's share: every class gives the same fraction of its samples
/// to the test split (rounded so that the test split has <c>round(n * fraction)</c> samples in all).
/// </summary>
internal static class StratifiedSplit
{
    /// <summary>
    /// Returns sample indices for the training and the test split, each in a seeded random order.
    /// <paramref name="classes"/> holds each sample's class; null treats all samples as one class.
    /// </summary>
    public static (long[] Train, long[] Test) Indices(int count, byte[]? classes, double testFraction, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var classOf = classes ?? new byte[count];
        var quota = TestQuota(classOf, testFraction);

        // Walking one seeded permutation and filling each class's test quota first gives a stratified split
        // whose two halves are both shuffled, so that neither lists the classes in blocks.
        long[] order;
        using (var generator = new Generator((ulong)seed))
        using (var permutation = randperm(count, generator: generator))
        {
            order = permutation.data<long>().ToArray();
        }

        var train = new List<long>(count);
        var test = new List<long>(quota.Sum());
        foreach (var index in order)
        {
            var label = classOf[index];
            if (quota[label] > 0)
            {
                quota[label]--;
                test.Add(index);
            }
            else
            {
                train.Add(index);
            }
        }

        return ([.. train], [.. test]);
    }

    // Largest remainders: floor each class's share, then give the leftover samples to the classes whose share
    // lost most to the floor (ties to the smaller label), so the total is exactly round(n * fraction).
    private static int[] TestQuota(byte[] classes, double testFraction)
    {
        var counts = new int[256];
        foreach (var label in classes)
        {
            counts[label]++;
        }

        var shares = counts.Select(classCount => classCount * testFraction).ToArray();
        var quota = shares.Select(share => (int)Math.Floor(share)).ToArray();
        var leftover = (int)Math.Round(classes.Length * testFraction, MidpointRounding.AwayFromZero) - quota.Sum();
        foreach (var label in Enumerable.Range(0, 256).OrderByDescending(label => shares[label] - quota[label]).ThenBy(label => label).Take(leftover))
        {
            quota[label]++;
        }

        return quota;
    }
}
