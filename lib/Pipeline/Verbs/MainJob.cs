using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Plots;
using Autoencoders.Training;

namespace Autoencoders.Pipeline.Verbs;

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

    /// <summary>The entries of the output folder the main job writes, replaced together.</summary>
    public static IReadOnlyList<string> Outputs { get; } = [Checkpoint, Figures, Anomaly, EvaluationReport.FileName, ReportFileName];

    private const string Checkpoint = "checkpoint";
    private const string Figures = "figures";
    private const string Anomaly = "anomaly";

    /// <summary>
    /// Runs the main job; returns null when cancelled. Its outputs are written into a staging folder and replace the
    /// previous run's together at the end (<see cref="IO.StagedOutputs"/>), so a cancelled, failed or killed run leaves
    /// the previous run's outputs, never a mix; other files in the output folder are left alone.
    /// </summary>
    public static MainJobOutcome? Run(MainJobRequest request, PipelineObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        observer ??= PipelineObserver.Silent;
        using var writer = IO.OutputLock.Acquire(request.Out, "run");
        RequireOwnOutputs(request.Out);
        var staged = IO.StagedOutputs.Begin(request.Out);
        try
        {
            var outcome = RunSteps(request, staged, observer, cancellationToken);
            if (outcome is null)
            {
                IO.StagedOutputs.Abandon(staged);
                return null;
            }

            IO.StagedOutputs.Commit(request.Out, staged, Outputs);
            return outcome;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            IO.StagedOutputs.Abandon(staged);
            observer.Message($"Interrupted: nothing written, {request.Out} holds the previous run's results.");
            return null;
        }
        catch
        {
            IO.StagedOutputs.Abandon(staged);
            throw;
        }
    }

    // The folders the job replaces must hold only what a run writes there: never move a user's files aside.
    private static void RequireOwnOutputs(string folder)
    {
        IO.AtomicFolder.EnsureReplaceable(Path.Combine(folder, Checkpoint), name => Checkpoints.Checkpoint.IsCheckpointFile(name));
        IO.AtomicFolder.EnsureReplaceable(Path.Combine(folder, Figures), Workflows.IsEvaluationFile);
        IO.AtomicFolder.EnsureReplaceable(Path.Combine(folder, Anomaly), name => name is Checkpoint or Figures || name.EndsWith(".lock", StringComparison.Ordinal));
    }

    // Every step writes into the staging folder; the paths recorded and returned are where the files will be.
    private static MainJobOutcome? RunSteps(MainJobRequest request, string staged, PipelineObserver observer, CancellationToken cancellationToken)
    {
        var kind = request.Model.ToString().ToLowerInvariant();
        observer.StepStarted(1, Steps, $"train a {kind} autoencoder on {request.Dataset}");
        using var main = Workflows.Train(Request(request, request.Model, Path.Combine(staged, Checkpoint), exclude: null), observer, cancellationToken);
        Report(observer, main, Path.Combine(request.Out, Checkpoint));
        if (main.Summary.StopReason == StopReason.Cancelled)
        {
            return null;
        }

        observer.StepStarted(2, Steps, "evaluate it against PCA and draw the figures");
        var evaluation = EvaluateSaved(main.Folder, Path.Combine(request.Out, Checkpoint), null, Path.Combine(staged, Figures), observer, cancellationToken);

        EvaluateOutcome? anomaly = null;
        if (evaluation.Report.PerClass.Count > 1)
        {
            observer.StepStarted(3, Steps, $"anomaly detection: train a dense autoencoder without class '{request.AnomalyClass}', then detect it");
            var detectorFolder = Path.Combine(staged, Anomaly, Checkpoint);
            using var detector = Workflows.Train(Request(request, ModelKind.Dense, detectorFolder, request.AnomalyClass), observer, cancellationToken);
            Report(observer, detector, Path.Combine(request.Out, Anomaly, Checkpoint));
            if (detector.Summary.StopReason == StopReason.Cancelled)
            {
                return null;
            }

            anomaly = EvaluateSaved(detector.Folder, Path.Combine(request.Out, Anomaly, Checkpoint), request.AnomalyClass, Path.Combine(staged, Anomaly, Figures), observer, cancellationToken);
        }

        observer.StepStarted(4, Steps, "write the report");
        cancellationToken.ThrowIfCancellationRequested();
        var combined = evaluation.Report with { Anomaly = anomaly?.Report.Anomaly };
        combined.Save(Path.Combine(staged, EvaluationReport.FileName));
        ChartHtml.SaveReport(Path.Combine(staged, ReportFileName), $"Autoencoder report: {combined.Model} on {combined.Dataset}",
            MainJobReport.Sections(request, combined, evaluation.Charts, anomaly?.Charts ?? []));
        return new MainJobOutcome(combined, Path.GetFullPath(Path.Combine(request.Out, ReportFileName)), Path.GetFullPath(Path.Combine(request.Out, EvaluationReport.FileName)));
    }

    private static TrainRequest Request(MainJobRequest request, ModelKind kind, string folder, long? exclude) =>
        new(request.Dataset, null, new ModelOptions(kind, request.LatentSize), request.Training, new TrainingSelection(ExcludedClass: exclude), folder);

    private static EvaluateOutcome EvaluateSaved(string checkpoint, string recordedCheckpoint, long? anomalyClass, string folder, PipelineObserver observer,
        CancellationToken cancellationToken) =>
        Workflows.Evaluate(new EvaluateRequest(checkpoint, null, new EvaluationOptions(AnomalyClass: anomalyClass, Checkpoint: recordedCheckpoint), folder), observer, cancellationToken);

    private static void Report(PipelineObserver observer, TrainOutcome outcome, string folder)
    {
        if (outcome.Summary.TestMse is { } mse)
        {
            observer.Message(FormattableString.Invariant($"test MSE {mse:F5}{(outcome.Summary.PcaTestMse is { } pca ? $" (PCA: {pca:F5})" : "")}; checkpoint: {Path.GetFullPath(folder)}"));
        }
    }
}
