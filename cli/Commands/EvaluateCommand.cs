using System.Globalization;
using System.Text.Json;
using Autoencoders.Checkpoints;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Evaluation;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Native;
using Plotly.NET;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace Autoencoders.Cli.Commands;

/// <summary>Judges a trained model on a data set: metrics.json and the figures (the notebooks' steps 4 and 5).</summary>
internal sealed class EvaluateCommand(IAnsiConsole console) : Command<EvaluateSettings>
{
    /// <summary>File name of the metrics written into the output folder.</summary>
    public const string MetricsFileName = "metrics.json";

    private const int Neighbours = 5;

    public override int Execute(CommandContext context, EvaluateSettings settings, CancellationToken cancellationToken)
    {
        var (document, _) = Evaluate(settings);
        PrintSummary(document, settings.Out);
        return CliApp.Success;
    }

    /// <summary>Evaluates, writes metrics.json and the figures, and returns the metrics and the charts drawn.</summary>
    public (EvaluationDocument Document, IReadOnlyList<(string Name, GenericChart Chart)> Charts) Evaluate(EvaluateSettings settings)
    {
        settings.LoadTorch(console);
        using var checkpoint = Checkpoint.Load(settings.Checkpoint);
        var metadata = checkpoint.Metadata;
        var model = checkpoint.Model;
        var datasetName = settings.Dataset ?? metadata.Dataset ?? throw new UserInputException(
            $"{settings.Checkpoint}: the checkpoint does not name its data set; pass --dataset.");
        using var data = settings.Load(datasetName);
        metadata.RequireInputShape(data.SampleShape, $"data set '{data.Name}'");
        using var scope = NewDisposeScope();

        console.WriteLine($"Evaluating the {metadata.Model.Kind.ToString().ToLowerInvariant()} autoencoder in {settings.Checkpoint} on {data.Name} ({data.TestFeatures.shape[0]:N0} test samples).");
        var report = ReconstructionEvaluation.Evaluate(model, data.TestFeatures, data.TestLabels, data.ClassNames);
        var components = (int)Math.Min(model.LatentSize, Math.Min(data.TrainFeatures.shape[0], data.FeatureCount));
        using var pca = Pca.Fit(data.TrainFeatures, components);
        var pcaMse = ReconstructionError.Mean(pca, data.TestFeatures);
        var trainCodes = LatentCodes.Encode(model, data.TrainFeatures);
        var testCodes = LatentCodes.Encode(model, data.TestFeatures);
        var knn = data.TrainLabels is null || data.TestLabels is null ? null : new NeighbourAccuracy(
            Neighbours,
            NearestNeighbors.Accuracy(trainCodes, data.TrainLabels, testCodes, data.TestLabels, Neighbours),
            NearestNeighbors.Accuracy(pca.Transform(data.TrainFeatures), data.TrainLabels, pca.Transform(data.TestFeatures), data.TestLabels, Neighbours),
            NearestNeighbors.Accuracy(data.TrainFeatures.flatten(1), data.TrainLabels, data.TestFeatures.flatten(1), data.TestLabels, Neighbours));
        var (view, viewPoints, viewLabels) = LatentViewOf(settings, testCodes, data.TestLabels);
        var anomaly = settings.AnomalyClass is { } anomalyClass ? Anomaly(model, data, anomalyClass) : null;

        var figures = new EvaluationFigures(console, settings.Out, settings.Png);
        figures.Write(model, metadata, data, report, testCodes, viewPoints, viewLabels, view.Method, anomaly);
        var document = new EvaluationDocument(EvaluationDocument.CurrentSchemaVersion, data.Name, Path.GetFullPath(settings.Checkpoint),
            metadata.Model.Kind.ToString().ToLowerInvariant(), model.LatentSize, data.TestFeatures.shape[0], report.Metrics, report.PerClass,
            report.Best, report.Worst, new PcaBaseline(components, pcaMse, SampleMetrics.PsnrFromMse(pcaMse)), knn, view, anomaly, figures.Written,
            RunEnvironment.Current(), metadata.Environment);
        AtomicFile.WriteAllText(Path.Combine(settings.Out, MetricsFileName), JsonSerializer.Serialize(document, Checkpoint.JsonOptions));
        return (document, figures.Charts);
    }

    private static (LatentView View, Tensor Points, Tensor? Labels) LatentViewOf(EvaluateSettings settings, Tensor codes, Tensor? labels)
    {
        var count = settings.Tsne ? Math.Min(settings.TsneSamples, codes.shape[0]) : codes.shape[0];
        var subset = codes.narrow(0, 0, count);
        var subsetLabels = labels?.narrow(0, 0, count);
        var (method, points) = codes.shape[1] == 2 ? ("latent (2-D code)", subset)
            : settings.Tsne ? ("t-SNE", LatentProjection.Tsne2D(subset))
            : ("PCA", LatentProjection.Pca2D(subset));
        var trust = codes.shape[1] == 2 ? 1.0 : Trustworthiness.Compute(subset, points, Neighbours);
        return (new LatentView(method, count, trust), points, subsetLabels);
    }

    private static AnomalyResult Anomaly(Autoencoder model, Dataset data, long anomalyClass)
    {
        using var split = HeldOutClass.Split(data, anomalyClass);
        var trainScores = AnomalyScores.Compute(model, split.Train);
        var testScores = AnomalyScores.Compute(model, split.Test);
        var name = data.ClassNames is { } names && anomalyClass >= 0 && anomalyClass < names.Count
            ? names[(int)anomalyClass] : anomalyClass.ToString(CultureInfo.InvariantCulture);
        return new AnomalyResult(anomalyClass, name, AnomalyReport.Create(trainScores, testScores, split.TestIsAnomaly));
    }

    /// <summary>Prints the metrics as a table and where they were written.</summary>
    public void PrintSummary(EvaluationDocument document, string folder)
    {
        var invariant = CultureInfo.InvariantCulture;
        var table = new Table().AddColumns("metric (test split)", "autoencoder", $"PCA, {document.Pca.Components} components");
        table.AddRow("MSE", document.Test.Mse.ToString("F5", invariant), document.Pca.Mse.ToString("F5", invariant));
        table.AddRow("PSNR (dB)", document.Test.Psnr.ToString("F2", invariant), document.Pca.Psnr.ToString("F2", invariant));
        table.AddRow("MAE", document.Test.Mae.ToString("F5", invariant), "");
        if (document.Test.Bce is { } bce)
        {
            table.AddRow("BCE", bce.ToString("F5", invariant), "");
        }

        if (document.Test.Ssim is { } ssim)
        {
            table.AddRow("SSIM", ssim.ToString("F4", invariant), "");
        }

        if (document.Knn is { } knn)
        {
            table.AddRow($"{knn.K}-NN accuracy", knn.Latent.ToString("P1", invariant), knn.Pca.ToString("P1", invariant));
            table.AddRow($"{knn.K}-NN accuracy on raw inputs", knn.Raw.ToString("P1", invariant), "");
        }

        table.AddRow($"trustworthiness of the {Markup.Escape(document.LatentView.Method)} view", document.LatentView.Trustworthiness.ToString("F3", invariant), "");
        if (document.Anomaly is { } anomaly)
        {
            table.AddRow(Markup.Escape($"anomaly '{anomaly.AnomalyClassName}': ROC AUC"), anomaly.Report.Auc.ToString("F3", invariant), "");
            foreach (var threshold in anomaly.Report.Thresholds)
            {
                table.AddRow(Markup.Escape($"  F1 at {threshold.Threshold.Name} ({threshold.Threshold.Value:G4})"), threshold.Metrics.F1.ToString("F3", invariant), "");
            }
        }

        console.Write(table);
        console.WriteLine($"Wrote {Path.GetFullPath(Path.Combine(folder, MetricsFileName))} and {document.Figures.Count} figures.");
    }
}
