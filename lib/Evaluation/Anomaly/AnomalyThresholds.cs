namespace Autoencoders.Evaluation.Anomaly;

/// <summary>Thresholds computed from the anomaly scores of normal samples (usually the training samples).</summary>
public static class AnomalyThresholds
{
    /// <summary>k in mean + k·σ unless told otherwise: about 0.13% of normally distributed scores lie above it.</summary>
    public const double DefaultK = 3.0;

    /// <summary>The contamination rate unless told otherwise: the 99th percentile.</summary>
    public const double DefaultContamination = 0.01;

    /// <summary>The share of anomalies assumed inside the training data unless told otherwise: PyOD's default <c>contamination</c>.</summary>
    public const double DefaultTrainingContamination = 0.1;

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

        return new AnomalyThreshold(ThresholdRule.Percentile, contamination, Quantile(scores, 1 - contamination));
    }

    /// <summary>
    /// PyOD's contamination rule: the training data hold about <paramref name="share"/> anomalies, so the top
    /// <paramref name="share"/> of their scores is flagged. The value is PyOD's <c>threshold_</c>,
    /// <c>percentile(scores, 100 · (1 − share))</c>, interpolated as <see cref="Percentile"/> does.
    /// </summary>
    /// <param name="scores">Scores of the training samples, anomalies included, at least one, all finite.</param>
    /// <param name="share">The share of the training samples assumed anomalous, in [0, 1); PyOD's default is 0.1.</param>
    public static AnomalyThreshold Contamination(IReadOnlyList<double> scores, double share = DefaultTrainingContamination)
    {
        Check(scores);
        if (!(share >= 0 && share < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "the contamination must be in [0, 1), e.g. 0.1 when a tenth of the training data are anomalies");
        }

        return new AnomalyThreshold(ThresholdRule.Contamination, share, Quantile(scores, 1 - share));
    }

    /// <summary>
    /// The threshold with the best F1 on labelled samples: an upper bound for every rule on these samples, since it is
    /// chosen with their labels (report it as such, never as a detector's result). Every split between two distinct
    /// scores is tried; the value is the lower of the two scores (samples strictly above it are flagged), or just below
    /// the smallest score when flagging everything is best. Among equal F1 values the highest threshold wins.
    /// </summary>
    /// <param name="scores">One score per sample, finite.</param>
    /// <param name="isAnomaly">One flag per sample; both values must occur.</param>
    public static AnomalyThreshold F1Max(IReadOnlyList<double> scores, IReadOnlyList<bool> isAnomaly)
    {
        var (anomalies, _) = ScoreChecks.BothClasses(scores, isAnomaly);
        Check(scores);
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        int flagged = 0, truePositives = 0;
        var (bestF1, bestValue) = (-1.0, 0.0);
        for (var i = 0; i < order.Length;)
        {
            var score = scores[order[i]];
            for (; i < order.Length && scores[order[i]] == score; i++)
            {
                flagged++;
                truePositives += isAnomaly[order[i]] ? 1 : 0;
            }

            // F1 = 2·TP / (flagged + anomalies), the harmonic mean of TP/flagged and TP/anomalies.
            var f1 = 2.0 * truePositives / (flagged + anomalies);
            if (f1 > bestF1)
            {
                bestF1 = f1;
                bestValue = i < order.Length ? scores[order[i]] : Math.BitDecrement(score);
            }
        }

        return new AnomalyThreshold(ThresholdRule.F1Max, 0, bestValue);
    }

    /// <summary>The largest of <paramref name="scores"/>: the lowest threshold that flags no training sample.</summary>
    /// <param name="scores">Scores of normal samples, at least one, all finite.</param>
    public static AnomalyThreshold TrainingMaximum(IReadOnlyList<double> scores)
    {
        Check(scores);
        return new AnomalyThreshold(ThresholdRule.TrainingMaximum, 0, scores.Max());
    }

    /// <summary>The four rules fitted on training scores, in the order mean + k·σ, percentile, maximum, contamination.</summary>
    /// <param name="scores">Scores of the training samples, at least one, all finite.</param>
    /// <param name="k">k of mean + k·σ.</param>
    /// <param name="contamination">Contamination rate of the percentile rule.</param>
    /// <param name="trainingContamination">Share of anomalies the contamination rule assumes in the training data.</param>
    public static IReadOnlyList<AnomalyThreshold> All(IReadOnlyList<double> scores, double k = DefaultK, double contamination = DefaultContamination,
        double trainingContamination = DefaultTrainingContamination) =>
        [MeanPlusKSigma(scores, k), Percentile(scores, contamination), TrainingMaximum(scores), Contamination(scores, trainingContamination)];

    // numpy's default percentile: with the values sorted ascending as s[0..n−1], position h = q·(n − 1) and value
    // s[⌊h⌋] + (h − ⌊h⌋)·(s[⌊h⌋+1] − s[⌊h⌋]).
    private static double Quantile(IReadOnlyList<double> scores, double q)
    {
        var sorted = scores.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

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
