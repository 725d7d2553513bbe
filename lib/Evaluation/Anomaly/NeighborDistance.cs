using static TorchSharp.torch;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>
/// The k-nearest-neighbour anomaly score (Ramaswamy, Rastogi &amp; Shim, SIGMOD 2000; PyOD's <c>KNN</c> with
/// <c>method='largest'</c>): a sample's Euclidean distance to its k-th nearest normal training sample, high where
/// the training data are sparse. Computed in float32 in blocks of queries with <c>cdist</c> and <c>topk</c>.
/// </summary>
public static class NeighborDistance
{
    /// <summary>The distance of each query to its <paramref name="k"/>-th nearest reference point: <c>(m, ...) -> m</c> values.</summary>
    /// <param name="reference">The normal training samples <c>(n, ...)</c>; any sample shape is flattened.</param>
    /// <param name="queries">The samples to score <c>(m, ...)</c>, the same values per sample.</param>
    /// <param name="k">Which neighbour, 1 for the nearest; at most the number of reference points.</param>
    /// <param name="batchSize">Queries per block (memory is batchSize × n distances).</param>
    /// <exception cref="ArgumentException">The samples differ in size, or k is out of range.</exception>
    public static double[] KthNearest(Tensor reference, Tensor queries, int k = 1, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, reference.shape[0], nameof(k));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var points = reference.flatten(1).to_type(ScalarType.Float32);
        var flatQueries = queries.flatten(1).to_type(ScalarType.Float32);
        if (points.shape[1] != flatQueries.shape[1])
        {
            throw new ArgumentException($"queries have {flatQueries.shape[1]} values per sample but the reference points {points.shape[1]}", nameof(queries));
        }

        var distances = new double[flatQueries.shape[0]];
        for (long start = 0; start < flatQueries.shape[0]; start += batchSize)
        {
            using var blockScope = NewDisposeScope();
            var block = flatQueries.narrow(0, start, Math.Min(batchSize, flatQueries.shape[0] - start));
            var (nearest, _) = cdist(block, points).topk(k, dim: 1, largest: false, sorted: true);
            var kth = nearest.select(1, k - 1).to_type(ScalarType.Float64).data<double>().ToArray();
            kth.CopyTo(distances, start);
        }

        return distances;
    }
}
