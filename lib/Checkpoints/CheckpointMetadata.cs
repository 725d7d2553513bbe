using System.Text.Json;
using System.Text.Json.Serialization;
using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Native;
using Autoencoders.Training;

namespace Autoencoders.Checkpoints;

/// <summary>
/// What <c>checkpoint.json</c> records next to the weights: enough to rebuild the model, apply it to raw data the way it
/// was trained (the data recipe, the fitted scaler, the anomaly thresholds), check its files and resume its training.
/// </summary>
/// <param name="FormatVersion">Version of this file's layout; a reader refuses newer versions and upgrades older ones.</param>
/// <param name="LibraryVersion">Version of the library that wrote it.</param>
/// <param name="Model">The model's options.</param>
/// <param name="InputShape">Shape of one input sample.</param>
/// <param name="Training">The training options used.</param>
/// <param name="History">The training history so far.</param>
/// <param name="WeightsSha256">SHA-256 of <c>model.bin</c>, to catch a weights file that does not belong to this metadata.</param>
/// <param name="Recipe">How raw data become the model's input (null only in a format-1 file of a data set it could not describe).</param>
/// <param name="Selection">Which training samples were used (validation share, an excluded class).</param>
/// <param name="Thresholds">Anomaly thresholds fitted on the training scores, or null when none were fitted (format 1).</param>
/// <param name="OptimizerSha256">SHA-256 of <c>optimizer.bin</c>, or null when the checkpoint has none.</param>
/// <param name="Environment">Versions, thread count and CPU of the training run (null in checkpoints written before it was recorded).</param>
/// <param name="Score">
/// The anomaly score the model was fitted with, and what it learnt from the training samples (format 3); null in older
/// checkpoints, which score by plain reconstruction error (<c>mse</c>), the score their thresholds were fitted on.
/// </param>
/// <param name="Dataset">Format 1 only: the data set's name.</param>
/// <param name="Preprocessing">Format 1 only: the fitted scaler as JSON.</param>
public sealed record CheckpointMetadata(
    int FormatVersion,
    string LibraryVersion,
    ModelOptions Model,
    IReadOnlyList<long> InputShape,
    TrainingOptions Training,
    TrainingHistory History,
    string WeightsSha256,
    DataRecipe? Recipe = null,
    TrainingSelection? Selection = null,
    AnomalyThresholdSet? Thresholds = null,
    string? OptimizerSha256 = null,
    RunEnvironment? Environment = null,
    ScoreState? Score = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Dataset = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Preprocessing = null)
{
    /// <summary>The data set's name or path (<see cref="DataRecipe.Source"/>, or the format-1 name).</summary>
    [JsonIgnore]
    public string? DatasetName => Recipe?.Source ?? Dataset;

    /// <summary>Throws a one-line <see cref="DataInputException"/> when samples of <paramref name="sampleShape"/> do not fit the model.</summary>
    public void RequireInputShape(IReadOnlyList<long> sampleShape, string dataDescription)
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        if (!sampleShape.SequenceEqual(InputShape))
        {
            throw new DataInputException(
                $"the checkpoint's model was trained on samples shaped [{string.Join(", ", InputShape)}] (data set '{DatasetName}') " +
                $"but {dataDescription} has samples shaped [{string.Join(", ", sampleShape)}]: train a model on this data first.");
        }
    }

    /// <summary>
    /// A format-1 file in today's terms: its data-set name and scaler become a recipe (images for 3-D samples, windows
    /// for 2-D, table rows for 1-D), with the defaults format 1 always used (split seed 0, 20 % test, min-max scaling).
    /// Thresholds stay null: format 1 did not save them.
    /// </summary>
    internal CheckpointMetadata Upgraded()
    {
        if (Recipe is not null || Dataset is null)
        {
            return this;
        }

        var scaler = Preprocessing is { } json ? ScalerState.FromJson(json.GetRawText()) : null;
        var format = InputShape.Count switch
        {
            3 => DataFormat.Images,
            2 => DataFormat.Windows,
            _ => scaler is null ? DataFormat.Images : DataFormat.Table,
        };
        var window = format == DataFormat.Windows ? (int?)InputShape[0] : null;
        var recipe = new DataRecipe(Dataset, null, null, format, InputShape, new DatasetLoadOptions { Window = window, Flatten = format == DataFormat.Images && InputShape.Count == 1 },
            null, scaler, null);
        return this with { Recipe = recipe, Selection = Selection ?? new TrainingSelection() };
    }
}
