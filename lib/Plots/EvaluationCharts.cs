using System.Globalization;
using Plotly.NET;

namespace Autoencoders.Plots;

/// <summary>Charts of evaluation results: error per class, anomaly scores, ROC curve.</summary>
public static class EvaluationCharts
{
    private static readonly double[] UnitInterval = [0.0, 1.0];
    private static readonly double[] RateAxisRange = [0.0, 1.02];

    /// <summary>Mean error per class as bars with ± one standard deviation as error bars.</summary>
    /// <param name="classNames">Name per class.</param>
    /// <param name="means">Mean error per class.</param>
    /// <param name="standardDeviations">Spread per class (same length).</param>
    /// <param name="metric">The error's name, for the axis (for example "MSE").</param>
    public static GenericChart PerClassError(IReadOnlyList<string> classNames, IReadOnlyList<double> means, IReadOnlyList<double> standardDeviations, string metric = "MSE")
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(standardDeviations);
        if (means.Count != classNames.Count || standardDeviations.Count != classNames.Count)
        {
            throw new ArgumentException($"class names, means and deviations differ in length: {classNames.Count}, {means.Count}, {standardDeviations.Count}");
        }

        var shown = PlotText.Literal(metric);
        var bar = Figure.Trace("bar",
            ("name", shown),
            ("x", PlotText.Literal(classNames)),
            ("y", means.ToArray()),
            ("error_y", new { type = "data", array = standardDeviations.ToArray(), visible = true }),
            ("hovertemplate", $"class %{{x}}<br>mean {shown} %{{y:.4g}}<extra></extra>"));
        return Figure.Chart([bar], 700, 420,
            ("title", Figure.Title($"{shown} per class (mean ± 1 s.d.)")),
            ("xaxis", new { title = new { text = "class" }, type = "category" }),
            ("yaxis", Figure.Axis(shown)));
    }

    /// <summary>The same from per-sample errors and labels: computes each class's mean and standard deviation.</summary>
    public static GenericChart PerClassError(IReadOnlyList<double> errors, IReadOnlyList<int> labels, IReadOnlyList<string>? classNames = null, string metric = "MSE")
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != errors.Count)
        {
            throw new ArgumentException($"errors and labels differ in length: {errors.Count}, {labels.Count}");
        }

        var groups = Enumerable.Range(0, errors.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key).ToArray();
        var names = groups.Select(g => classNames is not null && g.Key >= 0 && g.Key < classNames.Count ? classNames[g.Key] : g.Key.ToString(CultureInfo.InvariantCulture)).ToArray();
        var means = groups.Select(g => g.Average(i => errors[i])).ToArray();
        var deviations = groups.Select((g, k) => Math.Sqrt(g.Average(i => (errors[i] - means[k]) * (errors[i] - means[k])))).ToArray();
        return PerClassError(names, means, deviations, metric);
    }

    /// <summary>
    /// Overlaid histograms of anomaly scores (reconstruction errors) of normal and anomalous samples, with the decision
    /// threshold as a vertical line.
    /// </summary>
    /// <param name="normalScores">Scores of samples known to be normal.</param>
    /// <param name="anomalousScores">Scores of samples known to be anomalous (may be empty).</param>
    /// <param name="threshold">Scores above it are flagged.</param>
    /// <param name="thresholdName">How the threshold was chosen (for example "mean + 3σ"), shown next to the line.</param>
    /// <param name="bins">Number of bins across the whole range.</param>
    public static GenericChart AnomalyScores(IReadOnlyList<double> normalScores, IReadOnlyList<double> anomalousScores, double threshold, string thresholdName = "threshold", int bins = 50)
    {
        ArgumentNullException.ThrowIfNull(normalScores);
        ArgumentNullException.ThrowIfNull(anomalousScores);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
        var all = normalScores.Concat(anomalousScores).Append(threshold).ToArray();
        var (low, high) = (all.Min(), all.Max());
        var size = high > low ? (high - low) / bins : 1.0;
        var traces = new[] { ("normal", normalScores), ("anomalous", anomalousScores) }
            .Where(pair => pair.Item2.Count > 0)
            .Select(pair => Figure.Trace("histogram",
                ("name", pair.Item1),
                ("x", pair.Item2.ToArray()),
                ("opacity", 0.6),
                ("xbins", new { start = low, end = high + size, size }),
                ("hovertemplate", $"{pair.Item1}<br>score %{{x}}<br>count %{{y}}<extra></extra>")));
        var label = PlotText.Literal(string.Create(CultureInfo.InvariantCulture, $"{thresholdName} = {threshold:G4}"));
        return Figure.Chart(traces, 750, 450,
            ("title", Figure.Title("Anomaly scores")),
            ("barmode", "overlay"),
            ("xaxis", Figure.Axis("anomaly score (reconstruction error)")),
            ("yaxis", Figure.Axis("samples")),
            ("shapes", new object[] { new { type = "line", name = "threshold", xref = "x", yref = "paper", x0 = threshold, x1 = threshold, y0 = 0, y1 = 1, line = new { color = "crimson", width = 2, dash = "dash" } } }),
            ("annotations", new object[] { new { text = label, xref = "x", yref = "paper", x = threshold, y = 1, yanchor = "bottom", showarrow = false, font = new { color = "crimson" } } }));
    }

    /// <summary>The same from scores with a flag per sample (true = anomalous).</summary>
    public static GenericChart AnomalyScores(IReadOnlyList<double> scores, IReadOnlyList<bool> isAnomalous, double threshold, string thresholdName = "threshold", int bins = 50)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(isAnomalous);
        if (isAnomalous.Count != scores.Count)
        {
            throw new ArgumentException($"scores and flags differ in length: {scores.Count}, {isAnomalous.Count}");
        }

        var normal = scores.Where((_, i) => !isAnomalous[i]).ToArray();
        var anomalous = scores.Where((_, i) => isAnomalous[i]).ToArray();
        return AnomalyScores(normal, anomalous, threshold, thresholdName, bins);
    }

    /// <summary>The ROC curve (true-positive rate against false-positive rate) with the chance diagonal; AUC in the title.</summary>
    /// <param name="falsePositiveRates">Points' false-positive rates, in curve order (from 0 to 1).</param>
    /// <param name="truePositiveRates">Points' true-positive rates, same length.</param>
    /// <param name="auc">Area under the curve, as computed by the caller.</param>
    /// <param name="title">Chart title; the AUC is appended.</param>
    public static GenericChart Roc(IReadOnlyList<double> falsePositiveRates, IReadOnlyList<double> truePositiveRates, double auc, string title = "ROC curve")
    {
        ArgumentNullException.ThrowIfNull(falsePositiveRates);
        ArgumentNullException.ThrowIfNull(truePositiveRates);
        if (falsePositiveRates.Count != truePositiveRates.Count || falsePositiveRates.Count == 0)
        {
            throw new ArgumentException($"the curve needs matching, non-empty rates: {falsePositiveRates.Count} false-positive, {truePositiveRates.Count} true-positive");
        }

        var aucText = auc.ToString("0.000", CultureInfo.InvariantCulture);
        var traces = new[]
        {
            Figure.Trace("scatter", ("name", $"ROC (AUC = {aucText})"), ("mode", "lines"), ("x", falsePositiveRates.ToArray()), ("y", truePositiveRates.ToArray()),
                ("line", new { shape = "hv", width = 2 }), ("hovertemplate", "FPR %{x:.3f}<br>TPR %{y:.3f}<extra></extra>")),
            Figure.Trace("scatter", ("name", "chance"), ("mode", "lines"), ("x", UnitInterval), ("y", UnitInterval),
                ("line", new { dash = "dash", color = "grey", width = 1 }), ("hoverinfo", "skip")),
        };
        return Figure.Chart(traces, 560, 520,
            ("title", Figure.Title(PlotText.Literal($"{title} (AUC = {aucText})"))),
            ("xaxis", new { title = new { text = "false-positive rate" }, range = UnitInterval, constrain = "domain" }),
            ("yaxis", new { title = new { text = "true-positive rate" }, range = RateAxisRange, scaleanchor = "x" }));
    }
}
