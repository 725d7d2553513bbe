using Autoencoders.Data;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Training;

namespace Autoencoders.Pipeline;

/// <summary>
/// An anomaly-detection experiment in one call: fit a detector on the normal samples (<see cref="ModelTraining.Train"/>,
/// every sample trained on, the data kind's score unless one is given), score the test samples with it, and report.
/// </summary>
public static class AnomalyExperiment
{
    /// <summary>Fits a new detector (seeded by <see cref="TrainingOptions.Seed"/>) on <paramref name="split"/>'s training samples and reports on its test samples.</summary>
    /// <param name="split">Normal training samples and flagged test samples; not disposed.</param>
    /// <param name="model">Which model to build.</param>
    /// <param name="training">How to train it.</param>
    /// <param name="k">k of the mean + k·σ threshold.</param>
    /// <param name="contamination">Contamination rate of the percentile threshold.</param>
    /// <param name="progress">Receives training progress, or null.</param>
    /// <param name="detector">The anomaly score; null takes the data kind's (<see cref="DetectorDefaults"/>).</param>
    public static AnomalyExperimentResult Run(AnomalySplit split, ModelOptions model, TrainingOptions training,
        double k = AnomalyThresholds.DefaultK, double contamination = AnomalyThresholds.DefaultContamination,
        IProgress<TrainingProgress>? progress = null, DetectorOptions? detector = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(training);
        TrainedModel trained;
        using (var data = new Dataset(split.Description, split.Description, split.Train.clone(), null, split.Test.narrow(0, 0, 0).clone(), null, null))
        {
            trained = ModelTraining.Train(data, model, training, new TrainingSelection(ValidationFraction: 0), progress, detector: detector);
        }

        try
        {
            var trainingScores = trained.AnomalyScore!.TrainingScores;
            var testScores = trained.FittedScore.Score(split.Test);
            var report = AnomalyReport.Create(trainingScores, testScores, split.TestIsAnomaly, k, contamination);
            return new AnomalyExperimentResult(trained, trained.History, trainingScores, testScores, split.TestIsAnomaly, report);
        }
        catch
        {
            trained.Dispose();
            throw;
        }
    }

    /// <summary>The image case: train on every class of <paramref name="data"/> but <paramref name="heldOutClass"/>, detect that class in the test split.</summary>
    /// <param name="data">A labelled data set, e.g. <c>Datasets.Load("digits")</c>; not disposed.</param>
    /// <param name="heldOutClass">The class treated as the anomaly.</param>
    /// <param name="model">Which model to build.</param>
    /// <param name="training">How to train it.</param>
    public static AnomalyExperimentResult HoldOutClass(Dataset data, long heldOutClass, ModelOptions model, TrainingOptions training)
    {
        using var split = HeldOutClass.Split(data, heldOutClass);
        return Run(split, model, training);
    }

    /// <summary>The time-series case: train on the normal windows of the series' first part, detect anomalous windows in the rest.</summary>
    /// <param name="path">A labelled CSV series, e.g. <c>data/sensors.csv</c>.</param>
    /// <param name="windows">How to cut and split it; null takes the defaults.</param>
    /// <param name="model">Which model to build, e.g. <c>new ModelOptions(ModelKind.Sequence, LatentSize: 8)</c>.</param>
    /// <param name="training">How to train it.</param>
    public static AnomalyExperimentResult TimeSeries(string path, TimeSeriesAnomalyOptions? windows, ModelOptions model, TrainingOptions training)
    {
        using var split = TimeSeriesAnomaly.Split(path, windows);
        return Run(split, model, training);
    }
}

/// <summary>What <see cref="AnomalyExperiment"/> produced. Owns the fitted detector (dispose it, or let it go in a notebook).</summary>
/// <param name="Detector">The fitted detector: model, score and thresholds (save it with <see cref="TrainedModel.Save"/>).</param>
/// <param name="History">Its training history.</param>
/// <param name="TrainingScores">The training samples' scores.</param>
/// <param name="TestScores">The test samples' scores.</param>
/// <param name="TestIsAnomaly">True for each anomalous test sample.</param>
/// <param name="Report">Thresholds, metrics, ROC and AUC.</param>
public sealed record AnomalyExperimentResult(
    TrainedModel Detector,
    TrainingHistory History,
    IReadOnlyList<double> TrainingScores,
    IReadOnlyList<double> TestScores,
    IReadOnlyList<bool> TestIsAnomaly,
    AnomalyReport Report) : IDisposable
{
    /// <summary>The trained network.</summary>
    public Autoencoder Model => Detector.Model;

    /// <inheritdoc/>
    public void Dispose() => Detector.Dispose();
}
