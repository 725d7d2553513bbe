using System.Text.Json;
using Autoencoders.Evaluation.Anomaly;

namespace Autoencoders.Tests.Anomaly;

public sealed class AnomalyReportTests
{
    private static readonly double[] Training = [1, 2, 3, 4, 5];
    private static readonly double[] Test = [2, 3, 4.5, 6, 8, 9];
    private static readonly bool[] Anomalous = [false, false, false, true, false, true];

    [Fact]
    public void The_report_holds_each_thresholds_metrics_the_ROC_curve_and_score_summaries()
    {
        var report = AnomalyReport.Create(Training, Test, Anomalous, k: 1, contamination: 0.25);

        // Thresholds: 3 + √2 ≈ 4.414, the 75th percentile 4, the maximum 5, the top 10 % (the 90th percentile, 4.6).
        Assert.Equal([ThresholdRule.MeanPlusKSigma, ThresholdRule.Percentile, ThresholdRule.TrainingMaximum, ThresholdRule.Contamination],
            report.Thresholds.Select(t => t.Threshold.Rule));
        Assert.Equal(4.6, report.Thresholds[3].Threshold.Value, 1e-12);
        Assert.Equal(ClassificationMetrics.At(Test, Anomalous, 3 + Math.Sqrt(2)), report.Thresholds[0].Metrics);
        var atMaximum = report.Thresholds[2].Metrics;
        Assert.Equal((2, 1, 3, 0), (atMaximum.TruePositives, atMaximum.FalsePositives, atMaximum.TrueNegatives, atMaximum.FalseNegatives));

        // Anomalies {6, 9} against normals {2, 3, 4.5, 8}: 6 beats 3 of 4, 9 beats all 4, so AUC = 7 / 8.
        Assert.Equal(0.875, report.Auc, 1e-15);
        Assert.Equal(RocCurve.Compute(Test, Anomalous).Points, report.Roc);
        Assert.Equal(new ScoreSummary(5, 3, Math.Sqrt(2), 1, 3, 5), report.TrainingScores);
        Assert.Equal((4, 2.0, 8.0, 3.75), (report.TestNormalScores.Count, report.TestNormalScores.Min, report.TestNormalScores.Max, report.TestNormalScores.Median));
        Assert.Equal(new ScoreSummary(2, 7.5, 1.5, 6, 7.5, 9), report.TestAnomalyScores);

        // The best test F1 flags {8, 9} (above 6: F1 = 2·1 / (2 + 2) = 0.5) or {6, 8, 9} (above 4.5: 2·2 / (3 + 2) = 0.8).
        Assert.Equal(ThresholdRule.F1Max, report.F1MaxUpperBound.Threshold.Rule);
        Assert.Equal(4.5, report.F1MaxUpperBound.Threshold.Value);
        Assert.Equal(0.8, report.F1MaxUpperBound.Metrics.F1, 1e-12);
    }

    [Fact]
    public void The_report_serialises_to_JSON_with_default_options()
    {
        var report = AnomalyReport.Create(Training, Test, Anomalous);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report));

        Assert.Equal(report.Auc, json.RootElement.GetProperty("Auc").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("Roc")[0].GetProperty("Threshold").ValueKind);
        Assert.Equal(4, json.RootElement.GetProperty("Thresholds").GetArrayLength());
        Assert.Equal("f1-max", json.RootElement.GetProperty("F1MaxUpperBound").GetProperty("Threshold").GetProperty("Name").GetString());
    }

    [Fact]
    public void A_test_set_without_anomalies_or_without_normal_samples_is_refused()
    {
        Assert.Contains("0 anomalies", Assert.Throws<ArgumentException>(() => AnomalyReport.Create(Training, [1, 2], [false, false])).Message, StringComparison.Ordinal);
        Assert.Contains("0 normal samples", Assert.Throws<ArgumentException>(() => AnomalyReport.Create(Training, [1, 2], [true, true])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => AnomalyReport.Create([], Test, Anomalous));
    }
}
