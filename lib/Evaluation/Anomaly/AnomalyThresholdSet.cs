using System.Globalization;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>
/// The anomaly thresholds a trained model keeps, fitted on the scores of its own training samples: every rule, and the
/// one used when none is named. Saved in the checkpoint, so new data are flagged with the training's thresholds.
/// </summary>
/// <param name="Score">What a score is: the per-sample reconstruction error, <c>mse</c> (mean over the sample's values).</param>
/// <param name="DefaultRule">The rule that flags anomalies unless another is asked for.</param>
/// <param name="Rules">One threshold per rule: mean + k·σ, percentile, training maximum, contamination (<see cref="AnomalyThresholds.All"/>).</param>
/// <param name="TrainingScores">Summary of the training scores the thresholds came from.</param>
public sealed record AnomalyThresholdSet(string Score, ThresholdRule DefaultRule, IReadOnlyList<AnomalyThreshold> Rules, ScoreSummary TrainingScores)
{
    /// <summary>The score kind recorded for per-sample mean squared error.</summary>
    public const string MseScore = "mse";

    /// <summary>Fits every rule on <paramref name="trainingScores"/>; mean + 3σ is the default, as in the evaluation reports.</summary>
    public static AnomalyThresholdSet Fit(IReadOnlyList<double> trainingScores) =>
        new(MseScore, ThresholdRule.MeanPlusKSigma, AnomalyThresholds.All(trainingScores), ScoreSummary.Of(trainingScores));

    /// <summary>
    /// Fits every rule on the training scores of the score <paramref name="score"/>. With a <paramref name="contamination"/>
    /// (PyOD's: the share of anomalies assumed among the training samples) its <c>topN%</c> rule is fitted and is the
    /// default; otherwise <paramref name="defaultRule"/> is.
    /// </summary>
    public static AnomalyThresholdSet Fit(IReadOnlyList<double> trainingScores, string score, ThresholdRule defaultRule, double? contamination = null)
    {
        var rules = AnomalyThresholds.All(trainingScores, trainingContamination: contamination ?? AnomalyThresholds.DefaultTrainingContamination);
        return new(score, contamination is null ? defaultRule : ThresholdRule.Contamination, rules, ScoreSummary.Of(trainingScores));
    }

    /// <summary>The default rule's threshold.</summary>
    public AnomalyThreshold Default => Rules.First(rule => rule.Rule == DefaultRule);

    /// <summary>
    /// The threshold a user names: a rule (<c>mean+3σ</c> or <c>mean+3sd</c>, <c>p99</c>, <c>max</c>, as
    /// <see cref="AnomalyThreshold.Name"/> spells them; case-insensitive) or a number, which becomes a fixed threshold.
    /// </summary>
    /// <exception cref="ArgumentException">Neither a saved rule nor a number; the message lists the rules.</exception>
    public AnomalyThreshold Choose(string ruleOrValue)
    {
        ArgumentNullException.ThrowIfNull(ruleOrValue);
        var wanted = ruleOrValue.Trim().Replace("sd", "σ", StringComparison.OrdinalIgnoreCase).Replace("sigma", "σ", StringComparison.OrdinalIgnoreCase);
        if (Rules.FirstOrDefault(rule => string.Equals(rule.Name, wanted, StringComparison.OrdinalIgnoreCase)) is { } saved)
        {
            return saved;
        }

        if (double.TryParse(ruleOrValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return new AnomalyThreshold(ThresholdRule.Fixed, 0, value);
        }

        throw new ArgumentException(
            $"'{ruleOrValue}' is neither a saved threshold rule ({string.Join(", ", Rules.Select(rule => rule.Name))}) nor a number", nameof(ruleOrValue));
    }
}
