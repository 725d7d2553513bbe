namespace Autoencoders.Evaluation.Anomaly;

/// <summary>A threshold and how well it separates the test samples.</summary>
/// <param name="Threshold">The rule and its value.</param>
/// <param name="Metrics">Confusion counts, precision, recall, F1 and accuracy on the test samples.</param>
public sealed record ThresholdEvaluation(AnomalyThreshold Threshold, ClassificationMetrics Metrics);

/// <summary>
/// Everything about one anomaly-detection experiment: thresholds learned from the training (normal) scores, the
/// metrics each gives on the test samples, the ROC curve and its AUC, and summaries of the scores. Plain data, so
/// it serialises to JSON as it is (no infinities or NaN inside).
/// </summary>
/// <param name="Thresholds">One evaluation per rule fitted on the training scores: mean + k·σ, percentile, training maximum, contamination.</param>
/// <param name="Auc">Area under the ROC curve of the test scores.</param>
/// <param name="Roc">The ROC curve's points.</param>
/// <param name="TrainingScores">Summary of the training scores.</param>
/// <param name="TestNormalScores">Summary of the normal test samples' scores.</param>
/// <param name="TestAnomalyScores">Summary of the anomalous test samples' scores.</param>
/// <param name="F1MaxUpperBound">The threshold with the best F1 on the test samples, chosen with their labels: an upper
/// bound on what the rules above can reach, not a result (<see cref="AnomalyThresholds.F1Max"/>).</param>
public sealed record AnomalyReport(
    IReadOnlyList<ThresholdEvaluation> Thresholds,
    double Auc,
    IReadOnlyList<RocPoint> Roc,
    ScoreSummary TrainingScores,
    ScoreSummary TestNormalScores,
    ScoreSummary TestAnomalyScores,
    ThresholdEvaluation F1MaxUpperBound)
{
    /// <summary>Builds the report.</summary>
    /// <param name="trainingScores">Scores of the normal samples the model was trained on; they set the thresholds.</param>
    /// <param name="testScores">Scores of the test samples.</param>
    /// <param name="testIsAnomaly">One flag per test sample, true for an anomaly; both values must occur.</param>
    /// <param name="k">k of the mean + k·σ rule.</param>
    /// <param name="contamination">Contamination rate of the percentile rule (0.01: the 99th percentile).</param>
    /// <exception cref="ArgumentException">No training scores, mismatched lengths, or test samples that are all anomalies or all normal.</exception>
    public static AnomalyReport Create(IReadOnlyList<double> trainingScores, IReadOnlyList<double> testScores, IReadOnlyList<bool> testIsAnomaly,
        double k = AnomalyThresholds.DefaultK, double contamination = AnomalyThresholds.DefaultContamination)
    {
        ScoreChecks.BothClasses(testScores, testIsAnomaly);
        var roc = RocCurve.Compute(testScores, testIsAnomaly);
        var thresholds = AnomalyThresholds.All(trainingScores, k, contamination)
            .Select(threshold => new ThresholdEvaluation(threshold, ClassificationMetrics.At(testScores, testIsAnomaly, threshold.Value)))
            .ToList();
        var best = AnomalyThresholds.F1Max(testScores, testIsAnomaly);
        return new AnomalyReport(thresholds, roc.Auc, roc.Points, ScoreSummary.Of(trainingScores),
            ScoreSummary.Of([.. testScores.Where((_, i) => !testIsAnomaly[i])]),
            ScoreSummary.Of([.. testScores.Where((_, i) => testIsAnomaly[i])]),
            new ThresholdEvaluation(best, ClassificationMetrics.At(testScores, testIsAnomaly, best.Value)));
    }
}
