using static TorchSharp.torch;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>
/// The training codes a neighbour-distance score keeps as its reference: all of them up to a cap, else a seeded random
/// sample of the cap's size, so that a detector trained on a large data set stays a few megabytes in <c>checkpoint.json</c>.
/// </summary>
internal static class ReferenceSample
{
    /// <summary>The rows of <paramref name="count"/> kept as reference, ascending, or null when all are kept.</summary>
    public static long[]? Choose(long count, int cap, long seed)
    {
        if (count <= cap)
        {
            return null;
        }

        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var rows = new long[count];
        for (long i = 0; i < count; i++)
        {
            rows[i] = i;
        }

        random.Shuffle(rows);
        var kept = rows[..cap];
        Array.Sort(kept);
        return kept;
    }

    /// <summary>
    /// Each training code's distance to its <paramref name="k"/>-th nearest reference code, leaving itself out: a kept
    /// row's own code is in the reference, so it takes the (k + 1)-th. <paramref name="kept"/> is ascending (<see cref="Choose"/>).
    /// </summary>
    public static double[] TrainingDistances(Tensor codes, long[] kept, int k, Func<Tensor, Tensor, int, double[]> kthDistance)
    {
        using var scope = NewDisposeScope();
        var isKept = new bool[codes.shape[0]];
        foreach (var row in kept)
        {
            isKept[row] = true;
        }

        long[] others = [.. Enumerable.Range(0, isKept.Length).Where(i => !isKept[i]).Select(i => (long)i)];
        var reference = codes.index_select(0, tensor(kept));
        var distances = new double[isKept.Length];
        Scatter(kthDistance(reference, reference, k + 1), kept, distances);
        Scatter(kthDistance(reference, codes.index_select(0, tensor(others)), k), others, distances);
        return distances;
    }

    private static void Scatter(double[] values, long[] rows, double[] into)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            into[rows[i]] = values[i];
        }
    }
}
