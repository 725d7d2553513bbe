namespace Autoencoders.Evaluation.Anomaly;

/// <summary>
/// How well a threshold separates anomalies (the positive class) from normal samples. A ratio whose denominator
/// is 0 is 0, as scikit-learn's <c>zero_division=0</c>: precision when nothing is flagged, recall when there are
/// no anomalies, F1 when precision and recall are both 0.
/// </summary>
/// <param name="Threshold">Samples with a score strictly above it are flagged.</param>
/// <param name="TruePositives">Anomalies flagged.</param>
/// <param name="FalsePositives">Normal samples flagged.</param>
/// <param name="TrueNegatives">Normal samples not flagged.</param>
/// <param name="FalseNegatives">Anomalies not flagged.</param>
public sealed record ClassificationMetrics(double Threshold, int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    /// <summary>TP / (TP + FP): the share of flagged samples that are anomalies.</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN): the share of anomalies flagged (the true positive rate).</summary>
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>2·P·R / (P + R), the harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>(TP + TN) / all: the share of samples classified correctly.</summary>
    public double Accuracy => Ratio(TruePositives + TrueNegatives, TruePositives + FalsePositives + TrueNegatives + FalseNegatives);

    /// <summary>FP / (FP + TN): the share of normal samples flagged.</summary>
    public double FalsePositiveRate => Ratio(FalsePositives, FalsePositives + TrueNegatives);

    /// <summary>Counts the four outcomes of flagging every sample whose score is strictly above <paramref name="threshold"/>.</summary>
    /// <param name="scores">One score per sample.</param>
    /// <param name="isAnomaly">One flag per sample: true for an anomaly.</param>
    /// <param name="threshold">The decision threshold.</param>
    public static ClassificationMetrics At(IReadOnlyList<double> scores, IReadOnlyList<bool> isAnomaly, double threshold)
    {
        ScoreChecks.SameLength(scores, isAnomaly);
        int truePositives = 0, falsePositives = 0, anomalies = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var flagged = scores[i] > threshold;
            anomalies += isAnomaly[i] ? 1 : 0;
            truePositives += flagged && isAnomaly[i] ? 1 : 0;
            falsePositives += flagged && !isAnomaly[i] ? 1 : 0;
        }

        var normals = scores.Count - anomalies;
        return new ClassificationMetrics(threshold, truePositives, falsePositives, normals - falsePositives, anomalies - truePositives);
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
