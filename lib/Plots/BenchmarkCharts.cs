using System.Globalization;
using Plotly.NET;

namespace Autoencoders.Plots;

/// <summary>One named curve: points in order and the area that summarises it (ROC AUC, average precision).</summary>
/// <param name="Name">The method's name, shown in the legend.</param>
/// <param name="X">The points' x values (false-positive rate, or recall).</param>
/// <param name="Y">The points' y values (true-positive rate, or precision), same length.</param>
/// <param name="Area">The summary shown beside the name.</param>
public sealed record NamedCurve(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, double Area);

/// <summary>One method's value per category, with optional error bars (e.g. a mean ± sd over seeds).</summary>
/// <param name="Name">The method's name, shown in the legend.</param>
/// <param name="Values">One value per category.</param>
/// <param name="Errors">One error-bar half-length per category, or null for none.</param>
public sealed record NamedBars(string Name, IReadOnlyList<double> Values, IReadOnlyList<double>? Errors = null);

/// <summary>Charts that compare anomaly detectors: ROC curves and precision–recall curves, one trace per method.</summary>
public static class BenchmarkCharts
{
    private static readonly double[] UnitInterval = [0.0, 1.0];
    private static readonly double[] RateAxisRange = [0.0, 1.02];

    /// <summary>ROC curves (true-positive against false-positive rate) of several methods with the chance diagonal; each legend entry gives the AUC.</summary>
    /// <param name="curves">One curve per method, x = false-positive rate, y = true-positive rate, area = AUC.</param>
    /// <param name="title">The chart's title.</param>
    public static GenericChart Roc(IReadOnlyList<NamedCurve> curves, string title = "ROC curves")
    {
        Check(curves);
        var traces = curves.Select(curve => Line(curve, "AUC", "FPR %{x:.3f}<br>TPR %{y:.3f}"))
            .Append(Figure.Trace("scatter", ("name", "chance"), ("mode", "lines"), ("x", UnitInterval), ("y", UnitInterval),
                ("line", new { dash = "dash", color = "grey", width = 1 }), ("hoverinfo", "skip")));
        return Figure.Chart(traces, 600, 520,
            ("title", Figure.Title(PlotText.Literal(title))),
            ("xaxis", new { title = new { text = "false-positive rate" }, range = UnitInterval, constrain = "domain" }),
            ("yaxis", new { title = new { text = "true-positive rate" }, range = RateAxisRange, scaleanchor = "x" }));
    }

    /// <summary>
    /// Precision–recall curves of several methods, with the precision of flagging at random (the share of anomalies) as a
    /// dashed line; each legend entry gives the average precision.
    /// </summary>
    /// <param name="curves">One curve per method, x = recall, y = precision, area = average precision.</param>
    /// <param name="anomalyShare">The share of anomalies among the samples scored: a random score's precision.</param>
    /// <param name="title">The chart's title.</param>
    public static GenericChart PrecisionRecall(IReadOnlyList<NamedCurve> curves, double anomalyShare, string title = "Precision–recall curves")
    {
        Check(curves);
        if (!(anomalyShare is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(anomalyShare), anomalyShare, "the share of anomalies must be between 0 and 1");
        }

        var traces = curves.Select(curve => Line(curve, "AP", "recall %{x:.3f}<br>precision %{y:.3f}"))
            .Append(Figure.Trace("scatter", ("name", string.Create(CultureInfo.InvariantCulture, $"random ({anomalyShare:P1} anomalies)")), ("mode", "lines"),
                ("x", UnitInterval), ("y", new[] { anomalyShare, anomalyShare }), ("line", new { dash = "dash", color = "grey", width = 1 }), ("hoverinfo", "skip")));
        return Figure.Chart(traces, 600, 520,
            ("title", Figure.Title(PlotText.Literal(title))),
            ("xaxis", new { title = new { text = "recall" }, range = UnitInterval, constrain = "domain" }),
            ("yaxis", new { title = new { text = "precision" }, range = RateAxisRange, scaleanchor = "x" }));
    }

    /// <summary>
    /// Grouped bars of every method's ROC AUC per class (the one-class protocol), with error bars where given; the
    /// value axis starts a little below the lowest bar, so differences near 1 stay visible.
    /// </summary>
    /// <param name="classes">The categories' names.</param>
    /// <param name="methods">One set of bars per method, one value per class.</param>
    /// <param name="title">The chart's title.</param>
    public static GenericChart PerClassAuc(IReadOnlyList<string> classes, IReadOnlyList<NamedBars> methods, string title = "ROC AUC per class")
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(methods);
        if (classes.Count == 0 || methods.Count == 0 || methods.Any(m => m.Values.Count != classes.Count || (m.Errors is not null && m.Errors.Count != classes.Count)))
        {
            throw new ArgumentException("give at least one class and one method, with one value (and error) per class", nameof(methods));
        }

        var names = PlotText.Literal(classes);
        var lowest = methods.SelectMany(m => m.Values.Select((value, i) => value - (m.Errors?[i] ?? 0))).Min();
        var traces = methods.Select(method => Figure.Trace("bar",
            ("name", PlotText.Literal(method.Name)),
            ("x", names),
            ("y", method.Values.ToArray()),
            ("error_y", method.Errors is null ? new { visible = false, array = Array.Empty<double>() } : new { visible = true, array = method.Errors.ToArray() }),
            ("hovertemplate", "%{x}: %{y:.4f}<extra>%{fullData.name}</extra>")));
        return Figure.Chart(traces, Math.Max(600, 60 * classes.Count * Math.Min(methods.Count, 4) / 2), 420,
            ("title", Figure.Title(PlotText.Literal(title))),
            ("barmode", "group"),
            ("xaxis", new { title = new { text = "normal class" }, type = "category" }),
            ("yaxis", new { title = new { text = "ROC AUC" }, range = new[] { Math.Max(0, Math.Floor((lowest - 0.02) * 50) / 50), 1.0 } }));
    }

    private static Trace Line(NamedCurve curve, string areaName, string hover) =>
        Figure.Trace("scatter",
            ("name", PlotText.Literal(string.Create(CultureInfo.InvariantCulture, $"{curve.Name} ({areaName} {curve.Area:0.000})"))),
            ("mode", "lines"),
            ("x", curve.X.ToArray()),
            ("y", curve.Y.ToArray()),
            ("line", new { shape = "hv", width = 2 }),
            ("hovertemplate", $"{hover}<extra></extra>"));

    private static void Check(IReadOnlyList<NamedCurve> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Count == 0 || curves.Any(curve => curve.X.Count != curve.Y.Count || curve.X.Count == 0))
        {
            throw new ArgumentException("give at least one curve, each with matching, non-empty x and y values", nameof(curves));
        }
    }
}
