using Autoencoders.Evaluation.Anomaly;

namespace Autoencoders.Tests.Anomaly;

public sealed class AnomalyThresholdsTests
{
    [Fact]
    public void Mean_plus_k_sigma_uses_the_population_standard_deviation()
    {
        // Mean 3; population variance ((-2)² + (-1)² + 0 + 1² + 2²) / 5 = 2, so σ = √2 (the sample σ would be √2.5).
        var threshold = AnomalyThresholds.MeanPlusKSigma([1, 2, 3, 4, 5], k: 3);

        Assert.Equal(ThresholdRule.MeanPlusKSigma, threshold.Rule);
        Assert.Equal(3, threshold.Parameter);
        Assert.Equal(3 + (3 * Math.Sqrt(2)), threshold.Value, 1e-12);
        Assert.Equal("mean+3σ", threshold.Name);
    }

    [Fact]
    public void Mean_plus_k_sigma_of_constant_scores_is_the_constant()
    {
        Assert.Equal(0.25, AnomalyThresholds.MeanPlusKSigma([0.25, 0.25, 0.25]).Value, 1e-15);
    }

    [Fact]
    public void The_percentile_interpolates_linearly_between_order_statistics_as_numpy_does()
    {
        // numpy.percentile([1, 2, 4, 7, 10], 90) = 8.8: position 0.9 · 4 = 3.6, so 7 + 0.6 · (10 − 7).
        var threshold = AnomalyThresholds.Percentile([10, 1, 4, 7, 2], contamination: 0.1);

        Assert.Equal(ThresholdRule.Percentile, threshold.Rule);
        Assert.Equal(8.8, threshold.Value, 1e-12);
        Assert.Equal("p90", threshold.Name);
    }

    [Fact]
    public void The_default_contamination_gives_the_99th_percentile()
    {
        // numpy.percentile(range(1, 101), 99) = 99.01: position 0.99 · 99 = 98.01.
        var threshold = AnomalyThresholds.Percentile([.. Enumerable.Range(1, 100).Select(i => (double)i).Reverse()]);

        Assert.Equal(0.01, threshold.Parameter);
        Assert.Equal(99.01, threshold.Value, 1e-9);
        Assert.Equal("p99", threshold.Name);
    }

    [Fact]
    public void A_contamination_of_zero_gives_the_maximum_and_a_single_score_is_its_own_percentile()
    {
        Assert.Equal(9, AnomalyThresholds.Percentile([3, 9, 1], contamination: 0).Value);
        Assert.Equal(0.5, AnomalyThresholds.Percentile([0.5], contamination: 0.3).Value);
    }

    [Fact]
    public void The_training_maximum_is_the_largest_score()
    {
        var threshold = AnomalyThresholds.TrainingMaximum([0.2, 0.7, 0.1]);

        Assert.Equal(new AnomalyThreshold(ThresholdRule.TrainingMaximum, 0, 0.7), threshold);
        Assert.Equal("max", threshold.Name);
    }

    [Fact]
    public void All_gives_the_four_training_rules_in_order()
    {
        var rules = AnomalyThresholds.All([1, 2, 3, 4, 5], k: 2, contamination: 0.25, trainingContamination: 0.5).Select(t => (t.Rule, t.Value)).ToArray();

        // 75th percentile of 1..5: position 0.75 · 4 = 3, the value 4; the top half: the median, 3.
        Assert.Equal([(ThresholdRule.MeanPlusKSigma, 3 + (2 * Math.Sqrt(2))), (ThresholdRule.Percentile, 4.0), (ThresholdRule.TrainingMaximum, 5.0),
            (ThresholdRule.Contamination, 3.0)], rules);
    }

    [Fact]
    public void No_scores_a_NaN_score_or_a_bad_rate_are_refused()
    {
        Assert.Contains("at least one normal sample", Assert.Throws<ArgumentException>(() => AnomalyThresholds.TrainingMaximum([])).Message, StringComparison.Ordinal);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => AnomalyThresholds.MeanPlusKSigma([1, double.NaN])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => AnomalyThresholds.Percentile([1, 2], contamination: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AnomalyThresholds.MeanPlusKSigma([1, 2], k: -1));
    }

    [Fact]
    public void The_contamination_rule_is_PyODs_threshold_and_flags_the_top_share_of_the_training_scores()
    {
        double[] scores = [.. Enumerable.Range(1, 10).Select(i => (double)i).Reverse()];

        var threshold = AnomalyThresholds.Contamination(scores, share: 0.1);

        // numpy.percentile(range(1, 11), 90) = 9.1 (position 0.9 · 9 = 8.1): PyOD's threshold_ with contamination=0.1.
        Assert.Equal(9.1, threshold.Value, 1e-12);
        Assert.Equal((ThresholdRule.Contamination, 0.1, "top10%"), (threshold.Rule, threshold.Parameter, threshold.Name));
        Assert.Equal(1, scores.Count(score => score > threshold.Value));
        Assert.Equal(AnomalyThresholds.Percentile(scores, 0.1).Value, threshold.Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => AnomalyThresholds.Contamination(scores, share: 1));
    }

    [Fact]
    public void F1_max_picks_the_threshold_with_the_best_F1_on_the_labelled_samples()
    {
        double[] scores = [0.1, 0.2, 0.3, 0.4, 0.5, 0.9];
        bool[] anomalous = [false, false, true, false, true, true];

        var threshold = AnomalyThresholds.F1Max(scores, anomalous);

        // Flagging {0.5, 0.9} gives P = 1, R = 2/3, F1 = 0.8; flagging down to 0.3 adds 0.4 (normal) and 0.3: P = 3/4, R = 1,
        // F1 = 6/7 ≈ 0.857, the best; the value is the next lower score, 0.2, since samples strictly above it are flagged.
        Assert.Equal((ThresholdRule.F1Max, 0.2, "f1-max"), (threshold.Rule, threshold.Value, threshold.Name));
        Assert.Equal(6.0 / 7, ClassificationMetrics.At(scores, anomalous, threshold.Value).F1, 1e-12);
        foreach (var other in scores.Append(0.0))
        {
            Assert.True(ClassificationMetrics.At(scores, anomalous, other).F1 <= 6.0 / 7 + 1e-12);
        }
    }

    [Fact]
    public void F1_max_flags_everything_when_that_is_best_and_keeps_the_highest_of_equal_thresholds()
    {
        // Only the lowest score is an anomaly: the best F1 flags every sample, with a threshold just below the lowest.
        var everything = AnomalyThresholds.F1Max([1.0, 2.0, 3.0], [true, false, false]);
        Assert.True(everything.Value < 1.0 && double.IsFinite(everything.Value));
        var flaggedAll = ClassificationMetrics.At([1.0, 2.0, 3.0], [true, false, false], everything.Value);
        Assert.Equal((1, 2), (flaggedAll.TruePositives, flaggedAll.FalsePositives));

        // F1 = 2·TP / (flagged + anomalies): flagging {5} gives 2/3, and so does flagging {5, 4, 3, 2}; the higher threshold wins.
        var tie = AnomalyThresholds.F1Max([5.0, 4.0, 3.0, 2.0, 1.0], [true, false, false, true, false]);
        Assert.Equal(4.0, tie.Value);
        Assert.Throws<ArgumentException>(() => AnomalyThresholds.F1Max([1.0, 2.0], [false, false]));
    }
}
