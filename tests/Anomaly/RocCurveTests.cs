using Autoencoders.Evaluation.Anomaly;

namespace Autoencoders.Tests.Anomaly;

public sealed class RocCurveTests
{
    [Fact]
    public void A_small_known_ranking_has_AUC_three_quarters_and_scikit_learns_points()
    {
        // sklearn.metrics.roc_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], drop_intermediate=False):
        // fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [inf, 0.8, 0.4, 0.35, 0.1]; roc_auc_score 0.75.
        var roc = RocCurve.Compute([0.1, 0.4, 0.35, 0.8], [false, false, true, true]);

        Assert.Equal(0.75, roc.Auc, 1e-15);
        Assert.Equal(
            [new(0, 0, null), new(0, 0.5, 0.8), new(0.5, 0.5, 0.4), new(0.5, 1, 0.35), new(1, 1, 0.1)],
            roc.Points);
    }

    [Fact]
    public void Perfect_separation_has_AUC_one_and_the_reversed_ranking_zero()
    {
        double[] scores = [0.1, 0.2, 0.8, 0.9];

        Assert.Equal(1, RocCurve.Compute(scores, [false, false, true, true]).Auc, 1e-15);
        Assert.Equal(0, RocCurve.Compute(scores, [true, true, false, false]).Auc, 1e-15);
    }

    [Fact]
    public void When_all_scores_tie_the_curve_is_the_diagonal_and_AUC_one_half()
    {
        var roc = RocCurve.Compute([0.3, 0.3, 0.3, 0.3, 0.3], [true, false, false, true, false]);

        Assert.Equal(0.5, roc.Auc, 1e-15);
        Assert.Equal([new(0, 0, null), new(1, 1, 0.3)], roc.Points);
    }

    [Fact]
    public void Tied_scores_across_the_classes_enter_together_as_one_diagonal_step()
    {
        // Anomalies {0.5, 0.9}, normals {0.5, 0.2}: the pairs give 1/2 + 1 + 1 + 1, so AUC = 3.5 / 4.
        var roc = RocCurve.Compute([0.5, 0.5, 0.2, 0.9], [true, false, false, true]);

        Assert.Equal(0.875, roc.Auc, 1e-15);
        Assert.Equal([new(0, 0, null), new(0, 0.5, 0.9), new(0.5, 1, 0.5), new(1, 1, 0.2)], roc.Points);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_trapezoidal_AUC_equals_the_Mann_Whitney_probability_counted_pair_by_pair(int seed)
    {
        // Scores rounded to one decimal so that many tie, within and across the classes.
        var random = new Random(seed);
        var scores = Enumerable.Range(0, 60).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray();
        var anomalies = scores.Select(score => random.NextDouble() < 0.2 + (0.5 * score)).ToArray();

        var pairs = 0.0;
        var wins = 0.0;
        for (var a = 0; a < scores.Length; a++)
        {
            for (var n = 0; n < scores.Length; n++)
            {
                if (anomalies[a] && !anomalies[n])
                {
                    pairs++;
                    wins += scores[a] > scores[n] ? 1 : scores[a] == scores[n] ? 0.5 : 0;
                }
            }
        }

        var auc = RocCurve.Compute(scores, anomalies).Auc;

        Assert.Equal(wins / pairs, auc, 1e-12);
        Assert.Equal(wins / pairs, RocCurve.MannWhitneyAuc(scores, anomalies), 1e-12);
    }

    [Fact]
    public void The_curve_starts_at_the_origin_ends_at_one_one_and_never_goes_back()
    {
        var random = new Random(5);
        var scores = Enumerable.Range(0, 40).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray();
        var anomalies = Enumerable.Range(0, 40).Select(i => i % 3 == 0).ToArray();

        var points = RocCurve.Compute(scores, anomalies).Points;

        Assert.Equal((0.0, 0.0), (points[0].FalsePositiveRate, points[0].TruePositiveRate));
        Assert.Equal((1.0, 1.0), (points[^1].FalsePositiveRate, points[^1].TruePositiveRate));
        Assert.Equal(scores.Distinct().Count() + 1, points.Count);
        Assert.All(points.Zip(points.Skip(1)), pair =>
            Assert.True(pair.Second.FalsePositiveRate >= pair.First.FalsePositiveRate && pair.Second.TruePositiveRate >= pair.First.TruePositiveRate));
    }

    [Fact]
    public void Test_samples_without_anomalies_or_without_normal_samples_are_refused_with_a_clear_message()
    {
        var noAnomalies = Assert.Throws<ArgumentException>(() => RocCurve.Compute([0.1, 0.2], [false, false]));
        var noNormals = Assert.Throws<ArgumentException>(() => RocCurve.MannWhitneyAuc([0.1, 0.2], [true, true]));

        Assert.StartsWith("the test samples hold 0 anomalies and 2 normal samples; ROC and AUC need at least one of each", noAnomalies.Message, StringComparison.Ordinal);
        Assert.StartsWith("the test samples hold 2 anomalies and 0 normal samples", noNormals.Message, StringComparison.Ordinal);
    }
}
