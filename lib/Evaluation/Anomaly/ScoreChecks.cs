namespace Autoencoders.Evaluation.Anomaly;

/// <summary>The input checks that the anomaly metrics share.</summary>
internal static class ScoreChecks
{
    public static void SameLength(IReadOnlyList<double> scores, IReadOnlyList<bool> isAnomaly)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(isAnomaly);
        if (scores.Count != isAnomaly.Count)
        {
            throw new ArgumentException($"got {scores.Count} scores but {isAnomaly.Count} anomaly flags; give one flag per score", nameof(isAnomaly));
        }

        if (scores.Any(score => double.IsNaN(score)))
        {
            throw new ArgumentException("the scores hold a NaN value; check the model and the data", nameof(scores));
        }
    }

    /// <summary>ROC and AUC compare anomalies with normal samples, so both must be present.</summary>
    public static (int Anomalies, int Normals) BothClasses(IReadOnlyList<double> scores, IReadOnlyList<bool> isAnomaly)
    {
        SameLength(scores, isAnomaly);
        var anomalies = isAnomaly.Count(flag => flag);
        var normals = isAnomaly.Count - anomalies;
        if (anomalies == 0 || normals == 0)
        {
            throw new ArgumentException(
                $"the test samples hold {anomalies} anomalies and {normals} normal samples; ROC and AUC need at least one of each, " +
                "so test on data that holds both (e.g. a larger test split or one that includes the anomalous class)", nameof(isAnomaly));
        }

        return (anomalies, normals);
    }
}
