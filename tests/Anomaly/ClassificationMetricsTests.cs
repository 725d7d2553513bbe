using Autoencoders.Evaluation.Anomaly;

namespace Autoencoders.Tests.Anomaly;

public sealed class ClassificationMetricsTests
{
    [Fact]
    public void A_known_confusion_gives_the_hand_computed_metrics()
    {
        // Above 0.45: samples 4-7; anomalies: 3, 5, 6. TP = {5, 6}, FP = {4, 7}, FN = {3}, TN = {0, 1, 2}.
        double[] scores = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
        bool[] anomalies = [false, false, false, true, false, true, true, false];

        var metrics = ClassificationMetrics.At(scores, anomalies, 0.45);

        Assert.Equal((2, 2, 3, 1), (metrics.TruePositives, metrics.FalsePositives, metrics.TrueNegatives, metrics.FalseNegatives));
        Assert.Equal(0.5, metrics.Precision, 1e-15);
        Assert.Equal(2.0 / 3, metrics.Recall, 1e-15);
        Assert.Equal(4.0 / 7, metrics.F1, 1e-15); // 2 · ½ · ⅔ / (½ + ⅔)
        Assert.Equal(5.0 / 8, metrics.Accuracy, 1e-15);
        Assert.Equal(2.0 / 5, metrics.FalsePositiveRate, 1e-15);
    }

    [Fact]
    public void A_score_equal_to_the_threshold_is_not_flagged()
    {
        var metrics = ClassificationMetrics.At([0.5, 0.6], [true, true], 0.5);

        Assert.Equal((1, 1), (metrics.TruePositives, metrics.FalseNegatives));
    }

    [Fact]
    public void When_nothing_is_flagged_precision_and_F1_are_zero_as_with_zero_division_0()
    {
        var metrics = ClassificationMetrics.At([0.1, 0.2, 0.3], [false, true, false], 1.0);

        Assert.Equal((0, 0, 2, 1), (metrics.TruePositives, metrics.FalsePositives, metrics.TrueNegatives, metrics.FalseNegatives));
        Assert.Equal(0, metrics.Precision);
        Assert.Equal(0, metrics.Recall);
        Assert.Equal(0, metrics.F1);
        Assert.Equal(2.0 / 3, metrics.Accuracy, 1e-15);
    }

    [Fact]
    public void Without_anomalies_recall_is_zero_and_without_samples_everything_is_zero()
    {
        var noAnomalies = ClassificationMetrics.At([0.1, 0.9], [false, false], 0.5);
        var empty = ClassificationMetrics.At([], [], 0.5);

        Assert.Equal((0, 0.5), (noAnomalies.Recall, noAnomalies.Accuracy));
        Assert.Equal((0.0, 0.0, 0.0, 0.0), (empty.Precision, empty.Recall, empty.F1, empty.Accuracy));
    }

    [Fact]
    public void Scores_and_flags_of_different_lengths_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassificationMetrics.At([0.1, 0.2], [true], 0.5));

        Assert.Contains("2 scores but 1 anomaly flags", error.Message, StringComparison.Ordinal);
    }
}
