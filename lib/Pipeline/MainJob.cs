using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Plots;
using Autoencoders.Training;

namespace Autoencoders.Pipeline;

/// <summary>The main job's settings (README command 1): what to train on, which model, how long, and where the results go.</summary>
/// <param name="Dataset">An image data set: <c>digits</c>, <c>fashion-mnist</c>, <c>mnist</c> or an IDX folder.</param>
/// <param name="Model">The main model's kind.</param>
/// <param name="LatentSize">Size of its code.</param>
/// <param name="Epochs">Training epochs of the main model and of the anomaly detector.</param>
/// <param name="AnomalyClass">The class the detector is trained without and then detects.</param>
/// <param name="Seed">Seeds everything.</param>
/// <param name="Out">The output folder.</param>
public sealed record MainJobRequest(
    string Dataset = Datasets.Digits,
    ModelKind Model = ModelKind.Conv,
    int LatentSize = 32,
    int Epochs = 15,
    long AnomalyClass = 0,
    long Seed = 42,
    string Out = "out")
{
    /// <summary>The training options of both trainings: the train verb's defaults with this job's epochs and seed.</summary>
    public TrainingOptions Training => new(Epochs: Epochs, BatchSize: 64, LearningRate: 1e-3, Seed: Seed, EarlyStopping: new EarlyStopping(Patience: 5));
}

/// <summary>What the main job produced.</summary>
/// <param name="Metrics">The combined report, as written to <c>metrics.json</c> (the anomaly section from the detector).</param>
/// <param name="ReportPath">The report page, <c>report.html</c>.</param>
/// <param name="MetricsPath">The metrics file.</param>
public sealed record MainJobOutcome(EvaluationReport Metrics, string ReportPath, string MetricsPath);

/// <summary>
/// The main job in one call: preprocess → train → evaluate → visualize, then a short anomaly-detection run, ending in one
/// offline report page. Writes <c>report.html</c>, <c>metrics.json</c>, <c>checkpoint/</c>, <c>figures/</c> and
/// <c>anomaly/</c> (the detector's checkpoint and figures) into the output folder.
/// </summary>
public static class MainJob
{
    /// <summary>The report page's file name.</summary>
    public const string ReportFileName = "report.html";

    private const int Steps = 4;

    /// <summary>Runs the main job; returns null when cancelled (the finished parts stay written).</summary>
    public static MainJobOutcome? Run(MainJobRequest request, PipelineObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        observer ??= PipelineObserver.Silent;
        try
        {
            return RunSteps(request, observer, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            observer.Message("Interrupted: the steps that finished are saved; the step that was running wrote nothing.");
            return null;
        }
    }

    private static MainJobOutcome? RunSteps(MainJobRequest request, PipelineObserver observer, CancellationToken cancellationToken)
    {
        var kind = request.Model.ToString().ToLowerInvariant();
        observer.StepStarted(1, Steps, $"train a {kind} autoencoder on {request.Dataset}");
        using var main = Workflows.Train(Request(request, request.Model, Path.Combine(request.Out, "checkpoint"), exclude: null), observer, cancellationToken);
        Report(observer, main);
        if (main.Summary.StopReason == StopReason.Cancelled)
        {
            return null;
        }

        observer.StepStarted(2, Steps, "evaluate it against PCA and draw the figures");
        var evaluation = EvaluateSaved(main.Folder, null, Path.Combine(request.Out, "figures"), observer, cancellationToken);

        EvaluateOutcome? anomaly = null;
        if (evaluation.Report.PerClass.Count > 1)
        {
            observer.StepStarted(3, Steps, $"anomaly detection: train a dense autoencoder without class '{request.AnomalyClass}', then detect it");
            using var detector = Workflows.Train(Request(request, ModelKind.Dense, Path.Combine(request.Out, "anomaly", "checkpoint"), request.AnomalyClass), observer, cancellationToken);
            Report(observer, detector);
            if (detector.Summary.StopReason == StopReason.Cancelled)
            {
                return null;
            }

            anomaly = EvaluateSaved(detector.Folder, request.AnomalyClass, Path.Combine(request.Out, "anomaly", "figures"), observer, cancellationToken);
        }

        observer.StepStarted(4, Steps, "write the report");
        var combined = evaluation.Report with { Anomaly = anomaly?.Report.Anomaly };
        var metricsPath = Path.GetFullPath(Path.Combine(request.Out, EvaluationReport.FileName));
        combined.Save(metricsPath);
        var reportPath = Path.GetFullPath(Path.Combine(request.Out, ReportFileName));
        ChartHtml.SaveReport(reportPath, $"Autoencoder report: {combined.Model} on {combined.Dataset}",
            MainJobReport.Sections(request, combined, evaluation.Charts, anomaly?.Charts ?? []));
        return new MainJobOutcome(combined, reportPath, metricsPath);
    }

    private static TrainRequest Request(MainJobRequest request, ModelKind kind, string folder, long? exclude) =>
        new(request.Dataset, null, new ModelOptions(kind, request.LatentSize), request.Training, new TrainingSelection(ExcludedClass: exclude), folder);

    private static EvaluateOutcome EvaluateSaved(string checkpoint, long? anomalyClass, string folder, PipelineObserver observer, CancellationToken cancellationToken) =>
        Workflows.Evaluate(new EvaluateRequest(checkpoint, null, new EvaluationOptions(AnomalyClass: anomalyClass), folder), observer, cancellationToken);

    private static void Report(PipelineObserver observer, TrainOutcome outcome)
    {
        if (outcome.Summary.TestMse is { } mse)
        {
            observer.Message(FormattableString.Invariant($"test MSE {mse:F5}{(outcome.Summary.PcaTestMse is { } pca ? $" (PCA: {pca:F5})" : "")}; checkpoint: {outcome.Folder}"));
        }
    }
}
