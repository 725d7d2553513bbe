using Autoencoders.Data;
using Autoencoders.Evaluation;
using Autoencoders.Models;
using Autoencoders.Training;

namespace Autoencoders.Pipeline;

/// <summary>How a training run ended and how the kept model does on the test split, at a glance.</summary>
/// <param name="StopReason">Why training ended.</param>
/// <param name="Epochs">Epochs finished (in all, a resumed run's earlier ones included).</param>
/// <param name="Best">The kept (best) epoch, or null when none finished.</param>
/// <param name="TestMse">Mean squared error on the test split.</param>
/// <param name="TestBce">Binary cross-entropy on the test split; null when it does not apply (see <paramref name="Omitted"/>).</param>
/// <param name="PcaComponents">Components of the PCA baseline (as many as the code), or null when the data are too small for one.</param>
/// <param name="PcaTestMse">The PCA baseline's test MSE, or null.</param>
/// <param name="Omitted">Metrics left out, with the reason.</param>
public sealed record TrainingSummary(
    StopReason StopReason,
    int Epochs,
    EpochResult? Best,
    double? TestMse,
    double? TestBce,
    int? PcaComponents,
    double? PcaTestMse,
    IReadOnlyList<OmittedMetric> Omitted)
{
    /// <summary>Summarises <paramref name="trained"/> on <paramref name="data"/>'s test split.</summary>
    public static TrainingSummary Of(TrainedModel trained, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(data);
        var history = trained.History;
        var best = history.BestEpoch is { } number ? history.Epochs.Single(e => e.Epoch == number) : null;
        if (best is null)
        {
            return new TrainingSummary(history.StopReason, history.Epochs.Count, null, null, null, null, null, []);
        }

        var model = trained.Model;
        var test = data.TestFeatures;
        if (test.shape[0] == 0)
        {
            return new TrainingSummary(history.StopReason, history.Epochs.Count, best, null, null, null, null,
                [new("test", "no test split (--test-fraction 0): every row was trained on; score or evaluate other data to judge the model")]);
        }

        var omitted = new List<OmittedMetric>();
        double? bce = null;
        if (model.Options.EffectiveOutput == OutputActivation.Sigmoid && SampleMetrics.BceApplies(test))
        {
            bce = ReconstructionError.Mean(model, test, ReconstructionLoss.Bce);
        }
        else
        {
            omitted.Add(new("bce", model.Options.EffectiveOutput == OutputActivation.Sigmoid
                ? "binary cross-entropy needs data in [0, 1]; the test data lie outside it"
                : "binary cross-entropy needs outputs in (0, 1); this model's output is unbounded"));
        }

        int? components = null;
        double? pcaMse = null;
        if (model.LatentSize < Math.Min(data.TrainFeatures.shape[0], data.FeatureCount))
        {
            components = model.LatentSize;
            pcaMse = ReconstructionError.PcaBaseline(data.TrainFeatures, test, model.LatentSize);
        }
        else
        {
            omitted.Add(new("pca", "a PCA baseline needs fewer components than samples and features; the code is as large as the data"));
        }

        return new TrainingSummary(history.StopReason, history.Epochs.Count, best, ReconstructionError.Mean(model, test), bce, components, pcaMse, omitted);
    }
}
