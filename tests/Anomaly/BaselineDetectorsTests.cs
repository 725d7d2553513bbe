using Autoencoders.Evaluation;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Anomaly;

public sealed class BaselineDetectorsTests
{
    private static readonly double[,] Training = { { 0, 0 }, { 1, 0 }, { 0, 2 }, { 3, 1 }, { -1, -1 } };
    private static readonly double[,] Test = { { 0.5, 0.5 }, { 2, 2 } };

    [Fact]
    public void PyODs_PCA_score_matches_scikit_learn_and_scipy_on_a_small_example()
    {
        using var training = tensor(Training);
        using var test = tensor(Test);

        var scores = BaselineDetectors.PyodPca(training, test);

        // Expected from numpy/scipy 1.10 with PyOD's formula: sum(cdist(T, components) / explained_variance_ratio, axis=1),
        // components from scikit-learn 1.2.1's PCA of the same rows (the same axes and signs here): [4.4893712, 12.90365608].
        AssertClose.Relative(4.4893712, scores.Test[0], 1e-7, "the first test row's score");
        AssertClose.Relative(12.90365608, scores.Test[1], 1e-7, "the second test row's score");
        Assert.Equal(5, scores.Training.Length);
    }

    [Fact]
    public void PyODs_PCA_score_ranks_like_the_distance_from_the_centre_when_an_axis_has_no_variance()
    {
        // The third column is the sum of the others: one axis has no variance. PyOD divides by its (numerically zero)
        // share, so that axis's distance dominates: sqrt(‖x‖² − 2x·v + 1) with x·v ≈ 0 ranks as ‖x‖ does.
        var random = new Random(5);
        var rows = new double[200, 3];
        for (var i = 0; i < 200; i++)
        {
            (rows[i, 0], rows[i, 1]) = (random.NextDouble() - 0.5, (random.NextDouble() - 0.5) * 3);
            rows[i, 2] = rows[i, 0] + rows[i, 1];
        }

        using var data = tensor(rows);
        using var centred = data - data.mean([0]);
        var scores = BaselineDetectors.PyodPca(centred, centred).Test;
        var norms = centred.norm(1).data<double>().ToArray();

        Assert.All(scores, score => Assert.True(double.IsFinite(score)));
        Assert.Equal(Enumerable.Range(0, 200).OrderBy(i => norms[i]), Enumerable.Range(0, 200).OrderBy(i => scores[i]));
    }

    [Fact]
    public void The_kNN_score_is_the_distance_to_the_kth_nearest_training_row_and_leaves_a_training_row_out_of_its_own()
    {
        using var training = tensor(Training);
        using var test = tensor(Test);

        var scores = BaselineDetectors.KnnDistance(training, test, neighbours: 2);

        // (0.5, 0.5) is √0.5 from (0, 0) and from (1, 0); (2, 2) is √2 from (3, 1), then 2 from (0, 2), then √5 from (1, 0).
        Assert.Equal(Math.Sqrt(0.5), scores.Test[0], 1e-12);
        Assert.Equal(2, scores.Test[1], 1e-12);
        // (0, 0)'s neighbours besides itself: (1, 0) at 1, (-1, -1) at √2.
        Assert.Equal(Math.Sqrt(2), scores.Training[0], 1e-12);
        Assert.Throws<ArgumentException>(() => BaselineDetectors.KnnDistance(training, test, neighbours: 5));
    }

    [Fact]
    public void The_PCA_reconstruction_score_is_each_rows_mean_squared_distance_to_its_projection()
    {
        using var training = tensor(Training);
        using var test = tensor(Test);
        using var pca = Pca.Fit(training, 1);
        using var scope = NewDisposeScope();
        var expected = (test - pca.Reconstruct(test).to_type(ScalarType.Float64)).square().mean([1]).data<double>().ToArray();

        var scores = BaselineDetectors.PcaReconstruction(training, test, components: 1);

        // Pca reconstructs in float32: the two paths agree to float32 precision (~1e-7 of values of order 1).
        Assert.All(scores.Test.Zip(expected), pair => Assert.Equal(pair.Second, pair.First, 1e-5));
        Assert.Equal(0, DisposeScopeManager.Statistics.ThreadTotalLiveCount - DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
