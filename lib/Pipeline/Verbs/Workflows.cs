using Autoencoders.Checkpoints;
using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Plots;
using Autoencoders.Training;

namespace Autoencoders.Pipeline.Verbs;

/// <summary>What to train, on what, and where to save it (the train verb's options).</summary>
/// <param name="Dataset">A data set name (<c>digits</c>) or path (an IDX folder, a .csv file).</param>
/// <param name="Data">How to read, split and scale it; null takes the defaults.</param>
/// <param name="Model">Which model to build.</param>
/// <param name="Training">How to train it.</param>
/// <param name="Selection">Validation share and an excluded class; null: 10 % and every class.</param>
/// <param name="Out">The checkpoint folder to write (with <c>history.json</c>).</param>
/// <param name="InitFrom">A PyTorch weights file to start from instead of random weights (<see cref="Interop.PyTorchImport"/>), or null.</param>
/// <param name="Detector">The anomaly score and default threshold; null takes the data kind's (<see cref="DetectorDefaults"/>).</param>
public sealed record TrainRequest(
    string Dataset,
    DatasetLoadOptions? Data,
    ModelOptions Model,
    TrainingOptions Training,
    TrainingSelection? Selection,
    string Out,
    string? InitFrom = null,
    DetectorOptions? Detector = null);

/// <summary>Continue a saved training run up to <paramref name="Epochs"/> epochs in all.</summary>
/// <param name="Checkpoint">The checkpoint folder to resume.</param>
/// <param name="Epochs">Total epochs.</param>
/// <param name="Dataset">The data set to train on; null: the recipe's own.</param>
/// <param name="Out">Where to write the continued checkpoint (may be the same folder).</param>
public sealed record ResumeRequest(string Checkpoint, int Epochs, string? Dataset, string Out);

/// <summary>What a training workflow produced: the trained model (dispose it) and its summary.</summary>
/// <param name="Model">The trained model, saved to <paramref name="Folder"/>.</param>
/// <param name="Summary">How training ended and how the model does on the test split.</param>
/// <param name="Folder">The checkpoint folder.</param>
/// <param name="DatasetName">The data set's name.</param>
/// <param name="TrainingSamples">Samples trained on.</param>
/// <param name="ValidationSamples">Samples validated on.</param>
public sealed record TrainOutcome(TrainedModel Model, TrainingSummary Summary, string Folder, string DatasetName, long TrainingSamples, long ValidationSamples) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose() => Model.Dispose();
}

/// <summary>What to evaluate, on what, and where the report goes (the evaluate verb's options).</summary>
/// <param name="Checkpoint">The checkpoint folder.</param>
/// <param name="Dataset">Another data set of the same layout, or null for the recipe's own.</param>
/// <param name="Options">What to measure.</param>
/// <param name="Out">The folder for <c>metrics.json</c> and the figures.</param>
/// <param name="Png">Also write each figure as PNG (needs Chromium).</param>
/// <param name="AllowChangedData">Evaluate on the checkpoint's data file even when it changed since training (its SHA-256 differs).</param>
public sealed record EvaluateRequest(string Checkpoint, string? Dataset, EvaluationOptions Options, string Out, bool Png = false, bool AllowChangedData = false);

/// <summary>What an evaluation workflow produced.</summary>
/// <param name="Report">The report, as written to <c>metrics.json</c>.</param>
/// <param name="Charts">The figures, as drawn.</param>
/// <param name="MetricsPath">Where <c>metrics.json</c> was written.</param>
public sealed record EvaluateOutcome(EvaluationReport Report, IReadOnlyList<NamedChart> Charts, string MetricsPath);

/// <summary>
/// Each CLI verb's whole job as one library call, so that a program or a notebook can do in one line what the verb does:
/// <see cref="Train"/>, <see cref="Resume"/>, <see cref="Evaluate(EvaluateRequest, PipelineObserver?, CancellationToken)"/>, and <see cref="MainJob.Run"/> for the main job.
/// Progress and messages go to a <see cref="PipelineObserver"/>.
/// </summary>
public static class Workflows
{
    /// <summary>The training history's file, written beside the checkpoint.</summary>
    public const string HistoryFileName = Checkpoint.HistoryFileName;

    /// <summary>Loads the data, trains a new model, saves it with its history, and summarises it on the test split.</summary>
    public static TrainOutcome Train(TrainRequest request, PipelineObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        observer ??= PipelineObserver.Silent;
        using var writer = IO.OutputLock.Acquire(request.Out, "train");
        IO.AtomicFolder.EnsureReplaceable(request.Out, Checkpoint.IsCheckpointFile);
        using var data = Datasets.Load(request.Dataset, request.Data);
        Warn(data, observer);
        RequireRoom(request.Out, request.Model, data.SampleShape, request.Training.Seed);
        var selection = request.Selection ?? new TrainingSelection();
        selection.Validate();
        var (train, validation) = Counts(data, selection);
        var code = request.Model.DenseCode || request.Model.Kind is not (ModelKind.Conv or ModelKind.Denoising or ModelKind.Sequence)
            ? $"latent {request.Model.LatentSize}" : "the last feature map as the code";
        observer.Message($"Training a {request.Model.Kind.ToString().ToLowerInvariant()} autoencoder ({code}) on {data.Name}: " +
            $"{train:N0} training and {validation:N0} validation samples shaped [{string.Join(", ", data.SampleShape)}].");
        var detector = request.Detector ?? DetectorDefaults.For(data).Detector;
        observer.Message($"Anomaly score: {detector.Score}; default threshold: {(detector.Contamination is { } share ? FormattableString.Invariant($"the top {share:P1} of the training scores") : new AnomalyThreshold(detector.DefaultRule, detector.DefaultRule == ThresholdRule.MeanPlusKSigma ? AnomalyThresholds.DefaultK : 0, 0).Name)}.");
        var trained = observer.Training(progress => ModelTraining.Train(data, request.Model, request.Training, selection, progress, request.InitFrom, detector, cancellationToken));
        return Finish(trained, data, request.Out, train, validation, observer);
    }

    /// <summary>
    /// The defaults of <paramref name="dataset"/>'s kind of data (read once to learn its shape), and how many training
    /// samples <paramref name="selection"/> keeps before validation is held out.
    /// </summary>
    public static (DataKindDefaults Defaults, long SelectedSamples) DefaultsFor(string dataset, DatasetLoadOptions? options, TrainingSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        using var data = Datasets.Load(dataset, options);
        var samples = data.TrainFeatures.shape[0];
        if (data.TrainLabels is { } labels && (selection.ExcludedClass ?? selection.NormalClass) is { } label)
        {
            using var same = labels.eq(label).sum();
            samples = selection.NormalClass is null ? samples - same.item<long>() : same.item<long>();
        }

        return (DetectorDefaults.For(data), samples);
    }

    /// <summary>Continues a saved run on the same data and saves it again.</summary>
    public static TrainOutcome Resume(ResumeRequest request, PipelineObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        observer ??= PipelineObserver.Silent;
        using var writer = IO.OutputLock.Acquire(request.Out, "train --resume");
        IO.AtomicFolder.EnsureReplaceable(request.Out, Checkpoint.IsCheckpointFile);
        var trained = TrainedModel.Load(request.Checkpoint);
        try
        {
            RequireSameData(trained, request);
            IO.OutputSpace.Require(request.Out, CheckpointBytes(trained.Model), "the checkpoint");
            using var data = LoadFor(trained, request.Dataset, request.Checkpoint);
            var (train, validation) = Counts(data, trained.Selection);
            var from = trained.History.ResumableEpochs.Count;
            var redone = trained.History.Epochs.Count - from;
            observer.Message($"Resuming the {trained.Model.Options.Kind.ToString().ToLowerInvariant()} autoencoder of {request.Checkpoint} on {data.Name} " +
                $"from the end of epoch {from} (its kept state{(redone > 0 ? $"; the {redone} epoch(s) after it run again, as they would have" : "")}) " +
                $"up to epoch {request.Epochs} (it was trained for {trained.Training.Epochs}).");
            observer.Training(progress => ModelTraining.Resume(trained, data, request.Epochs, progress, cancellationToken));
            return Finish(trained, data, request.Out, train, validation, observer);
        }
        catch
        {
            trained.Dispose();
            throw;
        }
    }

    /// <summary>Loads a checkpoint and the data (its recipe's, or another set of the same layout), evaluates, writes <c>metrics.json</c> and the figures.</summary>
    /// <exception cref="OperationCanceledException">Cancelled before the results were written; the output folder is unchanged.</exception>
    public static EvaluateOutcome Evaluate(EvaluateRequest request, PipelineObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        observer ??= PipelineObserver.Silent;
        using var writer = IO.OutputLock.Acquire(request.Out, "evaluate");
        IO.AtomicFolder.EnsureReplaceable(request.Out, IsEvaluationFile);
        using var trained = TrainedModel.Load(request.Checkpoint);
        if (trained.Recipe is { } recipe && !request.AllowChangedData)
        {
            SourceCheck.RequireUnchanged(recipe, request.Dataset, request.Checkpoint, "--allow-changed-data");
        }

        using var data = LoadFor(trained, request.Dataset, request.Checkpoint);
        Warn(data, observer);
        observer.Message($"Evaluating the {trained.Model.Options.Kind.ToString().ToLowerInvariant()} autoencoder in {request.Options.Checkpoint ?? request.Checkpoint} on {data.Name} ({data.TestFeatures.shape[0]:N0} test samples).");
        return Evaluate(trained, data, request.Options with { Checkpoint = request.Options.Checkpoint ?? request.Checkpoint }, request.Out, request.Png, observer, cancellationToken);
    }

    /// <summary>Evaluates a model already in memory on <paramref name="data"/>; writes <c>metrics.json</c> and the figures into <paramref name="folder"/>.</summary>
    /// <exception cref="OperationCanceledException">Cancelled before the results were written; <paramref name="folder"/> is unchanged.</exception>
    public static EvaluateOutcome Evaluate(TrainedModel trained, Dataset data, EvaluationOptions options, string folder, bool png = false, PipelineObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trained);
        observer ??= PipelineObserver.Silent;
        cancellationToken.ThrowIfCancellationRequested();
        using var result = ModelEvaluation.Evaluate(trained, data, options);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var omitted in result.Report.Omitted)
        {
            observer.Message($"not measured: {omitted.Metric} ({omitted.Reason})");
        }

        var charts = EvaluationFigures.Draw(trained, data, result);
        var report = result.Report;
        charts = report.Denoising is { } denoising ? [.. charts, .. DenoisingFigures.Draw(trained, data, denoising)] : charts;
        cancellationToken.ThrowIfCancellationRequested();

        // metrics.json and the figures of one evaluation replace the folder's content together, never mixed with an older run's.
        IO.AtomicFolder.Replace(folder, fresh =>
        {
            var saved = FigureFiles.Save(charts, fresh, png);
            if (saved.PngProblem is { } problem)
            {
                observer.Message($"warning: {problem} (HTML figures are written anyway)");
            }

            report = report with { Figures = report.Denoising is { } measured ? [.. saved.Written, .. DenoisingFigures.SaveFiles(fresh, data, measured, charts, options.Denoising?.SaveImages == true)] : saved.Written };
            report.Save(Path.Combine(fresh, EvaluationReport.FileName));
        }, IsEvaluationFile);
        return new EvaluateOutcome(report, charts, Path.GetFullPath(Path.Combine(folder, EvaluationReport.FileName)));
    }

    /// <summary>
    /// The data a model is evaluated or resumed on: <paramref name="dataset"/> when given, else its recipe's source, in
    /// both cases read with the recipe (columns, window, split) and scaled with its fitted scaler.
    /// </summary>
    public static Dataset LoadFor(TrainedModel trained, string? dataset, string checkpoint)
    {
        ArgumentNullException.ThrowIfNull(trained);
        if (trained.Recipe is not { } recipe)
        {
            return dataset is null
                ? throw new DataInputException($"{checkpoint}: the checkpoint does not say what data it was trained on; pass --dataset.")
                : Datasets.Load(dataset);
        }

        var data = Datasets.Load(recipe, dataset);
        if (!data.SampleShape.SequenceEqual(trained.InputShape))
        {
            var shape = data.SampleShape;
            data.Dispose();
            throw new DataInputException(
                $"the model in {checkpoint} takes samples shaped [{string.Join(", ", trained.InputShape)}] but {dataset ?? recipe.Source} gives [{string.Join(", ", shape)}]: evaluate it on data like its training data.");
        }

        return data;
    }

    // Found out before training, not after it: a full or read-only disk would otherwise cost the whole run.
    private static void RequireRoom(string folder, ModelOptions model, IReadOnlyList<long> sampleShape, long seed)
    {
        Autoencoder probe;
        try
        {
            probe = ModelFactory.Create(model, sampleShape, seed);
        }
        catch (ArgumentException)
        {
            return; // a model that cannot take the data is reported by the training, with its own message
        }

        using (probe)
        {
            IO.OutputSpace.Require(folder, CheckpointBytes(probe), "the checkpoint");
        }
    }

    // Weights and Adam's two moment estimates in float32, and a megabyte for the JSON files.
    private static long CheckpointBytes(Autoencoder model) => (model.parameters().Sum(parameter => parameter.numel()) * 3 * sizeof(float)) + (1 << 20);

    // A resumed run continues on the samples it was trained on: another file would silently make it another run.
    private static void RequireSameData(TrainedModel trained, ResumeRequest request)
    {
        if (request.Dataset is not { } dataset || trained.Recipe is not { } recipe || dataset == recipe.Source)
        {
            return;
        }

        var sameFile = recipe.SourceSha256 is { } sha && File.Exists(dataset) && DataRecipe.Sha256Of(dataset) == sha;
        if (!sameFile)
        {
            throw new DataInputException(
                $"{request.Checkpoint} was trained on {recipe.Source}, not {dataset}: a resumed run continues on the same data; leave --dataset out (or name the same file), or train a new model on {dataset}");
        }
    }

    internal static bool IsEvaluationFile(string name) =>
        name == EvaluationReport.FileName || name.EndsWith(".html", StringComparison.Ordinal) || name.EndsWith(".png", StringComparison.Ordinal)
        || name is DenoisingFigures.NoisyImagesFileName or DenoisingFigures.CleanImagesFileName;

    private static TrainOutcome Finish(TrainedModel trained, Dataset data, string folder, long train, long validation, PipelineObserver observer)
    {
        if (trained.History.Epochs.Count == 0)
        {
            // Saving a model that never finished an epoch would replace a good checkpoint with an untrained one.
            observer.Message($"Interrupted before the first epoch finished: nothing saved, {folder} is unchanged.");
            return new TrainOutcome(trained, TrainingSummary.Of(trained, data), Path.GetFullPath(folder), data.Name, train, validation);
        }

        trained.Save(folder);
        return new TrainOutcome(trained, TrainingSummary.Of(trained, data), Path.GetFullPath(folder), data.Name, train, validation);
    }

    private static void Warn(Dataset data, PipelineObserver observer)
    {
        foreach (var warning in data.Warnings)
        {
            observer.Message($"warning: {warning}");
        }
    }

    // The sizes DataSplit.Indices gives, without copying any samples.
    private static (long Train, long Validation) Counts(Dataset data, TrainingSelection selection)
    {
        var samples = data.TrainFeatures.shape[0];
        if (selection.ExcludedClass is { } excluded && data.TrainLabels is { } labels)
        {
            using var kept = labels.ne(excluded).sum();
            samples = kept.item<long>();
        }
        else if (selection.NormalClass is { } normal && data.TrainLabels is { } classes)
        {
            using var kept = classes.eq(normal).sum();
            samples = kept.item<long>();
        }

        var validation = selection.ValidationFraction > 0 ? DataSplit.HeldOutCount(samples, selection.ValidationFraction) : 0;
        return (samples - validation, validation);
    }
}
