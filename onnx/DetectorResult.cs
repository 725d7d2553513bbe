namespace Autoencoders.Onnx;

/// <summary>
/// What a detector gave for a batch of samples (or the steps of a series): one score and flag per sample (step), and
/// the codes and reconstructions of the samples (of the windows, for a series).
/// </summary>
/// <param name="Scores">Anomaly scores, higher meaning more anomalous.</param>
/// <param name="Anomalies">Whether each score is above <paramref name="Threshold"/>.</param>
/// <param name="Threshold">The threshold the flags were set with.</param>
/// <param name="Codes">The codes, sample after sample, <c>LatentSize</c> values each.</param>
/// <param name="Reconstructions">The reconstructions in the input's units, sample after sample.</param>
public sealed record DetectorResult(double[] Scores, bool[] Anomalies, double Threshold, float[] Codes, float[] Reconstructions)
{
    /// <summary>How many scores are above the threshold.</summary>
    public int AnomalyCount => Anomalies.Count(flag => flag);
}
