using static TorchSharp.torch;

namespace Autoencoders.Evaluation;

/// <summary>
/// k-nearest-neighbour classification, the usual probe of how much class information a representation keeps:
/// each query takes the majority label of its k nearest training points (Euclidean distance). A tie between
/// labels with equally many votes goes to the tied label whose nearest member is closest to the query.
/// Computed in batches of queries with <c>cdist</c> and <c>topk</c>.
/// </summary>
public static class NearestNeighbors
{
    /// <summary>Predicted labels <c>(m)</c>, int64, for <paramref name="queries"/> <c>(m, d)</c> from <paramref name="reference"/> <c>(n, d)</c> with labels <c>(n)</c>.</summary>
    /// <param name="reference">Points with known labels (e.g. training codes); any sample shape is flattened.</param>
    /// <param name="referenceLabels">Their non-negative integer labels.</param>
    /// <param name="queries">Points to classify (e.g. test codes).</param>
    /// <param name="k">Number of neighbours; at most the number of reference points.</param>
    /// <param name="batchSize">Queries per distance block (memory is batchSize × n distances).</param>
    public static Tensor Predict(Tensor reference, Tensor referenceLabels, Tensor queries, int k = 5, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(referenceLabels);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, reference.shape[0], nameof(k));
        if (referenceLabels.numel() != reference.shape[0])
        {
            throw new ArgumentException($"{referenceLabels.numel()} labels for {reference.shape[0]} reference points", nameof(referenceLabels));
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var points = reference.flatten(1).to_type(ScalarType.Float32);
        var labels = referenceLabels.flatten().to_type(ScalarType.Int64);
        if (labels.min().item<long>() < 0)
        {
            throw new ArgumentException("labels must be non-negative", nameof(referenceLabels));
        }

        var classes = labels.max().item<long>() + 1;
        // Votes count k + 1 each and the closest member of a label adds k - rank (< k + 1): the most votes wins,
        // and among equal votes the label met first in distance order.
        var firstSeenBonus = (k - arange(k, dtype: ScalarType.Float32)).view(1, k, 1);
        var flatQueries = queries.flatten(1).to_type(ScalarType.Float32);
        var predictions = new List<Tensor>();
        for (long start = 0; start < flatQueries.shape[0]; start += batchSize)
        {
            var block = flatQueries.narrow(0, start, Math.Min(batchSize, flatQueries.shape[0] - start));
            var (_, nearest) = cdist(block, points).topk(k, dim: 1, largest: false, sorted: true);
            var votes = nn.functional.one_hot(labels.take(nearest), classes).to_type(ScalarType.Float32);
            var score = votes.sum([1]) * (k + 1) + (votes * firstSeenBonus).amax([1]);
            predictions.Add(score.argmax(1));
        }

        return (predictions.Count == 0 ? empty(0, dtype: ScalarType.Int64) : cat(predictions, 0)).MoveToOuterDisposeScope();
    }

    /// <summary>The fraction of <paramref name="queries"/> whose predicted label (see <see cref="Predict"/>) equals <paramref name="queryLabels"/>.</summary>
    public static double Accuracy(Tensor reference, Tensor referenceLabels, Tensor queries, Tensor queryLabels, int k = 5, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(queryLabels);
        ArgumentNullException.ThrowIfNull(queries);
        if (queryLabels.numel() != queries.shape[0] || queries.shape[0] == 0)
        {
            throw new ArgumentException($"{queryLabels.numel()} labels for {queries.shape[0]} queries (need at least one)", nameof(queryLabels));
        }

        using var scope = NewDisposeScope();
        var predicted = Predict(reference, referenceLabels, queries, k, batchSize);
        return predicted.eq(queryLabels.flatten().to_type(ScalarType.Int64)).to_type(ScalarType.Float64).mean().item<double>();
    }
}
