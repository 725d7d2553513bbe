using System.Globalization;
using Autoencoders.Plots;
using Plotly.NET;

namespace Autoencoders.Pipeline;

/// <summary>
/// The offline HTML page of an anomaly benchmark: the results table, ROC and precision–recall curves, the worst rows
/// explained column by column, and the per-split values. Column names and the file name come from the data and are
/// HTML-escaped (they never reach a chart's script).
/// </summary>
public static class AnomalyBenchmarkPage
{
    /// <summary>Writes the page to <paramref name="path"/> (atomically; plotly.js inlined, so it opens offline).</summary>
    public static void Save(AnomalyBenchmarkReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        ChartHtml.SaveReport(path, $"Anomaly benchmark: {report.Dataset}", Sections(report));
    }

    /// <summary>The page's sections, for <see cref="ChartHtml.SaveReport"/> or a notebook.</summary>
    public static IReadOnlyList<ReportSection> Sections(AnomalyBenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var settings = report.Settings;
        var invariant = CultureInfo.InvariantCulture;
        var sections = new List<ReportSection>
        {
            new("Results",
                string.Create(invariant, $"`{report.Protocol}` protocol on `{settings.Source}`: {settings.Rows} rows, {settings.Features} features, {settings.Anomalies} anomalies ") +
                string.Create(invariant, $"({(double)settings.Anomalies / settings.Rows:P1}). {settings.Splits} random splits, {settings.TrainFraction:P0} of the rows for training ") +
                string.Create(invariant, $"(with their anomalies, unlabelled), seeds {settings.Seed}–{settings.Seed + settings.Splits - 1}; features standardised with each training part. ") +
                "Mean ± sample standard deviation over the splits. F1 at each threshold rule fitted on the method's training scores; " +
                "`f1-max` is chosen with the test labels, an upper bound for any rule, not a result.",
                [ResultsTable(report)]),
        };
        if (report.Curves.Count > 0)
        {
            var first = report.Splits[0];
            sections.Add(new ReportSection("Curves on the first split",
                string.Create(invariant, $"Split 1 (seed {first.Seed}): {first.TestRows} test rows, {first.TestAnomalies} anomalies."),
                Charts: [RocChart(report), PrecisionRecallChart(report)]));
        }

        if (report.Explanations.Count > 0)
        {
            sections.Add(new ReportSection("Why the highest-scoring rows score high",
                "The autoencoder's highest-scoring test rows of the first split, and the columns it reconstructed worst: value → reconstruction " +
                "in the data's units, and the column's share of the row's squared error (in standardised units).",
                [ExplanationTable(report)]));
        }

        sections.Add(new ReportSection("ROC AUC per split", Tables: [PerSplitTable(report)]));
        sections.Add(new ReportSection("Settings", string.Join('\n', new[]
        {
            $"- data: `{settings.Source}` (SHA-256 {settings.Sha256[..12]}…), label column `{settings.LabelColumn}`",
            $"- autoencoder: {report.Method("autoencoder").Description}",
            string.Create(invariant, $"- training: {settings.Training.Epochs} epochs, batch {settings.Training.BatchSize}, learning rate {settings.Training.LearningRate:G3}, Adam, {settings.Training.Loss} loss"),
            string.Create(invariant, $"- baselines: PCA with {settings.PcaComponents} components; PyOD's PCA; {settings.Neighbours}th-neighbour distance; contamination rule {settings.Contamination:G3}"),
            $"- run: TorchSharp {report.Environment.TorchSharp}, {report.Environment.Threads} threads, {report.Environment.CpuCapability}, {report.Environment.Cpu ?? "unknown CPU"}",
        })));
        return sections;
    }

    private static ReportTable ResultsTable(AnomalyBenchmarkReport report)
    {
        var rules = report.Methods[0].F1.Select(rule => rule.Rule).ToList();
        return new ReportTable(
            ["method", "ROC AUC", "average precision", .. rules.Select(rule => $"F1 at {rule}"), "what it is"],
            [.. report.Methods.Select(method => (IReadOnlyList<string>)[
                method.Name, Format(method.RocAuc), Format(method.AveragePrecision),
                .. method.F1.Select(rule => Format(new MeanAndSd(rule.Mean, rule.Sd))), method.Description])]);
    }

    private static ReportTable ExplanationTable(AnomalyBenchmarkReport report) => new(
        ["row", "label", "score", "worst columns"],
        [.. report.Explanations.Select(row => (IReadOnlyList<string>)[
            row.Row.ToString(CultureInfo.InvariantCulture),
            row.IsAnomaly switch { true => "anomaly", false => "normal", null => "" },
            row.Score.ToString("G4", CultureInfo.InvariantCulture),
            string.Join("; ", row.WorstColumns.Select(column => string.Create(CultureInfo.InvariantCulture,
                $"{column.Column}: {column.Value:G4} → {column.Reconstruction:G4} ({column.Share:P0})")))])]);

    private static ReportTable PerSplitTable(AnomalyBenchmarkReport report) => new(
        ["split", "seed", "test rows", "anomalies", .. report.Methods.Select(method => method.Name)],
        [.. report.Splits.Select(split => (IReadOnlyList<string>)[
            (split.Index + 1).ToString(CultureInfo.InvariantCulture), split.Seed.ToString(CultureInfo.InvariantCulture),
            split.TestRows.ToString(CultureInfo.InvariantCulture), split.TestAnomalies.ToString(CultureInfo.InvariantCulture),
            .. report.Methods.Select(method => split.Methods.First(result => result.Name == method.Name).RocAuc.ToString("F4", CultureInfo.InvariantCulture))])]);

    /// <summary>The ROC curves of every method on the first split.</summary>
    public static GenericChart RocChart(AnomalyBenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return BenchmarkCharts.Roc([.. report.Curves.Select(curve => new NamedCurve(curve.Method,
            [.. curve.Roc.Points.Select(point => point.FalsePositiveRate)], [.. curve.Roc.Points.Select(point => point.TruePositiveRate)], curve.Roc.Auc))],
            "ROC curves, first split");
    }

    /// <summary>The precision–recall curves of every method on the first split.</summary>
    public static GenericChart PrecisionRecallChart(AnomalyBenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var first = report.Splits[0];
        return BenchmarkCharts.PrecisionRecall([.. report.Curves.Select(curve => new NamedCurve(curve.Method,
            [.. curve.PrecisionRecall.Points.Select(point => point.Recall)], [.. curve.PrecisionRecall.Points.Select(point => point.Precision)],
            curve.PrecisionRecall.AveragePrecision))], (double)first.TestAnomalies / first.TestRows, "Precision–recall curves, first split");
    }

    private static string Format(MeanAndSd value) => string.Create(CultureInfo.InvariantCulture, $"{value.Mean:F4} ± {value.Sd:F4}");
}
