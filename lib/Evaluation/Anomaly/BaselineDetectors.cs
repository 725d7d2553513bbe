using static TorchSharp.torch;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>The anomaly scores a detector gives its own training samples and the test samples.</summary>
/// <param name="Training">One score per training sample (for thresholds fitted on the training data).</param>
/// <param name="Test">One score per test sample.</param>
public sealed record DetectorScores(double[] Training, double[] Test);

/// <summary>
/// The classic detectors an autoencoder is compared with, each fitted on training rows <c>(n, features)</c> and
/// scoring rows of the same width (higher = more anomalous). Computed in float64.
/// </summary>
public static class BaselineDetectors
{
    /// <summary>PyOD's default number of neighbours for its KNN detector.</summary>
    public const int DefaultNeighbours = 5;

    // A principal axis whose share of the variance is numerically zero (a column that is a linear combination of others)
    // would divide by zero in PyOD's formula; floored at this share it still dominates the sum, as it does in PyOD.
    private const double SmallestVarianceShare = 1e-12;

    /// <summary>
    /// PCA reconstruction error: each row's mean squared distance to its projection on the top
    /// <paramref name="components"/> principal axes of the training rows (<see cref="Pca"/>).
    /// </summary>
    public static DetectorScores PcaReconstruction(Tensor training, Tensor test, int components)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(test);
        using var scope = NewDisposeScope();
        using var pca = Pca.Fit(training, components);
        double[] Errors(Tensor rows)
        {
            var flat = rows.flatten(1).to_type(ScalarType.Float64);
            var reconstruction = pca.Reconstruct(rows).flatten(1).to_type(ScalarType.Float64);
            return (flat - reconstruction).square().mean([1]).data<double>().ToArray();
        }

        return new DetectorScores(Errors(training), Errors(test));
    }

    /// <summary>
    /// PyOD's PCA detector (<c>pyod.models.pca.PCA</c> with its defaults <c>weighted=True, standardization=True</c>, every
    /// component kept): Σⱼ ‖x − vⱼ‖ / rⱼ over all principal axes vⱼ of the training rows, where ‖x − vⱼ‖ is the Euclidean
    /// distance from the row to the unit eigenvector taken as a point (scipy's <c>cdist</c>) and rⱼ the axis's share of
    /// the explained variance. Give it standardised rows, as PyOD standardises. Axes are signed as
    /// <see cref="Pca.Axes"/> are (largest-magnitude entry positive, scikit-learn's convention since 1.5): the distance to a
    /// point depends on the sign. Note what it measures: ‖x − v‖² = ‖x‖² − 2x·v + 1, so the sum is dominated by ‖x‖ (the
    /// row's distance from the training mean), weighted towards the low-variance axes.
    /// </summary>
    public static DetectorScores PyodPca(Tensor training, Tensor test)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(test);
        using var scope = NewDisposeScope();
        var rows = training.flatten(1).to_type(ScalarType.Float64);
        var centered = rows - rows.mean([0]);
        var (eigenvalues, eigenvectors) = linalg.eigh(centered.t().matmul(centered));
        var variances = eigenvalues.clamp_min(0);
        var shares = (variances / variances.sum()).clamp_min(SmallestVarianceShare);
        // Columns of eigenvectors are the axes; sign each so that its largest-magnitude entry is positive.
        var axes = eigenvectors.t();
        var largest = axes.abs().argmax(1, keepdim: true);
        axes = axes * axes.gather(1, largest).sign();
        double[] Scores(Tensor data) =>
            (cdist(data.flatten(1).to_type(ScalarType.Float64), axes) / shares).sum([1]).data<double>().ToArray();

        return new DetectorScores(Scores(rows), Scores(test));
    }

    /// <summary>
    /// PyOD's KNN detector with its defaults (<c>method='largest'</c>): the Euclidean distance to the
    /// <paramref name="neighbours"/>-th nearest training row. A training row's own score leaves the row itself out, as
    /// PyOD's <c>decision_scores_</c> do.
    /// </summary>
    /// <param name="training">Reference rows, more than <paramref name="neighbours"/>.</param>
    /// <param name="test">Rows to score.</param>
    /// <param name="neighbours">Which neighbour's distance is the score.</param>
    public static DetectorScores KnnDistance(Tensor training, Tensor test, int neighbours = DefaultNeighbours)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 1);
        if (training.shape[0] <= neighbours)
        {
            throw new ArgumentException($"the distance to the {neighbours}th neighbour needs more than {neighbours} training rows; got {training.shape[0]}", nameof(training));
        }

        using var scope = NewDisposeScope();
        var reference = training.flatten(1).to_type(ScalarType.Float64);
        return new DetectorScores(
            KthDistance(reference, reference, neighbours + 1),
            KthDistance(reference, test.flatten(1).to_type(ScalarType.Float64), neighbours));
    }

    /// <summary>For each query row, the distance to its k-th nearest reference row (1 = the nearest).</summary>
    internal static double[] KthDistance(Tensor reference, Tensor queries, int k, int batchSize = 1024)
    {
        using var scope = NewDisposeScope();
        var distances = new List<double>((int)queries.shape[0]);
        for (long start = 0; start < queries.shape[0]; start += batchSize)
        {
            var block = queries.narrow(0, start, Math.Min(batchSize, queries.shape[0] - start));
            var (nearest, _) = cdist(block, reference).topk(k, dim: 1, largest: false, sorted: true);
            distances.AddRange(nearest.select(1, k - 1).data<double>().ToArray());
        }

        return [.. distances];
    }
}
