using System.Globalization;
using Autoencoders.Plots;
using Plotly.NET;

namespace Autoencoders.Pipeline.Verbs;

/// <summary>The sections of the main job's report page, built from the evaluation's metrics and charts.</summary>
internal static class MainJobReport
{
    public static IEnumerable<ReportSection> Sections(MainJobRequest settings, EvaluationReport metrics,
        IReadOnlyList<NamedChart> charts, IReadOnlyList<NamedChart> anomalyCharts)
    {
        var invariant = CultureInfo.InvariantCulture;
        string F(double value, string format) => value.ToString(format, invariant);
        GenericChart[] Pick(IReadOnlyList<NamedChart> from, params string[] names) =>
            [.. names.SelectMany(name => from.Where(chart => chart.Name == name).Select(chart => chart.Chart))];

        yield return new ReportSection("What was done",
            $"A {metrics.Model} autoencoder with a code of {metrics.LatentSize} values was trained on the {metrics.Dataset} data set " +
            $"({settings.Epochs} epochs, seed {settings.Seed}) and judged on its {metrics.TestSamples:N0} test samples against PCA with as many components.\n\n" +
            $"Reproduce it with `dotnet run --project cli -c Release -- run --dataset {settings.Dataset} --model {settings.Model.ToString().ToLowerInvariant()} --latent {settings.LatentSize} --epochs {settings.Epochs} --seed {settings.Seed}`.");

        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "MSE", F(metrics.Test.Mse, "F5"), metrics.Pca is { } pca ? F(pca.Mse, "F5") : "" },
            new[] { "PSNR (dB)", F(metrics.Test.Psnr, "F2"), metrics.Pca is { } pcaPsnr ? F(pcaPsnr.Psnr, "F2") : "" },
            new[] { "MAE", F(metrics.Test.Mae, "F5"), "" },
        };
        if (metrics.Test.Bce is { } bce)
        {
            rows.Add(["BCE", F(bce, "F5"), ""]);
        }

        if (metrics.Test.Ssim is { } ssim)
        {
            rows.Add(["SSIM", F(ssim, "F4"), ""]);
        }

        if (metrics.Knn is { } knn)
        {
            rows.Add([$"{knn.K}-NN accuracy of the codes (raw inputs: {F(knn.Raw, "P1")})", F(knn.Latent, "P1"), F(knn.Pca, "P1")]);
        }

        yield return new ReportSection("Reconstruction quality",
            "Test-split metrics of the autoencoder next to PCA's.",
            [new ReportTable(["metric", "autoencoder", metrics.Pca is { } baseline ? $"PCA, {baseline.Components} components" : "PCA (not comparable)"], rows)],
            Pick(charts, "reconstructions", "loss-curves"));
        yield return new ReportSection("The latent space",
            $"The test codes in 2-D ({metrics.LatentView.Method}; trustworthiness {(metrics.LatentView.Trustworthiness is { } trust ? F(trust, "F3") : "not computed: too few samples")}), what the decoder makes of the plane they span, and a walk between two test samples.",
            Charts: Pick(charts, "latent-scatter", "latent-manifold", "interpolation", "prior-samples", "per-class-error"));
        if (metrics.Anomaly is { } anomaly)
        {
            var thresholds = anomaly.Report.Thresholds.Select(t => (IReadOnlyList<string>)
                [t.Threshold.Name, F(t.Threshold.Value, "G4"), F(t.Metrics.Precision, "F3"), F(t.Metrics.Recall, "F3"), F(t.Metrics.F1, "F3")]).ToList();
            yield return new ReportSection("Anomaly detection",
                $"A dense autoencoder trained without class '{anomaly.AnomalyClassName}' scores every test sample by its reconstruction error; the samples of that class are the anomalies. ROC AUC {F(anomaly.Report.Auc, "F3")}.",
                [new ReportTable(["threshold (from training scores)", "value", "precision", "recall", "F1"], thresholds)],
                Pick(anomalyCharts, "anomaly-scores", "roc"));
        }
    }
}
