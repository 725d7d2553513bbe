namespace Autoencoders.Evaluation.Anomaly;

/// <summary>One point of a ROC curve.</summary>
/// <param name="FalsePositiveRate">Share of normal samples flagged.</param>
/// <param name="TruePositiveRate">Share of anomalies flagged.</param>
/// <param name="Threshold">Samples scoring at least this are flagged; null at the starting point (0, 0), where nothing is.</param>
public sealed record RocPoint(double FalsePositiveRate, double TruePositiveRate, double? Threshold);

/// <summary>
/// The receiver operating characteristic of anomaly scores: one point per distinct score, from (0, 0) (nothing
/// flagged) to (1, 1) (everything flagged). Samples with equal scores enter together, so ties give one diagonal
/// segment rather than an optimistic or pessimistic staircase. <see cref="Auc"/> is the area under it.
/// </summary>
/// <param name="Points">The points, false positive rate and true positive rate non-decreasing.</param>
/// <param name="Auc">Area under the curve by the trapezoidal rule.</param>
public sealed record RocCurve(IReadOnlyList<RocPoint> Points, double Auc)
{
    /// <summary>The ROC curve and its AUC; anomalies are the positive class.</summary>
    /// <param name="scores">One score per sample, higher meaning more anomalous; no NaN.</param>
    /// <param name="isAnomaly">One flag per sample; both values must occur.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the samples are all anomalies or all normal.</exception>
    public static RocCurve Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> isAnomaly)
    {
        var (anomalies, normals) = ScoreChecks.BothClasses(scores, isAnomaly);
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var points = new List<RocPoint> { new(0, 0, null) };
        int tp = 0, fp = 0;
        var auc = 0.0;
        for (var i = 0; i < order.Length;)
        {
            var score = scores[order[i]];
            for (; i < order.Length && scores[order[i]] == score; i++)
            {
                if (isAnomaly[order[i]])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }
            }

            var previous = points[^1];
            var point = new RocPoint((double)fp / normals, (double)tp / anomalies, score);
            auc += (point.FalsePositiveRate - previous.FalsePositiveRate) * (point.TruePositiveRate + previous.TruePositiveRate) / 2;
            points.Add(point);
        }

        return new RocCurve(points, auc);
    }

    /// <summary>
    /// The Mann–Whitney probability that a randomly chosen anomaly scores higher than a randomly chosen normal
    /// sample, a tie counting ½: equal to the ROC AUC, computed independently from mid-ranks,
    /// (R₊ − n₊(n₊ + 1)/2) / (n₊·n₋), with R₊ the anomalies' rank sum.
    /// </summary>
    /// <param name="scores">One score per sample; no NaN.</param>
    /// <param name="isAnomaly">One flag per sample; both values must occur.</param>
    public static double MannWhitneyAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> isAnomaly)
    {
        var (anomalies, normals) = ScoreChecks.BothClasses(scores, isAnomaly);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var rankSum = 0.0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end < order.Length && scores[order[end]] == scores[order[start]])
            {
                end++;
            }

            // Tied samples share the mean of the ranks start+1 … end.
            var midRank = (start + 1 + end) / 2.0;
            for (var j = start; j < end; j++)
            {
                rankSum += isAnomaly[order[j]] ? midRank : 0;
            }

            start = end;
        }

        return (rankSum - (anomalies * (anomalies + 1.0) / 2)) / ((double)anomalies * normals);
    }
}
