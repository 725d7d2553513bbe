using Autoencoders.Evaluation.Anomaly;

namespace Autoencoders.Pipeline;

/// <summary>
/// Anomaly scores of new data, one per sample (per step for a time series, see <see cref="TrainedModel.Score(InputData, AnomalyThreshold?, IProgress{long}?)"/>),
/// flagged against a threshold.
/// </summary>
/// <param name="Ids">What names each row (<see cref="InputData.Ids"/>).</param>
/// <param name="Scores">Reconstruction errors (mean squared error over a sample's values, in the model's units).</param>
/// <param name="Flags">True where the score is strictly above the threshold.</param>
/// <param name="Threshold">The threshold used.</param>
/// <param name="LabelColumn">The input's label column, or null.</param>
/// <param name="Labels">The input's labels, one per row, as written, or null.</param>
/// <param name="TimestampColumn">The input's timestamp column, or null.</param>
/// <param name="Timestamps">The input's timestamps, one per row, as written, or null.</param>
/// <param name="WindowScores">
/// For a time series, the score of every window (stride 1; window <c>w</c> starts at step <c>w</c>) from which the
/// step scores were taken; null otherwise.
/// </param>
/// <param name="Explanations">Why each row scores as it does (<see cref="Verbs.ApplyRequest.Explain"/>), empty where there is nothing to say; null when not asked.</param>
public sealed record ScoredInput(
    IReadOnlyList<string> Ids,
    IReadOnlyList<double> Scores,
    IReadOnlyList<bool> Flags,
    AnomalyThreshold Threshold,
    string? LabelColumn,
    IReadOnlyList<string>? Labels,
    string? TimestampColumn = null,
    IReadOnlyList<string>? Timestamps = null,
    IReadOnlyList<double>? WindowScores = null,
    IReadOnlyList<string>? Explanations = null)
{
    /// <summary>How many rows are flagged.</summary>
    public int FlaggedCount => Flags.Count(flag => flag);

    /// <summary>
    /// For a time series, how many windows score strictly above the threshold (keras-io's "number of anomaly
    /// samples"); null otherwise.
    /// </summary>
    public int? FlaggedWindowCount => WindowScores?.Count(score => score > Threshold.Value);
}
