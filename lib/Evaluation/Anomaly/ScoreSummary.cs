namespace Autoencoders.Evaluation.Anomaly;

/// <summary>A summary of a set of anomaly scores; the standard deviation is the population one (divisor n).</summary>
/// <param name="Count">Number of scores.</param>
/// <param name="Mean">Their mean.</param>
/// <param name="StandardDeviation">Population standard deviation.</param>
/// <param name="Min">Smallest score.</param>
/// <param name="Median">Middle score (the mean of the two middle ones for an even count).</param>
/// <param name="Max">Largest score.</param>
public sealed record ScoreSummary(int Count, double Mean, double StandardDeviation, double Min, double Median, double Max)
{
    /// <summary>Summarises <paramref name="scores"/>, at least one.</summary>
    public static ScoreSummary Of(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            throw new ArgumentException("cannot summarise an empty set of scores", nameof(scores));
        }

        var sorted = scores.Order().ToArray();
        var mean = sorted.Average();
        var deviation = Math.Sqrt(sorted.Sum(score => (score - mean) * (score - mean)) / sorted.Length);
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new ScoreSummary(sorted.Length, mean, deviation, sorted[0], median, sorted[^1]);
    }
}
