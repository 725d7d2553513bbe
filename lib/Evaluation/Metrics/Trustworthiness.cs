using static TorchSharp.torch;

namespace Autoencoders.Evaluation;

/// <summary>
/// Trustworthiness of an embedding (Venna &amp; Kaski 2001; as scikit-learn's <c>sklearn.manifold.trustworthiness</c>):
/// T(k) = 1 − 2 / (n k (2n − 3k − 1)) · Σᵢ Σ_{j ∈ Uᵢ(k)} (r(i, j) − k), where Uᵢ(k) are the k nearest neighbours of
/// point i in the embedding that are not among its k nearest in the original space, and r(i, j) is the rank of j
/// among i's neighbours in the original space (1 = nearest; the point itself excluded). 1 means no false
/// neighbours; a random embedding scores about 0.5. Euclidean distances; needs k &lt; n / 2.
/// </summary>
public static class Trustworthiness
{
    /// <summary>T(k) of <paramref name="embedding"/> <c>(n, e)</c> for <paramref name="original"/> <c>(n, d)</c>, in [0, 1].</summary>
    /// <param name="original">The points in the original space; any sample shape is flattened.</param>
    /// <param name="embedding">The same points, embedded.</param>
    /// <param name="neighbors">k, the neighbourhood size.</param>
    /// <param name="batchSize">Rows per block of the n × n rank matrix.</param>
    public static double Compute(Tensor original, Tensor embedding, int neighbors = 5, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(embedding);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var n = original.shape[0];
        if (embedding.shape[0] != n)
        {
            throw new ArgumentException($"{embedding.shape[0]} embedded points for {n} original points", nameof(embedding));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(neighbors, 1);
        if (neighbors >= n / 2.0)
        {
            throw new ArgumentOutOfRangeException(nameof(neighbors), neighbors, $"trustworthiness needs neighbors < n / 2 = {n / 2.0}");
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var high = original.flatten(1).to_type(ScalarType.Float64);
        var low = embedding.flatten(1).to_type(ScalarType.Float64);
        var penalty = 0.0;
        for (long start = 0; start < n; start += batchSize)
        {
            using var blockScope = NewDisposeScope();
            var size = Math.Min(batchSize, n - start);
            var rows = arange(start, start + size, dtype: ScalarType.Int64);
            var highOrder = WithoutSelf(cdist(high.narrow(0, start, size), high), rows).argsort(1);
            // rank[i, j] = position of j in i's original-space order, 1-based; the point itself comes last (rank n).
            var ranks = zeros(size, n, dtype: ScalarType.Int64)
                .scatter_(1, highOrder, arange(1, n + 1, dtype: ScalarType.Int64).expand(size, n));
            var (_, lowNearest) = WithoutSelf(cdist(low.narrow(0, start, size), low), rows).topk(neighbors, dim: 1, largest: false);
            penalty += (ranks.gather(1, lowNearest) - neighbors).clamp_min(0).sum().item<long>();
        }

        return 1 - (penalty * 2.0 / (n * neighbors * (2.0 * n - 3.0 * neighbors - 1.0)));
    }

    private static Tensor WithoutSelf(Tensor distances, Tensor rows) =>
        distances.index_put_(tensor(double.PositiveInfinity, dtype: ScalarType.Float64), arange(rows.shape[0]), rows);
}
