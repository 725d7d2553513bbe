using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Training;

namespace Autoencoders.Pipeline;

/// <summary>
/// Training as one call, like Keras' <c>fit</c> on a prepared data set and PyOD's <c>fit</c> on a detector: choose the
/// training samples (leave a class out or keep one, hold some out to validate), build the model (seeded), train it, fit
/// the anomaly score on the samples it was trained on and the thresholds on their scores. The result is the whole
/// detector: it carries the data set's recipe, so it can be saved and applied to new raw data. Every path that trains
/// a detector — the train verb, the main job, both anomaly benchmarks, the notebooks — goes through here.
/// </summary>
public static class ModelTraining
{
    /// <summary>Builds and trains a new model on <paramref name="data"/>'s training split.</summary>
    /// <param name="data">The data set (e.g. from <see cref="Datasets.Load(string, DatasetLoadOptions?)"/>); not disposed.</param>
    /// <param name="model">Which model to build; its input shape is the data's sample shape.</param>
    /// <param name="training">How to train; its seed also seeds the weights and the validation split.</param>
    /// <param name="selection">Validation share and an excluded class; null takes 10 % for validation and every class.</param>
    /// <param name="progress">Receives a report after every batch and every epoch, or null.</param>
    /// <param name="initialWeights">
    /// A PyTorch weights file (safetensors or <c>torch.save</c>) of the same architecture to start from instead of the
    /// seeded random weights (<see cref="Interop.PyTorchImport.Load"/>), or null.
    /// </param>
    /// <param name="cancellationToken">Stops after the current batch; the finished epochs are kept.</param>
    /// <param name="detector">The anomaly score and default threshold; null takes the defaults of the data's kind (<see cref="DetectorDefaults.For(Dataset)"/>).</param>
    /// <exception cref="ArgumentException">Options out of range, or a model that cannot take the data's shape.</exception>
    /// <exception cref="DataInputException">
    /// The excluded class leaves nothing to train on, the data have no labels to exclude by, or the initial weights do not fit the model.
    /// </exception>
    public static TrainedModel Train(Dataset data, ModelOptions model, TrainingOptions training, TrainingSelection? selection = null,
        IProgress<TrainingProgress>? progress = null, string? initialWeights = null, DetectorOptions? detector = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(training);
        selection ??= new TrainingSelection();
        selection.Validate();
        training.Validate();
        detector ??= DetectorDefaults.For(data).Detector;
        detector.Validate();
        if (!FittedScore.Applies(detector.Score, data.SampleShape))
        {
            throw new DataInputException($"the {detector.Score} score compares images of at least 11×11 pixels, but {data.Name} has samples shaped [{string.Join(", ", data.SampleShape)}]; use --score mse.");
        }

        model = ForTrainingData(model, data, training);
        var network = Build(model, data, training.Seed);
        if (initialWeights is not null)
        {
            try
            {
                Interop.PyTorchImport.Load(network, initialWeights);
            }
            catch
            {
                network.Dispose();
                throw;
            }
        }

        var trained = new TrainedModel(network, data.Recipe, training, selection, TrainingHistory.Empty, null, null, null, null);
        try
        {
            Fit(trained, data, training, progress, optimizerState: null, detector, cancellationToken);
            return trained;
        }
        catch
        {
            trained.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Continues the training of a loaded checkpoint up to <paramref name="epochs"/> in all, on the same samples
    /// (<paramref name="data"/> must be the data set it was trained on), with its saved optimiser state.
    /// </summary>
    public static TrainedModel Resume(TrainedModel trained, Dataset data, int epochs, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(data);
        if (trained.History.Epochs.Count > 0 && trained.OptimizerStatePath is null)
        {
            // Adam restarted from zero moments would take other steps than the saved run: not a continuation.
            throw new DataInputException(
                $"the checkpoint's {Checkpoints.Checkpoint.OptimizerFileName} is missing or does not match the SHA-256 recorded in {Checkpoints.Checkpoint.MetadataFileName}: a resumed run needs the optimiser's saved state to continue exactly; train a new model instead");
        }

        Fit(trained, data, trained.Training with { Epochs = epochs }, progress, trained.OptimizerStatePath, DetectorOf(trained), cancellationToken);
        return trained;
    }

    /// <summary>
    /// The samples a model is fitted on and validated with: the training split, without <see cref="TrainingSelection.ExcludedClass"/>
    /// (or only <see cref="TrainingSelection.NormalClass"/>), split by <see cref="TrainingSelection.ValidationFraction"/> (seeded
    /// by <paramref name="seed"/>; stratified by label when every class is kept); with a fraction of 0 every selected sample
    /// is trained on, in the data's order, and the validation part is empty. Dispose the result.
    /// </summary>
    public static TrainValidationSplit SelectSamples(Dataset data, TrainingSelection selection, long seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(selection);
        using var normal = selection.ExcludedClass is { } excluded ? HeldOutClass.Split(data, excluded)
            : selection.NormalClass is { } kept ? OneClass(data, kept) : null;
        var samples = normal?.Train ?? data.TrainFeatures;
        var count = samples.shape[0];
        var needed = selection.ValidationFraction > 0 ? 2 : 1;
        if (count < needed)
        {
            var what = selection.ExcludedClass is { } left ? $"outside class {left}" : selection.NormalClass is { } only ? $"of class {only}" : "after the test split";
            throw new DataInputException(
                $"{data.Source}: {count} training sample{(count == 1 ? "" : "s")} {what}, too few to hold one out for validation as well; " +
                "add rows: training needs at least 2 samples besides the test split (3 rows in all for a table)");
        }

        if (selection.ValidationFraction == 0)
        {
            using var scope = TorchSharp.torch.NewDisposeScope();
            var labels = normal is null ? data.TrainLabels : null;
            return new TrainValidationSplit(samples.clone().MoveToOuterDisposeScope(), labels?.clone().MoveToOuterDisposeScope(),
                samples.narrow(0, 0, 0).clone().MoveToOuterDisposeScope(), labels?.narrow(0, 0, 0).clone().MoveToOuterDisposeScope());
        }

        return DataSplit.TrainValidation(samples, normal is null ? data.TrainLabels : null, selection.ValidationFraction, seed);
    }

    // The one-class selection: the training samples of one class, in the data's order (the test split is scored whole).
    private static AnomalySplit OneClass(Dataset data, long label)
    {
        if (data.TrainLabels is null)
        {
            throw new DataInputException($"{data.Source}: data set '{data.Name}' has no labels; training on one normal class needs a labelled data set (for a CSV file, name its label column)");
        }

        using var scope = TorchSharp.torch.NewDisposeScope();
        var rows = data.TrainLabels.eq(label).nonzero().squeeze(1);
        if (rows.shape[0] == 0)
        {
            using var classes = data.TrainLabels.unique().Item1;
            throw new DataInputException($"{data.Source}: class {label} is not in the training split of '{data.Name}'; its classes are {string.Join(", ", classes.data<long>().ToArray())}");
        }

        var train = data.TrainFeatures.index_select(0, rows).MoveToOuterDisposeScope();
        return new AnomalySplit($"{data.Name}, class {label} only", train, data.TestFeatures.narrow(0, 0, 0).clone().MoveToOuterDisposeScope(), []);
    }

    /// <summary>The detector options a model was fitted with, read back from what it saved (for a resumed run).</summary>
    public static DetectorOptions DetectorOf(TrainedModel trained)
    {
        ArgumentNullException.ThrowIfNull(trained);
        var defaults = trained.Recipe?.Format == DataFormat.Windows ? DetectorOptions.ForSeries : new DetectorOptions();
        var rule = trained.Thresholds?.DefaultRule ?? defaults.DefaultRule;
        var contamination = rule == ThresholdRule.Contamination ? trained.Thresholds!.Default.Parameter : (double?)null;
        return new DetectorOptions(trained.ScoreKind, trained.AnomalyScore?.Neighbours ?? BaselineDetectors.DefaultNeighbours, contamination,
            rule == ThresholdRule.Contamination ? defaults.DefaultRule : rule);
    }

    // An output activation left open is chosen from the data: a sigmoid cannot reach the negative values of
    // z-normalised windows, and nothing else keeps outputs in [0, 1] for images and min-max scaled rows.
    private static ModelOptions ForTrainingData(ModelOptions model, Dataset data, TrainingOptions training)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        var inUnitRange = data.TrainFeatures.numel() == 0
            || (data.TrainFeatures.min().item<float>() >= 0 && data.TrainFeatures.max().item<float>() <= 1);
        var resolved = model.ForData(inUnitRange);
        if (training.Loss == ReconstructionLoss.Bce && resolved.EffectiveOutput != OutputActivation.Sigmoid)
        {
            throw new DataInputException(
                $"the bce loss needs data and outputs in [0, 1], but {data.Name}'s training values lie outside it (e.g. standardised windows); use the mse or mae loss, or min-max scaling.");
        }

        return resolved;
    }

    private static Autoencoder Build(ModelOptions model, Dataset data, long seed)
    {
        try
        {
            return ModelFactory.Create(model, data.SampleShape, seed);
        }
        catch (ArgumentException error)
        {
            var hint = model.Kind switch
            {
                ModelKind.Conv or ModelKind.Denoising => "use an image data set (digits, fashion-mnist, mnist or an IDX folder)",
                ModelKind.Sequence => "use a .csv time series cut into windows",
                _ => "check the latent and hidden sizes",
            };
            throw new DataInputException(
                $"a {model.Kind.ToString().ToLowerInvariant()} model cannot train on {data.Name}: {error.Message.Split(" (Parameter")[0]}; {hint}.", error);
        }
    }

    private static void LoadOptimizerState(Trainer trainer, string path)
    {
        try
        {
            trainer.LoadOptimizerState(path);
        }
        catch (Exception error) when (error is IOException or InvalidDataException or ArgumentException or EndOfStreamException or InvalidOperationException)
        {
            throw new DataInputException($"{path} is not the optimiser state of this model ({error.Message.Split('\n')[0]}): a resumed run needs it; train a new model instead", error);
        }
    }

    private static void Fit(TrainedModel trained, Dataset data, TrainingOptions training, IProgress<TrainingProgress>? progress,
        string? optimizerState, DetectorOptions detector, CancellationToken cancellationToken)
    {
        trained.Model.Options.Validate();
        using var split = SelectSamples(data, trained.Selection, training.Seed);
        var trainer = new Trainer(trained.Model, training);
        try
        {
            if (optimizerState is not null)
            {
                LoadOptimizerState(trainer, optimizerState);
            }

            var validation = split.ValidationFeatures.shape[0] > 0 ? split.ValidationFeatures : null;
            var history = trainer.Fit(split.TrainFeatures, validation, progress,
                trained.History.Epochs.Count > 0 ? trained.History : null, cancellationToken);
            if (history.Epochs.Count == 0)
            {
                trained.Update(training, history, null, trainer);
                return;
            }

            // The score learns from the samples the model was trained on, and the thresholds from their scores: the same
            // samples everywhere (validation samples stay out of both).
            var score = FittedScore.Fit(trained.Model, split.TrainFeatures, detector.Score, detector.Neighbours, training.Seed);
            var thresholds = AnomalyThresholdSet.Fit(score.TrainingScores, score.Kind, detector.DefaultRule, detector.Contamination);
            trained.Update(training, history, thresholds, trainer, score);
        }
        catch
        {
            trainer.Dispose();
            throw;
        }
    }
}
