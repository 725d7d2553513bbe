using Autoencoders.Checkpoints;
using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Data.TimeSeries;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Native;
using Autoencoders.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Pipeline;

/// <summary>
/// A trained autoencoder with everything needed to apply it to raw data — the fitted anomaly detector, saved whole: the
/// recipe its training data were prepared with (columns, windows, the fitted scaler), the model, the anomaly score with
/// what it learnt from the training samples, the thresholds fitted on that same score, and how it was trained (PyOD's
/// detector contract: <see cref="Score(Tensor, IProgress{long}?)"/> is its <c>decision_function</c>, <see cref="Predict"/>
/// its <c>predict</c>). This is what a checkpoint folder holds (<see cref="Save"/>, <see cref="Load"/>), and what
/// <see cref="ModelTraining.Train"/> returns. Inputs are raw: in the units of the data files; the model's scaler is
/// applied on the way in and undone on the way out. Dispose it to free the model.
/// </summary>
public sealed class TrainedModel : IDisposable
{
    private Trainer? _trainer;
    private FittedScore? _score;

    internal TrainedModel(Autoencoder model, DataRecipe? recipe, TrainingOptions training, TrainingSelection selection,
        TrainingHistory history, AnomalyThresholdSet? thresholds, RunEnvironment? environment, string? optimizerStatePath, Trainer? trainer,
        ScoreState? score = null)
    {
        AnomalyScore = score;
        Model = model;
        Recipe = recipe;
        Training = training;
        Selection = selection;
        History = history;
        Thresholds = thresholds;
        Environment = environment;
        OptimizerStatePath = optimizerStatePath;
        _trainer = trainer;
        Scaler = recipe?.Scaler is { } state ? FeatureScaler.FromState(state) : null;
    }

    /// <summary>The network, in evaluation mode outside training.</summary>
    public Autoencoder Model { get; }

    /// <summary>How raw data become the model's input; null for a model trained on data built by hand.</summary>
    public DataRecipe? Recipe { get; }

    /// <summary>The training options used.</summary>
    public TrainingOptions Training { get; private set; }

    /// <summary>Which training samples were used.</summary>
    public TrainingSelection Selection { get; }

    /// <summary>What happened epoch by epoch.</summary>
    public TrainingHistory History { get; private set; }

    /// <summary>Anomaly thresholds fitted on the training scores; null for a format-1 checkpoint, which did not keep them.</summary>
    public AnomalyThresholdSet? Thresholds { get; private set; }

    /// <summary>
    /// The anomaly score with its fitted state; null for a checkpoint saved before scores were kept (format 1 or 2), which
    /// scores by plain reconstruction error, as its thresholds were fitted.
    /// </summary>
    public ScoreState? AnomalyScore { get; private set; }

    /// <summary>The anomaly score's name: <c>mse</c>, <c>mse+centre</c>, <c>centre+knn</c>, <c>ssim</c>, <c>ssim+latent</c>, ….</summary>
    public string ScoreKind => AnomalyScore?.Kind ?? FittedScore.Mse;

    /// <summary>Versions, threads and CPU of the training run, when known.</summary>
    public RunEnvironment? Environment { get; private set; }

    /// <summary>The scaler the model's inputs go through, or null for data used as stored (images).</summary>
    public FeatureScaler? Scaler { get; }

    /// <summary>Shape of one sample as the model takes it.</summary>
    public IReadOnlyList<long> InputShape => Model.InputShape;

    /// <summary>The saved optimiser state of a loaded checkpoint, for resuming; null when there is none.</summary>
    internal string? OptimizerStatePath { get; }

    /// <summary>Loads a checkpoint folder written by <see cref="Save"/> (or by an earlier version of the library).</summary>
    /// <exception cref="DataInputException">The folder is missing, damaged, or its files do not belong together.</exception>
    public static TrainedModel Load(string folder)
    {
        var loaded = Checkpoint.Load(folder);
        var metadata = loaded.Metadata;

        // Applied where the program runs its models (Devices.Prefer: the CLI's --device), whatever it was trained on.
        loaded.Model.to(Devices.Resolve(Devices.Auto));
        return new TrainedModel(loaded.Model, metadata.Recipe, metadata.Training, metadata.Selection ?? new TrainingSelection(),
            metadata.History, metadata.Thresholds, metadata.Environment, loaded.OptimizerStatePath, trainer: null, metadata.Score);
    }

    /// <summary>
    /// Writes the model as a checkpoint folder: weights, metadata (recipe, thresholds, history, versions) and, when it
    /// was trained in this process, the optimiser state for resuming.
    /// </summary>
    public CheckpointMetadata Save(string folder)
    {
        var metadata = Checkpoint.Save(folder, Model, new CheckpointContent(Recipe, Training, Selection, History, Thresholds, AnomalyScore), _trainer);
        Environment = metadata.Environment;
        return metadata;
    }

    /// <summary>Raw samples <c>(n, ...)</c> in the data's units → the model's input: scaled and checked against <see cref="InputShape"/>.</summary>
    /// <exception cref="DataInputException">The samples have another shape than the model takes.</exception>
    public Tensor Prepare(Tensor raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.dim() < 2 || !raw.shape.Skip(1).SequenceEqual(InputShape))
        {
            throw new DataInputException(
                $"the model takes samples shaped [{string.Join(", ", InputShape)}] but got [{string.Join(", ", raw.shape.Skip(1))}]; give data like the model's training data ({Recipe?.Source ?? "unknown"}).");
        }

        return Scaler is null ? raw.alias() : Scaler.Transform(raw);
    }

    /// <summary>Model units → the data's units (the scaler undone).</summary>
    public Tensor Unprepare(Tensor scaled)
    {
        ArgumentNullException.ThrowIfNull(scaled);
        return Scaler is null ? scaled.alias() : Scaler.InverseTransform(scaled);
    }

    /// <summary>The codes of raw samples: <c>(n, ...) → (n, LatentSize)</c> (a VAE gives its mean).</summary>
    public Tensor Encode(Tensor raw, IProgress<long>? progress = null)
    {
        using var scope = NewDisposeScope();
        var prepared = Prepare(raw);
        return BatchedInference.Map(Model, prepared, Model.Encode, progress: progress).MoveToOuterDisposeScope();
    }

    /// <summary>Reconstructions of raw samples, in the data's units: <c>(n, ...) → (n, ...)</c>.</summary>
    public Tensor Reconstruct(Tensor raw, IProgress<long>? progress = null)
    {
        using var scope = NewDisposeScope();
        var prepared = Prepare(raw);
        return Unprepare(BatchedInference.Map(Model, prepared, Model.forward, progress: progress)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Anomaly scores of raw samples by the detector's score (<see cref="ScoreKind"/>, with the state it learnt from the
    /// training samples), in the units its thresholds were fitted in: <c>(n, ...) → n</c> scores, higher = more anomalous.
    /// </summary>
    public double[] Score(Tensor raw, IProgress<long>? progress = null)
    {
        using var scope = NewDisposeScope();
        return FittedScore.Score(Prepare(raw), progress);
    }

    /// <summary>
    /// Flags raw samples: true where the score is above <paramref name="threshold"/> (the saved default when null), as
    /// PyOD's <c>predict</c>: <c>(n, ...) → n</c> flags.
    /// </summary>
    public bool[] Predict(Tensor raw, AnomalyThreshold? threshold = null)
    {
        var limit = (threshold ?? Threshold()).Value;
        return [.. Score(raw).Select(score => score > limit)];
    }

    /// <summary>
    /// Why table rows score as they do: for each raw row <c>(n, features)</c>, the <paramref name="columns"/> columns that
    /// contribute most to its score, worst first, with the value and its reconstruction in the data's units. A column's
    /// contribution is its part of the score's reconstruction terms in the model's units: (x − x̂)² for <c>mse</c>, plus
    /// (x̂ − m)² (m the training centre) for the scores that measure the distance from the centre.
    /// </summary>
    /// <exception cref="DataInputException">The model does not read table rows.</exception>
    public IReadOnlyList<ExplainedRow> Explain(Tensor raw, int columns = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (Recipe is not { Format: DataFormat.Table, Columns: { } names })
        {
            throw new DataInputException("explaining scores by column needs a model of table rows; this one reads " + (Recipe?.Format.ToString().ToLowerInvariant() ?? "data built by hand") + ".");
        }

        using var scope = NewDisposeScope();
        var scores = Score(raw);
        var input = Prepare(raw);
        var prepared = input.flatten(1).to_type(ScalarType.Float64);
        var reconstruction = BatchedInference.Map(Model, input, Model.forward).flatten(1).to_type(ScalarType.Float64);
        var contribution = (prepared - reconstruction).square();
        if (AnomalyScore?.Centre is { } centre)
        {
            contribution += (reconstruction - tensor(centre.ToArray())).square();
        }

        var values = raw.flatten(1).to_type(ScalarType.Float64).data<double>().ToArray();
        var rebuilt = Unprepare(reconstruction.to_type(ScalarType.Float32).reshape(raw.shape)).flatten(1).to_type(ScalarType.Float64).data<double>().ToArray();
        var parts = contribution.data<double>().ToArray();
        var width = names.Count;
        return [.. Enumerable.Range(0, scores.Length).Select(row =>
        {
            var offset = row * width;
            var total = parts.AsSpan(offset, width).ToArray().Sum();
            var worst = Enumerable.Range(0, width).OrderByDescending(c => parts[offset + c]).ThenBy(c => c).Take(columns)
                .Select(c => new FeatureError(names[c], values[offset + c], rebuilt[offset + c], parts[offset + c], total > 0 ? parts[offset + c] / total : 0));
            return new ExplainedRow(row, scores[row], null, total / width, [.. worst]);
        })];
    }

    /// <summary>The fitted score, rebuilt from <see cref="AnomalyScore"/> on first use.</summary>
    /// <exception cref="DataInputException">The saved score does not fit the model (an edited checkpoint).</exception>
    internal FittedScore FittedScore
    {
        get
        {
            if (_score is null)
            {
                try
                {
                    _score = FittedScore.Restore(Model, AnomalyScore ?? new ScoreState(FittedScore.Mse, []));
                }
                catch (ArgumentException error)
                {
                    throw new DataInputException($"the checkpoint's anomaly score cannot be used: {error.Message.Split(" (Parameter")[0]}; train the model again.", error);
                }
            }

            return _score;
        }
    }

    /// <summary>
    /// Scores new data (read by <see cref="InputReader.Read"/>) and flags the rows above <paramref name="threshold"/> (the
    /// saved default when null). For a time series the rows are its steps: a step's score is the lowest score of the
    /// windows that hold it (<see cref="SlidingWindows.MinimumPerStep"/>), so a step is flagged only when every window
    /// holding it is anomalous, the rule of keras-io's time-series example.
    /// </summary>
    public ScoredInput Score(InputData input, AnomalyThreshold? threshold = null, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        threshold ??= Threshold();
        var scores = Score(input.Samples, progress);
        var windowScores = input.Format == DataFormat.Windows ? scores : null;
        if (windowScores is not null)
        {
            scores = SlidingWindows.MinimumPerStep(windowScores, input.Steps!.Value, (int)InputShape[0]);
        }

        return new ScoredInput(input.Ids, scores, [.. scores.Select(score => score > threshold.Value)], threshold, input.LabelColumn, input.Labels,
            input.TimestampColumn, input.Timestamps, windowScores);
    }

    /// <summary>
    /// The codes of new data, <c>(n, LatentSize)</c>, and the id of each row: for a time series one code per window,
    /// named by the step it starts at.
    /// </summary>
    /// <remarks>For the timestamps of the rows, take the first <c>Codes.shape[0]</c> of <see cref="InputData.Timestamps"/>.</remarks>
    public (IReadOnlyList<string> Ids, Tensor Codes) Encode(InputData input, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var codes = Encode(input.Samples, progress);
        return ([.. input.Ids.Take((int)codes.shape[0])], codes);
    }

    /// <summary>
    /// Reconstructions of new data in the data's units: <c>(n, ...)</c> like <see cref="InputData.Samples"/>, except for a
    /// time series, which comes back as one series <c>(steps, channels)</c>: each step the mean of its reconstructions in
    /// the windows that hold it (<see cref="SlidingWindows.MeanPerStep"/>).
    /// </summary>
    public Tensor Reconstruct(InputData input, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var reconstruction = Reconstruct(input.Samples, progress);
        return (input.Format == DataFormat.Windows ? SlidingWindows.MeanPerStep(reconstruction) : reconstruction).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The threshold named by <paramref name="ruleOrValue"/> (a saved rule such as <c>p99</c>, or a number), or the
    /// saved default when null.
    /// </summary>
    /// <exception cref="DataInputException">No thresholds were saved and none was given as a number, or the rule is unknown.</exception>
    public AnomalyThreshold Threshold(string? ruleOrValue = null)
    {
        if (Thresholds is null)
        {
            if (ruleOrValue is not null && double.TryParse(ruleOrValue, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return new AnomalyThreshold(ThresholdRule.Fixed, 0, value);
            }

            throw new DataInputException("this checkpoint keeps no anomaly thresholds (it was written by an older version): give a threshold as a number, or train the model again.");
        }

        if (ruleOrValue is not null && TopShare(ruleOrValue) is { } share)
        {
            if (AnomalyScore is not { TrainingScores.Count: > 0 } state)
            {
                throw new DataInputException($"threshold '{ruleOrValue}' needs the training scores, which this checkpoint (written by an older version) does not keep: use one of its saved rules ({string.Join(", ", Thresholds.Rules.Select(rule => rule.Name))}) or a number, or train the model again.");
            }

            return AnomalyThresholds.Contamination(state.TrainingScores, share);
        }

        try
        {
            return ruleOrValue is null ? Thresholds.Default : Thresholds.Choose(ruleOrValue);
        }
        catch (ArgumentException error)
        {
            throw new DataInputException($"threshold {error.Message.Split(" (Parameter")[0]}.", error);
        }
    }

    // topN% (any N in (0, 50]): the contamination rule at that share, fitted on the saved training scores.
    private static double? TopShare(string rule)
    {
        var text = rule.Trim();
        if (!text.StartsWith("top", StringComparison.OrdinalIgnoreCase) || !text.EndsWith('%'))
        {
            return null;
        }

        return double.TryParse(text[3..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var percent)
            && percent > 0 && percent <= 50
            ? percent / 100
            : throw new DataInputException($"threshold '{rule}' must be topN% with N a percentage in (0, 50], e.g. top5%.");
    }

    internal void Update(TrainingOptions training, TrainingHistory history, AnomalyThresholdSet? thresholds, Trainer trainer, FittedScore? score = null)
    {
        Training = training;
        History = history;
        Thresholds = thresholds ?? Thresholds;
        if (score is not null)
        {
            _score?.Dispose();
            _score = score;
            AnomalyScore = score.State;
        }

        if (!ReferenceEquals(_trainer, trainer))
        {
            _trainer?.Dispose();
            _trainer = trainer;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _trainer?.Dispose();
        _score?.Dispose();
        Model.Dispose();
    }
}
