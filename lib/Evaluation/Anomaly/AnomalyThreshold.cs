using System.Globalization;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>How a threshold is derived from the scores of normal (training) samples.</summary>
public enum ThresholdRule
{
    /// <summary>mean + k·σ, σ the population standard deviation (divisor n); the parameter is k.</summary>
    MeanPlusKSigma,

    /// <summary>The (1 − contamination) quantile, linearly interpolated (numpy's default); the parameter is the contamination rate.</summary>
    Percentile,

    /// <summary>The largest training score: no training sample is flagged; no parameter (0).</summary>
    TrainingMaximum,

    /// <summary>A value given by the user; no parameter (0).</summary>
    Fixed,

    /// <summary>
    /// PyOD's <c>contamination</c>: the training data are assumed to hold this share of anomalies, and the top share of
    /// their scores is flagged; the parameter is the share. The value is the percentile rule's at 1 − share (the same
    /// computation), named for what it assumes: anomalies inside the training data rather than a false-alarm rate.
    /// </summary>
    Contamination,

    /// <summary>
    /// The threshold that maximises F1 on labelled data; no parameter (0). Chosen with the labels it is judged on, so its
    /// F1 is an upper bound on what any threshold rule can reach there, not a result a detector can promise.
    /// </summary>
    F1Max,
}

/// <summary>A threshold on anomaly scores: a sample is flagged as an anomaly when its score is strictly above <paramref name="Value"/>.</summary>
/// <param name="Rule">How the value was derived.</param>
/// <param name="Parameter">k for <see cref="ThresholdRule.MeanPlusKSigma"/>, the contamination rate for <see cref="ThresholdRule.Percentile"/>
/// and <see cref="ThresholdRule.Contamination"/>, 0 otherwise.</param>
/// <param name="Value">The threshold itself.</param>
public sealed record AnomalyThreshold(ThresholdRule Rule, double Parameter, double Value)
{
    /// <summary>A short display name, e.g. <c>mean+3σ</c>, <c>p99</c>, <c>max</c>, <c>top10%</c> or <c>f1-max</c>.</summary>
    public string Name => Rule switch
    {
        ThresholdRule.MeanPlusKSigma => string.Create(CultureInfo.InvariantCulture, $"mean+{Parameter:G4}σ"),
        ThresholdRule.Percentile => string.Create(CultureInfo.InvariantCulture, $"p{100 * (1 - Parameter):G4}"),
        ThresholdRule.TrainingMaximum => "max",
        ThresholdRule.Contamination => string.Create(CultureInfo.InvariantCulture, $"top{100 * Parameter:G4}%"),
        ThresholdRule.F1Max => "f1-max",
        _ => string.Create(CultureInfo.InvariantCulture, $"{Value:G6}"),
    };
}
