using Autoencoders.Data.Preprocessing;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>
/// How <see cref="TimeSeriesAnomaly.Split"/> cuts a labelled time series: the defaults fit the project's
/// <c>data/sensors.csv</c>.
/// </summary>
/// <param name="Columns">The channels; null takes temperature, pressure and vibration.</param>
/// <param name="LabelColumn">Per-step labels, 0 normal and anything else anomalous.</param>
/// <param name="Length">Window length in steps.</param>
/// <param name="Stride">Steps between window starts.</param>
/// <param name="TrainFraction">The first part of the series, as a share of its steps, that provides the training
/// windows (its normal ones only); the test windows come from the rest.</param>
/// <param name="Scaling">Per-channel scaling, fitted on the normal training windows.</param>
public sealed record TimeSeriesAnomalyOptions(
    IReadOnlyList<string>? Columns = null,
    string LabelColumn = "anomaly",
    int Length = 32,
    int Stride = 4,
    double TrainFraction = 0.5,
    ScalingKind Scaling = ScalingKind.MinMax)
{
    /// <summary>The channels actually used.</summary>
    public IReadOnlyList<string> EffectiveColumns => Columns ?? ["temperature", "pressure", "vibration"];
}
