using System.Globalization;
using Autoencoders.Cli.Output;
using Autoencoders.Pipeline;
using Autoencoders.Pipeline.Verbs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Judges a trained model on a data set: metrics.json and the figures (the notebooks' steps 4 and 5).</summary>
internal sealed class EvaluateCommand(IAnsiConsole console) : Command<EvaluateSettings>
{
    public override int Execute(CommandContext context, EvaluateSettings settings, CancellationToken cancellationToken)
    {
        settings.LoadTorch(console);
        EvaluateOutcome outcome;
        try
        {
            outcome = Workflows.Evaluate(new EvaluateRequest(settings.Checkpoint, settings.Dataset, settings.Options, settings.Out, settings.Png, settings.AllowChangedData), new ConsoleObserver(console), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.WriteLine($"Interrupted: nothing written, {settings.Out} is unchanged.");
            return CliApp.Interrupted;
        }

        PrintSummary(console, outcome.Report, outcome.MetricsPath);
        return CliApp.Success;
    }

    /// <summary>Prints the metrics as a table and where they were written.</summary>
    public static void PrintSummary(IAnsiConsole console, EvaluationReport report, string metricsPath)
    {
        var invariant = CultureInfo.InvariantCulture;
        var table = new Table().AddColumns("metric (test split)", "autoencoder", report.Pca is { } baseline ? $"PCA, {baseline.Components} components" : "PCA (not comparable)");
        table.AddRow("MSE", report.Test.Mse.ToString("F5", invariant), report.Pca?.Mse.ToString("F5", invariant) ?? "");
        table.AddRow("PSNR (dB)", report.Test.Psnr.ToString("F2", invariant), report.Pca?.Psnr.ToString("F2", invariant) ?? "");
        table.AddRow("MAE", report.Test.Mae.ToString("F5", invariant), "");
        if (report.Test.Bce is { } bce)
        {
            table.AddRow("BCE", bce.ToString("F5", invariant), "");
        }

        if (report.Test.Ssim is { } ssim)
        {
            table.AddRow("SSIM", ssim.ToString("F4", invariant), "");
        }

        if (report.Knn is { } knn)
        {
            table.AddRow($"{knn.K}-NN accuracy", knn.Latent.ToString("P1", invariant), knn.Pca.ToString("P1", invariant));
            table.AddRow($"{knn.K}-NN accuracy on raw inputs", knn.Raw.ToString("P1", invariant), "");
        }

        table.AddRow($"trustworthiness of the {Markup.Escape(report.LatentView.Method)} view", report.LatentView.Trustworthiness?.ToString("F3", invariant) ?? "too few samples", "");
        if (report.Anomaly is { } anomaly)
        {
            table.AddRow(Markup.Escape($"anomaly '{anomaly.AnomalyClassName}': ROC AUC"), anomaly.Report.Auc.ToString("F3", invariant), "");
            foreach (var threshold in anomaly.Report.Thresholds)
            {
                table.AddRow(Markup.Escape($"  F1 at {threshold.Threshold.Name} ({threshold.Threshold.Value:G4})"), threshold.Metrics.F1.ToString("F3", invariant), "");
            }
        }

        console.Write(table);
        DenoisingTable.Print(console, report.Denoising);
        console.WriteLine($"Wrote {metricsPath} and {report.Figures.Count} figures.");
    }
}
