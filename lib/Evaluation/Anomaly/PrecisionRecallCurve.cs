namespace Autoencoders.Evaluation.Anomaly;

/// <summary>One point of a precision–recall curve.</summary>
/// <param name="Recall">Share of anomalies flagged.</param>
/// <param name="Precision">Share of flagged samples that are anomalies.</param>
/// <param name="Threshold">Samples scoring at least this are flagged.</param>
public sealed record PrecisionRecallPoint(double Recall, double Precision, double Threshold);

/// <summary>
/// Precision against recall of anomaly scores, one point per distinct score from the highest down (samples with equal
/// scores enter together), and the average precision, scikit-learn's <c>average_precision_score</c>:
/// AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ over those points, R₀ = 0. Unlike the ROC AUC it depends on how rare the anomalies are: a
/// random score has an AP equal to the share of anomalies, so it says how useful the top of the ranking is.
/// </summary>
/// <param name="Points">The points, recall non-decreasing, ending at recall 1.</param>
/// <param name="AveragePrecision">The step-wise area under the curve.</param>
public sealed record PrecisionRecallCurve(IReadOnlyList<PrecisionRecallPoint> Points, double AveragePrecision)
{
    /// <summary>The curve and its average precision; anomalies are the positive class.</summary>
    /// <param name="scores">One score per sample, higher meaning more anomalous; no NaN.</param>
    /// <param name="isAnomaly">One flag per sample; both values must occur.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the samples are all anomalies or all normal.</exception>
    public static PrecisionRecallCurve Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> isAnomaly)
    {
        var (anomalies, _) = ScoreChecks.BothClasses(scores, isAnomaly);
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var points = new List<PrecisionRecallPoint>();
        int truePositives = 0, flagged = 0;
        var (previousRecall, averagePrecision) = (0.0, 0.0);
        for (var i = 0; i < order.Length;)
        {
            var score = scores[order[i]];
            for (; i < order.Length && scores[order[i]] == score; i++)
            {
                flagged++;
                truePositives += isAnomaly[order[i]] ? 1 : 0;
            }

            var point = new PrecisionRecallPoint((double)truePositives / anomalies, (double)truePositives / flagged, score);
            averagePrecision += (point.Recall - previousRecall) * point.Precision;
            previousRecall = point.Recall;
            points.Add(point);
        }

        return new PrecisionRecallCurve(points, averagePrecision);
    }
}
