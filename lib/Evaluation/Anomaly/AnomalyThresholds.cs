namespace Autoencoders.Evaluation.Anomaly;

/// <summary>Thresholds computed from the anomaly scores of normal samples (usually the training samples).</summary>
public static class AnomalyThresholds
{
    /// <summary>k in mean + k·σ unless told otherwise: about 0.13% of normally distributed scores lie above it.</summary>
    public const double DefaultK = 3.0;

    /// <summary>The contamination rate unless told otherwise: the 99th percentile.</summary>
    public const double DefaultContamination = 0.01;

    /// <summary>mean + k·σ of <paramref name="scores"/>, σ the population standard deviation (divisor n, numpy's <c>std</c> default).</summary>
    /// <param name="scores">Scores of normal samples, at least one, all finite.</param>
    /// <param name="k">How many standard deviations above the mean; 0 or more.</param>
    public static AnomalyThreshold MeanPlusKSigma(IReadOnlyList<double> scores, double k = DefaultK)
    {
        Check(scores);
        if (!(k >= 0) || double.IsInfinity(k))
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "k must be a finite number of 0 or more");
        }

        var mean = scores.Average();
        var variance = scores.Sum(score => (score - mean) * (score - mean)) / scores.Count;
        return new AnomalyThreshold(ThresholdRule.MeanPlusKSigma, k, mean + (k * Math.Sqrt(variance)));
    }

    /// <summary>
    /// The (1 − <paramref name="contamination"/>) quantile of <paramref name="scores"/> (0.01 gives the 99th
    /// percentile), by linear interpolation between order statistics as numpy's <c>percentile</c> default: with the
    /// scores sorted ascending as s[0..n−1], position h = q·(n − 1) and value s[⌊h⌋] + (h − ⌊h⌋)·(s[⌊h⌋+1] − s[⌊h⌋]).
    /// </summary>
    /// <param name="scores">Scores of normal samples, at least one, all finite.</param>
    /// <param name="contamination">The share of normal samples expected above the threshold, in [0, 1).</param>
    public static AnomalyThreshold Percentile(IReadOnlyList<double> scores, double contamination = DefaultContamination)
    {
        Check(scores);
        if (!(contamination >= 0 && contamination < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(contamination), contamination, "the contamination rate must be in [0, 1), e.g. 0.01 for the 99th percentile");
        }

        var sorted = scores.Order().ToArray();
        var position = (1 - contamination) * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        var value = sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
        return new AnomalyThreshold(ThresholdRule.Percentile, contamination, value);
    }

    /// <summary>The largest of <paramref name="scores"/>: the lowest threshold that flags no training sample.</summary>
    /// <param name="scores">Scores of normal samples, at least one, all finite.</param>
    public static AnomalyThreshold TrainingMaximum(IReadOnlyList<double> scores)
    {
        Check(scores);
        return new AnomalyThreshold(ThresholdRule.TrainingMaximum, 0, scores.Max());
    }

    /// <summary>The three rules in the order mean + k·σ, percentile, maximum.</summary>
    /// <param name="scores">Scores of normal samples, at least one, all finite.</param>
    /// <param name="k">k of mean + k·σ.</param>
    /// <param name="contamination">Contamination rate of the percentile rule.</param>
    public static IReadOnlyList<AnomalyThreshold> All(IReadOnlyList<double> scores, double k = DefaultK, double contamination = DefaultContamination) =>
        [MeanPlusKSigma(scores, k), Percentile(scores, contamination), TrainingMaximum(scores)];

    private static void Check(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            throw new ArgumentException("a threshold needs the scores of at least one normal sample; got none", nameof(scores));
        }

        if (scores.Any(score => !double.IsFinite(score)))
        {
            throw new ArgumentException("the scores hold a NaN or infinite value; check the model and the data", nameof(scores));
        }
    }
}
